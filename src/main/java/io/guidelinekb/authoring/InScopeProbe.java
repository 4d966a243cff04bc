package io.guidelinekb.authoring;

import io.guidelinekb.Case;
import io.guidelinekb.EpisodeResult;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.OutcomeDiff;
import io.guidelinekb.RuleProblem;
import io.guidelinekb.audit.PopulationGenerator;
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
 * Runs a grid of plausible episodes, most of them in scope, through the rules and reports recommendations that
 * none of them received: their conditions may contradict the scope. The grid is test data, not
 * logic: which episodes are in scope is decided by the rules themselves.
 */
public final class InScopeProbe {

    private static final LocalDate AS_OF = LocalDate.of(2026, 1, 15);
    private static final int POPULATION = 2_000;

    private InScopeProbe() {
    }

    /**
     * Episodes evaluated together share a session; rules that relate facts other than by id
     * would mix them up. Comparing both ways on the grid catches that.
     */
    static List<RuleProblem> togetherDiffersFromAlone(KnowledgeBase knowledgeBase,
                                                      io.guidelinekb.audit.Population population) {
        List<Case> grid = new ArrayList<>(grid(knowledgeBase.vocabulary(), population));
        if (population != null) {
            grid.addAll(population(population));
        }
        List<EpisodeResult> together = knowledgeBase.evaluateAll(grid);
        for (int i = 0; i < grid.size(); i++) {
            EpisodeResult alone = knowledgeBase.evaluate(grid.get(i));
            if (!alone.equals(together.get(i))) {
                return List.of(RuleProblem.error(knowledgeBase.directory().toString(), 0, 0, "episode " + alone.episodeId()
                        + " gets another result when evaluated together with other episodes than alone ("
                        + OutcomeDiff.between(alone, together.get(i)) + "): every pattern must be related to its "
                        + "episode or patient by id"));
            }
        }
        return List.of();
    }

    static List<RuleProblem> neverGiven(KnowledgeBase knowledgeBase, RuleCatalog catalog,
                                        io.guidelinekb.audit.Population population) {
        Set<String> given = new HashSet<>();
        int inScope = 0;
        for (EpisodeResult result : knowledgeBase.evaluateAll(grid(knowledgeBase.vocabulary(), population))) {
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

    /**
     * The generator's mix: every scope reason, red flag and intervention, missing data, ages and
     * durations at the boundaries. A rule that joins two episodes carelessly shows here, where the
     * grid's in-scope episodes would hide it.
     */
    private static List<Case> population(io.guidelinekb.audit.Population population) {
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
    private static List<Case> grid(Vocabulary vocabulary, io.guidelinekb.audit.Population population) {
        List<Case> cases = new ArrayList<>();
        List<String> interventions = List.copyOf(vocabulary.terms(Vocabulary.Section.INTERVENTIONS).keySet());
        List<List<String>> proposals = new ArrayList<>();
        proposals.add(List.of());
        interventions.forEach(i -> proposals.add(List.of(i)));
        proposals.add(interventions);
        int n = 0;
        // ages and durations across the range, and on both sides of the scope's thresholds where the
        // guideline's population.yaml names them: no guideline's numbers are written here
        int[] ages = population == null ? new int[] {12, 18, 45, 90}
                : new int[] {population.age() - 4, population.age(), population.age() + 2, 45, 90};
        int[] durations = population == null ? new int[] {0, 30, 90}
                : new int[] {0, 30, population.days(), population.days() + 6};
        for (int age : ages) {
            for (int days : durations) {
                for (Map<String, Boolean> findings : findingPatterns(vocabulary)) {
                    for (List<String> proposed : proposals) {
                        String id = "probe-" + n++;
                        Episode.Builder episode = Episode.builder(id, id, AS_OF).durationDays(days)
                                .previousEpisodes(n % 3).propose(proposed);
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
