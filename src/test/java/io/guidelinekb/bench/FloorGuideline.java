package io.guidelinekb.bench;

import io.guidelinekb.model.Case;
import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.model.RuleInfo;
import io.guidelinekb.model.Alert;
import io.guidelinekb.model.Episode;
import io.guidelinekb.model.Patient;
import io.guidelinekb.model.Provenance;
import io.guidelinekb.model.Recommendation;
import io.guidelinekb.model.RecommendationDefinition;
import io.guidelinekb.model.ScopeStatus;
import io.guidelinekb.model.Vocabulary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * REFERENCE IMPLEMENTATION, for tests and benchmarks only: the shipped guideline's decisions in
 * plain Java, with the engine's outputs. Ages and durations known within bounds, red flags and their
 * indicators, each red flag's alert (critical first), the scope's reasons in the vocabulary's order,
 * and each recommendation as the record the engine gives, with its provenance: the same
 * {@link EpisodeResult}, equal field by field, so that the benchmark's floor does all the engine
 * does but the rule engine. The product's clinical logic lives in rules/; never call this from src/main.
 */
public final class FloorGuideline {

    private static final String SELF_CARE = "FIX-LBP-02";

    private final Vocabulary vocabulary;
    private final List<RecommendationDefinition> definitions;
    private final List<Provenance> provenance;
    private final List<String> alertOrder;
    private final String version;
    private final io.guidelinekb.model.Guideline guideline;

    /** The floor of the knowledge base's one guideline: its definitions, words and provenance. */
    public FloorGuideline(KnowledgeBase kb) {
        this.vocabulary = kb.vocabulary();
        this.definitions = kb.recommendations().stream().sorted(Comparator.comparing(RecommendationDefinition::id)).toList();
        this.version = kb.version();
        this.guideline = kb.guideline();
        this.provenance = definitions.stream().map(d -> {
            RuleInfo rule = kb.rules().stream().filter(r -> d.id().equals(r.recommendationId())).findFirst().orElseThrow();
            return new Provenance(rule.name(), rule.file(), version, guideline);
        }).toList();
        this.alertOrder = List.copyOf(vocabulary.terms(Vocabulary.Section.ALERTS).keySet());
    }

    /** The result the engine gives, for a case whose episode the guideline's vocabulary admitted. */
    public EpisodeResult evaluate(Case input) {
        Patient patient = input.patient();
        Episode episode = input.episode();
        List<String> exclusions = new ArrayList<>(2);
        List<String> missing = new ArrayList<>(2);
        Integer atMost = patient.ageYearsAtMost();
        if (atMost != null && atMost < 16) {
            exclusions.add("AGE_UNDER_16");
        }
        if (atMost == null || patient.ageYearsAtLeast() < 16 && atMost >= 16) {
            missing.add("MISSING_AGE");
        }
        Integer daysAtLeast = episode.daysSinceOnsetAtLeast();
        Integer daysAtMost = episode.daysSinceOnsetAtMost();
        Integer weeks = episode.durationWeeks();
        if (daysAtLeast != null && daysAtLeast > 84 || weeks != null && weeks > 12) {
            exclusions.add("DURATION_OVER_12_WEEKS");
        }
        if (weeks == null && (daysAtMost == null || daysAtLeast <= 84 && daysAtMost > 84)) {
            missing.add("MISSING_DURATION");
        }
        Boolean lowBack = episode.finding("LOW_BACK_PAIN");
        Boolean buttock = episode.finding("BUTTOCK_PAIN");
        Boolean other = episode.finding("OTHER_PAIN");
        boolean here = Boolean.TRUE.equals(lowBack) || Boolean.TRUE.equals(buttock);
        if (!here && (Boolean.TRUE.equals(other) || Boolean.FALSE.equals(lowBack) && Boolean.FALSE.equals(buttock))) {
            exclusions.add("PAIN_OUTSIDE_LOW_BACK");
        }
        if (!here && !Boolean.TRUE.equals(other) && (lowBack == null || buttock == null)) {
            missing.add("MISSING_PAIN_LOCATION");
        }
        if (Boolean.TRUE.equals(episode.finding("RADICULOPATHY"))) {
            exclusions.add("RADICULOPATHY");
        }
        for (String flag : episode.redFlags()) {
            exclusions.add(Vocabulary.RED_FLAG_REASON + flag);
        }
        if (!Boolean.TRUE.equals(episode.finding("RED_FLAGS_SCREENED")) && episode.redFlags().isEmpty()) {
            missing.add("RED_FLAGS_NOT_SCREENED");
        }
        List<Alert> alerts = alerts(episode);
        ScopeStatus status = !exclusions.isEmpty() ? ScopeStatus.OUT_OF_SCOPE
                : !missing.isEmpty() ? ScopeStatus.UNDETERMINED : ScopeStatus.IN_SCOPE;
        List<String> reasons = status == ScopeStatus.OUT_OF_SCOPE ? exclusions : missing;
        List<Recommendation> given = status == ScopeStatus.IN_SCOPE ? recommendations(episode) : List.of();
        return new EpisodeResult(patient.id(), episode.id(), episode.asOf(), status,
                status == ScopeStatus.IN_SCOPE ? java.util.Set.of() : vocabulary.ordered(Vocabulary.Section.SCOPE_REASONS, reasons),
                alerts, given, version, guideline);
    }

    private List<Alert> alerts(Episode episode) {
        if (episode.redFlags().isEmpty()) {
            return List.of();
        }
        List<Alert> alerts = new ArrayList<>(2);
        for (String id : episode.redFlagAlerts()) {
            alerts.add(Alert.of(episode, id));
        }
        alerts.sort(Comparator.comparing(Alert::level).thenComparing(a -> alertOrder.indexOf(a.id())));
        return alerts;
    }

    private List<Recommendation> recommendations(Episode episode) {
        List<Recommendation> given = new ArrayList<>(definitions.size());
        for (int i = 0; i < definitions.size(); i++) {
            RecommendationDefinition definition = definitions.get(i);
            if (definition.id().equals(SELF_CARE) && Boolean.FALSE.equals(episode.finding("SELF_CARE_GAIN_EXPECTED"))) {
                continue;
            }
            given.add(Recommendation.of(definition, episode, provenance.get(i), vocabulary));
        }
        return given;
    }
}
