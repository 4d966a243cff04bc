package io.guidelinekb.bench;

import io.guidelinekb.model.Case;
import io.guidelinekb.model.Episode;
import io.guidelinekb.model.EvidenceGrade;
import io.guidelinekb.model.Patient;
import io.guidelinekb.model.ScopeStatus;
import io.guidelinekb.model.Strength;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * REFERENCE IMPLEMENTATION, for tests and benchmarks only: the guideline's logic written once
 * more in plain Java, straight from docs/clinical-interpretation.md. It is the benchmark's floor
 * (what the same decisions cost without a rule engine) and the oracle the DRL engine is compared
 * with. The product's clinical logic lives in rules/; never call this from src/main.
 */
public final class ReferenceGuideline {

    /** A recommendation as the reference gives it. */
    public record Given(Strength strength, EvidenceGrade evidence, Set<String> triggeredBy) {
    }

    /** The reference's conclusion for one episode. */
    public record Outcome(ScopeStatus status, Set<String> reasons, Map<String, Given> recommendations) {
    }

    private record Row(String id, Strength strength, EvidenceGrade evidence, Set<String> concerns) {
    }

    private static final Row[] TABLE = {
        new Row("FIX-LBP-01", Strength.WEAK_FOR, EvidenceGrade.LOW, Set.of("BED_REST")),
        new Row("FIX-LBP-02", Strength.WEAK_FOR, EvidenceGrade.VERY_LOW, Set.of("PATIENT_EDUCATION")),
        new Row("FIX-LBP-03", Strength.GOOD_PRACTICE, EvidenceGrade.VERY_LOW, Set.of("STRATIFIED_CARE")),
        new Row("FIX-LBP-04", Strength.WEAK_AGAINST, EvidenceGrade.VERY_LOW, Set.of("MRI", "XRAY")),
        new Row("FIX-LBP-05", Strength.WEAK_FOR, EvidenceGrade.LOW, Set.of("MANUAL_THERAPY")),
        new Row("FIX-LBP-06", Strength.WEAK_AGAINST, EvidenceGrade.VERY_LOW, Set.of("ACUPUNCTURE")),
        new Row("FIX-LBP-07", Strength.WEAK_FOR, EvidenceGrade.LOW, Set.of("SUPERVISED_EXERCISE")),
        new Row("FIX-LBP-08", Strength.WEAK_AGAINST, EvidenceGrade.MODERATE, Set.of("PARACETAMOL")),
        new Row("FIX-LBP-09", Strength.WEAK_AGAINST, EvidenceGrade.LOW, Set.of("OPIOID")),
        new Row("FIX-LBP-10", Strength.WEAK_AGAINST, EvidenceGrade.LOW, Set.of("NSAID")),
    };

    private ReferenceGuideline() {
    }

    public static Outcome evaluate(Case input) {
        Patient patient = input.patient();
        Episode episode = input.episode();
        Set<String> exclusions = new LinkedHashSet<>();
        if (patient.ageYears() != null && patient.ageYears() < 16) {
            exclusions.add("AGE_UNDER_16");
        }
        if (episode.daysSinceOnset() != null && episode.daysSinceOnset() > 84
                || episode.durationWeeks() != null && episode.durationWeeks() > 12) {
            exclusions.add("DURATION_OVER_12_WEEKS");
        }
        Boolean lowBack = episode.findings().get("LOW_BACK_PAIN");
        Boolean buttock = episode.findings().get("BUTTOCK_PAIN");
        boolean painHere = Boolean.TRUE.equals(lowBack) || Boolean.TRUE.equals(buttock);
        if (!painHere && (Boolean.TRUE.equals(episode.findings().get("OTHER_PAIN"))
                || Boolean.FALSE.equals(lowBack) && Boolean.FALSE.equals(buttock))) {
            exclusions.add("PAIN_OUTSIDE_LOW_BACK");
        }
        if (Boolean.TRUE.equals(episode.findings().get("RADICULOPATHY"))) {
            exclusions.add("RADICULOPATHY");
        }
        for (String flag : episode.redFlags()) {
            exclusions.add("RED_FLAG_" + flag);
        }
        if (!exclusions.isEmpty()) {
            return new Outcome(ScopeStatus.OUT_OF_SCOPE, exclusions, Map.of());
        }
        Set<String> missing = new LinkedHashSet<>();
        if (patient.ageYears() == null) {
            missing.add("MISSING_AGE");
        }
        if (episode.daysSinceOnset() == null && episode.durationWeeks() == null) {
            missing.add("MISSING_DURATION");
        }
        if (!painHere && !exclusions.contains("PAIN_OUTSIDE_LOW_BACK")) {
            missing.add("MISSING_PAIN_LOCATION");
        }
        if (!Boolean.TRUE.equals(episode.findings().get("RED_FLAGS_SCREENED")) && episode.redFlags().isEmpty()) {
            missing.add("RED_FLAGS_NOT_SCREENED");
        }
        if (!missing.isEmpty()) {
            return new Outcome(ScopeStatus.UNDETERMINED, missing, Map.of());
        }
        Map<String, Given> recommendations = new LinkedHashMap<>();
        for (Row row : TABLE) {
            if (row.id().equals("FIX-LBP-02") && Boolean.FALSE.equals(episode.findings().get("SELF_CARE_GAIN_EXPECTED"))) {
                continue;
            }
            Set<String> triggeredBy = new LinkedHashSet<>();
            for (String proposed : episode.proposedInterventions()) {
                if (row.concerns().contains(proposed)) {
                    triggeredBy.add(proposed);
                }
            }
            recommendations.put(row.id(), new Given(row.strength(), row.evidence(), triggeredBy));
        }
        return new Outcome(ScopeStatus.IN_SCOPE, Set.of(), recommendations);
    }
}
