package io.guidelinekb.authoring;

import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.model.Firing;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.model.RuleInfo;
import io.guidelinekb.model.Recommendation;
import io.guidelinekb.model.RecommendationDefinition;
import io.guidelinekb.model.ScopeStatus;
import io.guidelinekb.scenario.Scenario;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a set of scenarios exercises: for every rule the scenarios that fired it, for every
 * recommendation the scenarios in which it was given, withheld (an in-scope episode that did not
 * get it) and triggered, and for every scope reason the scenarios that produced it. An outcome
 * counts only where the scenario checks it: a recommendation given in a scenario that does not say
 * so covers nothing. Read from the engine's record of each evaluation.
 */
public record Coverage(String knowledgeBaseVersion, List<String> scenarios, Map<RuleInfo, List<String>> rules,
                       Map<String, Uses> recommendations, Map<String, List<String>> reasons) {

    /** The scenarios in which a recommendation was given (triggered or not), withheld, and triggered. */
    public record Uses(List<String> given, List<String> withheld, List<String> triggered) {
        Uses frozen() {
            return new Uses(List.copyOf(given), List.copyOf(withheld), List.copyOf(triggered));
        }
    }

    public Coverage {
        scenarios = List.copyOf(scenarios);
        rules = freeze(rules, List::copyOf);
        recommendations = freeze(recommendations, Uses::frozen);
        reasons = freeze(reasons, List::copyOf);
    }

    /** An unmodifiable copy that keeps the order of the keys. */
    private static <K, V> Map<K, V> freeze(Map<K, V> map, java.util.function.UnaryOperator<V> copy) {
        Map<K, V> frozen = new LinkedHashMap<>();
        map.forEach((key, value) -> frozen.put(key, copy.apply(value)));
        return java.util.Collections.unmodifiableMap(frozen);
    }

    public static Coverage of(KnowledgeBase knowledgeBase, List<Scenario> scenarios) {
        Map<RuleInfo, List<String>> rules = new LinkedHashMap<>();
        knowledgeBase.rules().forEach(rule -> rules.put(rule, new ArrayList<>()));
        Map<String, Uses> recommendations = new LinkedHashMap<>();
        for (RecommendationDefinition definition : knowledgeBase.recommendations()) {
            recommendations.put(definition.id(), new Uses(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
        }
        Map<String, List<String>> reasons = new LinkedHashMap<>();
        for (String reason : knowledgeBase.vocabulary().terms(io.guidelinekb.model.Vocabulary.Section.SCOPE_REASONS)
                .keySet()) {
            reasons.put(reason, new ArrayList<>());
        }
        List<String> names = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            String name = scenario.file();
            names.add(name);
            KnowledgeBase.Traced traced = knowledgeBase.guideline(scenario.guideline()).orElseThrow()
                    .trace(scenario.input());
            List<String> fired = traced.firings().stream().map(Firing::rule).distinct().toList();
            rules.forEach((rule, users) -> {
                if (fired.contains(rule.name())) {
                    users.add(name);
                }
            });
            EpisodeResult result = traced.result();
            io.guidelinekb.scenario.Expectation expect = scenario.expect();
            recommendations.forEach((id, uses) -> {
                Recommendation given = result.recommendation(id).orElse(null);
                if (given != null && checksGiven(expect, id)) {
                    uses.given().add(name);
                } else if (given == null && result.status() == ScopeStatus.IN_SCOPE && checksWithheld(expect, id)) {
                    // withheld means the rule held it back for an episode it covers; out of scope, all are silent
                    uses.withheld().add(name);
                }
                if (given != null && given.triggered() && checksTriggers(expect, id)) {
                    uses.triggered().add(name);
                }
            });
            if (expect.reasons() != null) {
                result.reasons().forEach(reason -> reasons.get(reason).add(name));
            }
        }
        return new Coverage(knowledgeBase.version(), names, rules, recommendations, reasons);
    }

    private static boolean checksGiven(io.guidelinekb.scenario.Expectation expect, String id) {
        return named(expect.recommendations(), id) || named(expect.given(), id);
    }

    private static boolean checksWithheld(io.guidelinekb.scenario.Expectation expect, String id) {
        return expect.recommendations() != null && !named(expect.recommendations(), id)
                || expect.withheld() != null && expect.withheld().contains(id);
    }

    private static boolean checksTriggers(io.guidelinekb.scenario.Expectation expect, String id) {
        return expect.triggered() != null || expect.triggeredAgainst() != null || expect.triggeredWith() != null
                || java.util.stream.Stream.of(expect.recommendations(), expect.given()).filter(java.util.Objects::nonNull)
                .flatMap(List::stream).anyMatch(r -> r.id().equals(id) && (r.triggeredBy() != null || r.against() != null
                        || r.with() != null));
    }

    private static boolean named(List<io.guidelinekb.scenario.ExpectedRecommendation> listed, String id) {
        return listed != null && listed.stream().anyMatch(r -> r.id().equals(id));
    }

    public List<RuleInfo> rulesNeverFired() {
        return rules.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    public List<String> recommendationsNeverTriggered() {
        return recommendations.entrySet().stream().filter(e -> e.getValue().triggered().isEmpty())
                .map(Map.Entry::getKey).toList();
    }

    /** Recommendations whose rule can withhold them from an in-scope episode, and never did in these scenarios. */
    public List<String> recommendationsNeverWithheld() {
        return recommendations.entrySet().stream().filter(e -> e.getValue().withheld().isEmpty())
                .filter(e -> rules.keySet().stream().anyMatch(r -> e.getKey().equals(r.recommendationId())
                        && r.conditional())).map(Map.Entry::getKey).toList();
    }

    public List<String> reasonsNeverProduced() {
        return reasons.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }
}
