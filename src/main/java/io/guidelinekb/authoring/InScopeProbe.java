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
import io.guidelinekb.model.Intervention;
import io.guidelinekb.model.PainLocation;
import io.guidelinekb.model.Patient;
import io.guidelinekb.model.Recommendation;
import io.guidelinekb.model.RecommendationDefinition;
import io.guidelinekb.model.ScopeStatus;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
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
    static List<RuleProblem> togetherDiffersFromAlone(KnowledgeBase knowledgeBase) {
        List<Case> grid = new ArrayList<>(grid());
        grid.addAll(population());
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

    static List<RuleProblem> neverGiven(KnowledgeBase knowledgeBase, RuleCatalog catalog) {
        Set<String> given = new HashSet<>();
        int inScope = 0;
        for (EpisodeResult result : knowledgeBase.evaluateAll(grid())) {
            if (result.status() == ScopeStatus.IN_SCOPE) {
                inScope++;
                result.recommendations().stream().map(Recommendation::id).forEach(given::add);
            }
        }
        List<RuleProblem> warnings = new ArrayList<>();
        for (RuleCatalog.RuleEntry rule : catalog.rules()) {
            RecommendationDefinition definition = rule.definition();
            if (definition != null && !given.contains(definition.id())) {
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
    private static List<Case> population() {
        PopulationGenerator generator = new PopulationGenerator(20_160_601L, AS_OF);
        List<Case> cases = new ArrayList<>(POPULATION);
        for (int i = 0; i < POPULATION; i++) {
            Case next = generator.next();
            String id = "mix-" + i;
            cases.add(new Case(Renamed.patient(next.patient(), id), Renamed.episode(next.episode(), id, id)));
        }
        return cases;
    }

    private static List<Case> grid() {
        List<Case> cases = new ArrayList<>();
        List<List<Intervention>> proposals = new ArrayList<>();
        proposals.add(List.of());
        Arrays.stream(Intervention.values()).forEach(i -> proposals.add(List.of(i)));
        proposals.add(List.of(Intervention.values()));
        int n = 0;
        for (int age : new int[] {12, 16, 45, 90}) {
            for (int days : new int[] {0, 30, 84}) {
                for (List<PainLocation> pain : List.of(List.of(PainLocation.LOW_BACK), List.of(PainLocation.BUTTOCK),
                        List.of(PainLocation.LOW_BACK, PainLocation.OTHER))) {
                    for (Boolean selfCare : new Boolean[] {null, true, false}) {
                        for (List<Intervention> proposed : proposals) {
                            String id = "probe-" + n++;
                            cases.add(new Case(Patient.aged(id, age), Episode.builder(id, id, AS_OF)
                                    .durationDays(days).painLocation(pain).selfCareGainExpected(selfCare)
                                    .legRadiation(n % 2 == 0).previousEpisodes(n % 3).redFlagsScreened(true)
                                    .proposedInterventions(proposed).build()));
                        }
                    }
                }
            }
        }
        return cases;
    }
}
