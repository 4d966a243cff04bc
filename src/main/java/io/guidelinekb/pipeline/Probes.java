package io.guidelinekb.pipeline;

import io.guidelinekb.model.Case;
import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.model.EvaluationException;
import io.guidelinekb.model.RuleProblem;
import io.guidelinekb.engine.GuidelineRules;
import io.guidelinekb.engine.Renamed;
import io.guidelinekb.engine.RuleCatalog;
import io.guidelinekb.model.Episode;
import io.guidelinekb.model.Vocabulary;
import io.guidelinekb.model.Patient;
import io.guidelinekb.model.Recommendation;
import io.guidelinekb.model.RecommendationDefinition;
import io.guidelinekb.model.ScopeStatus;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs a grid of plausible episodes, most of them in scope, through a guideline's rules: a rule that
 * fails or runs into a limit on them is an error at that rule; episodes that get another result
 * evaluated together than alone are an error (a rule joins across episodes); a recommendation none
 * of the in-scope episodes received is a warning (its conditions may contradict the scope). The grid
 * is test data, not logic: which episodes are in scope is decided by the rules themselves.
 */
final class Probes {

    private static final LocalDate AS_OF = LocalDate.of(2026, 1, 15);
    private static final int POPULATION = 2_000;

    private Probes() {
    }

    /**
     * The probes' findings for one guideline's compiled rules.
     *
     * @param rules      the compiled rules
     * @param catalog    their catalogue, for where each rule is written
     * @param population the guideline's synthetic population, or {@code null}
     * @param where      the folder, named when a finding has no rule of its own
     */
    static List<RuleProblem> run(GuidelineRules rules, RuleCatalog catalog, Population population, String where) {
        List<Case> grid = grid(rules.vocabulary(), population);
        List<Case> all = new ArrayList<>(grid);
        if (population != null) {
            all.addAll(population(population));
        }
        try {
            List<EpisodeResult> together = rules.evaluator().evaluateInTurn(all);
            // every tenth of the grid and the whole mix alone: the mix is where cases differ most
            List<Integer> compared = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if (i >= grid.size() || i % 10 == 0) {
                    compared.add(i);
                }
            }
            List<RuleProblem> problems = new ArrayList<>(togetherDiffersFromAlone(rules,
                    compared.stream().map(all::get).toList(), compared.stream().map(together::get).toList(), where));
            problems.addAll(neverGiven(catalog, together.subList(0, grid.size())));
            return problems;
        } catch (EvaluationException e) {
            return List.of(failedOnProbe(e, catalog, where));
        }
    }

    /**
     * Episodes evaluated together share a session; a rule that relates facts other than by id
     * would mix them up. Comparing both ways catches what the load-time check of joins cannot see.
     */
    private static List<RuleProblem> togetherDiffersFromAlone(GuidelineRules rules, List<Case> cases,
                                                              List<EpisodeResult> together, String where) {
        List<EpisodeResult> each = rules.evaluator().evaluateEachAlone(cases);
        for (int i = 0; i < cases.size(); i++) {
            EpisodeResult alone = each.get(i);
            if (!alone.equals(together.get(i))) {
                return List.of(RuleProblem.error(where, 0, 0, "episode " + alone.episodeId()
                        + " gets another result when evaluated together with other episodes than alone ("
                        + OutcomeDiff.between(alone, together.get(i)) + "): every pattern must be related to its "
                        + "episode or patient by id"));
            }
        }
        return List.of();
    }

    private static List<RuleProblem> neverGiven(RuleCatalog catalog, List<EpisodeResult> results) {
        Set<String> given = new HashSet<>();
        int inScope = 0;
        for (EpisodeResult result : results) {
            if (result.status() == ScopeStatus.IN_SCOPE) {
                inScope++;
                result.recommendations().stream().map(Recommendation::id).forEach(given::add);
            }
        }
        List<RuleProblem> warnings = new ArrayList<>();
        for (RuleCatalog.RuleEntry rule : catalog.rules()) {
            RecommendationDefinition definition = rule.definition();
            if (definition != null && definition.lifecycle() != io.guidelinekb.model.Lifecycle.RETIRED && !given.contains(definition.id())) {
                warnings.add(new RuleProblem(rule.file().displayPath(), rule.line(), rule.column(),
                        RuleProblem.Severity.WARNING, definition.id() + " was given to none of the " + inScope
                        + " in-scope probe episodes: its conditions may never hold together with an in-scope status"));
            }
        }
        return warnings;
    }

    /** A rule that throws or runs into a limit on the probe episodes is an error at that rule. */
    private static RuleProblem failedOnProbe(EvaluationException e, RuleCatalog catalog, String where) {
        return catalog.rules().stream().filter(r -> r.name().equals(e.rule())).findFirst()
                .map(r -> RuleProblem.error(r.file().displayPath(), r.line(), r.column(), "on the probe episodes: "
                        + e.getMessage()))
                .orElse(RuleProblem.error(where, 0, 0, "on the probe episodes: " + e.getMessage()));
    }

    /**
     * The generator's mix: every scope reason, red flag and intervention, missing data, ages and
     * durations at the boundaries. A rule that joins two episodes carelessly shows here, where the
     * grid's in-scope episodes would hide it.
     */
    private static List<Case> population(io.guidelinekb.pipeline.Population population) {
        PopulationGenerator generator = new PopulationGenerator(20_160_601L, AS_OF, population);
        List<Case> cases = new ArrayList<>(POPULATION);
        for (int i = 0; i < POPULATION; i++) {
            Case next = generator.next();
            String id = "mix-" + i;
            cases.add(new Case(Renamed.patient(next.patient(), id), Renamed.episode(next.episode(), id, id)));
        }
        return cases;
    }

    /**
     * Ages and durations across the plausible range, every pattern of the vocabulary's findings in
     * which all hold, or all but one or two (the one or two false, or one not known), and no proposal, each
     * intervention alone, or all of them: most of it is in scope for a guideline whose findings say
     * what the episode has, whichever the guideline.
     */
    private static List<Case> grid(Vocabulary vocabulary, io.guidelinekb.pipeline.Population population) {
        List<Case> cases = new ArrayList<>();
        List<String> interventions = List.copyOf(vocabulary.terms(Vocabulary.Section.INTERVENTIONS).keySet());
        List<List<String>> proposals = new ArrayList<>();
        proposals.add(List.of());
        interventions.forEach(i -> proposals.add(List.of(i)));
        proposals.add(interventions);
        // a rule about two proposals together (an analgesic with another) is probed like any other,
        // on the pattern in which every finding holds
        List<List<String>> pairs = new ArrayList<>();
        for (int i = 0; i < interventions.size(); i++) {
            for (int j = i + 1; j < interventions.size(); j++) {
                pairs.add(List.of(interventions.get(i), interventions.get(j)));
            }
        }
        int n = 0;
        // ages and durations across the range, and on both sides of the scope's thresholds where the
        // guideline's population.yaml names them: no guideline's numbers are written here
        int[] ages = population == null ? new int[] {12, 18, 45, 90}
                : new int[] {population.age() - 4, population.age(), population.age() + 2, 45, 90};
        int[] durations = population == null ? new int[] {0, 30, 90}
                : new int[] {0, 30, population.days(), population.days() + 6};
        for (int age : ages) {
            for (int days : durations) {
                List<Map<String, Boolean>> patterns = findingPatterns(vocabulary);
                for (Map<String, Boolean> findings : patterns) {
                    List<List<String>> proposed = new ArrayList<>(proposals);
                    if (findings == patterns.get(0)) {
                        proposed.addAll(pairs);
                    }
                    for (List<String> proposal : proposed) {
                        String id = "probe-" + n++;
                        Episode.Builder episode = Episode.builder(id, id, AS_OF).durationDays(days)
                                .previousEpisodes(n % 3).propose(proposal);
                        findings.forEach(episode::finding);
                        cases.add(new Case(Patient.aged(id, age), episode.build()));
                    }
                }
            }
        }
        return cases;
    }

    private static List<Map<String, Boolean>> findingPatterns(Vocabulary vocabulary) {
        List<String> ids = List.copyOf(vocabulary.terms(Vocabulary.Section.FINDINGS).keySet());
        List<Map<String, Boolean>> patterns = new ArrayList<>();
        patterns.add(allBut(ids, -1, -1, null));
        for (int i = 0; i < ids.size(); i++) {
            patterns.add(allBut(ids, i, -1, false));
            patterns.add(allBut(ids, i, -1, null));
            for (int j = i + 1; j < ids.size(); j++) {
                patterns.add(allBut(ids, i, j, false));
            }
        }
        return patterns;
    }

    /** Every finding true but those at {@code i} and {@code j}, which are {@code value} (null: left out). */
    private static Map<String, Boolean> allBut(List<String> ids, int i, int j, Boolean value) {
        Map<String, Boolean> findings = new LinkedHashMap<>();
        for (int k = 0; k < ids.size(); k++) {
            if (k != i && k != j) {
                findings.put(ids.get(k), true);
            } else if (value != null) {
                findings.put(ids.get(k), value);
            }
        }
        return findings;
    }
}
