package io.guidelinekb.engine;

import io.guidelinekb.model.Case;
import io.guidelinekb.model.ConditionCheck;
import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.model.ExplainedResult;
import io.guidelinekb.model.Explanation;
import io.guidelinekb.model.Firing;
import io.guidelinekb.model.RecommendationExplanation;
import io.guidelinekb.model.RuleExplanation;
import io.guidelinekb.model.Recommendation;
import io.guidelinekb.model.RecommendationDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Builds an explanation from the engine's record of an evaluation and the rules as written. */
public final class Explainer {

    private final List<RuleCatalog.RuleEntry> rules;

    Explainer(List<RuleCatalog.RuleEntry> rules) {
        this.rules = rules;
    }

    public ExplainedResult explain(Case input, Evaluator.Traced traced) {
        List<RuleExplanation> scopeRules = new ArrayList<>();
        List<RecommendationExplanation> recommendations = new ArrayList<>();
        for (RuleCatalog.RuleEntry rule : rules) {
            RuleExplanation explained = explainRule(rule, traced);
            if (rule.definition() == null) {
                scopeRules.add(explained);
            } else {
                recommendations.add(explainRecommendation(rule.definition(), explained, traced.result()));
            }
        }
        EpisodeResult result = traced.result();
        Explanation explanation = new Explanation(result.episodeId(), result.status(), scopeRules, recommendations);
        return new ExplainedResult(input, result, explanation, traced.firings());
    }

    private static RuleExplanation explainRule(RuleCatalog.RuleEntry rule, Evaluator.Traced traced) {
        List<Firing> firings = traced.firings().stream().filter(f -> f.rule().equals(rule.name())).toList();
        List<String> concluded = firings.stream().flatMap(f -> f.concluded().stream()).map(String::valueOf).toList();
        List<ConditionCheck> conditions = new ConditionReader(rule.imports(), traced.facts()).read(rule.descr());
        return new RuleExplanation(rule.name(), rule.file().displayPath(), rule.line(), firings.size(), concluded,
                conditions);
    }

    private static RecommendationExplanation explainRecommendation(RecommendationDefinition definition,
                                                                   RuleExplanation rule, EpisodeResult result) {
        Recommendation given = result.recommendation(definition.id()).orElse(null);
        RecommendationExplanation.Outcome outcome = given == null ? RecommendationExplanation.Outcome.WITHHELD
                : given.triggered() ? RecommendationExplanation.Outcome.TRIGGERED : RecommendationExplanation.Outcome.GIVEN;
        Set<String> triggeredBy = given == null ? Set.of() : given.triggeredBy();
        return new RecommendationExplanation(definition.id(), outcome, triggeredBy, definition.concerns(),
                definition.against(), rule);
    }
}
