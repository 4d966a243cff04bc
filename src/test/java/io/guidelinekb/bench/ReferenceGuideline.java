package io.guidelinekb.bench;

import io.guidelinekb.Case;
import io.guidelinekb.model.Episode;
import io.guidelinekb.model.EvidenceGrade;
import io.guidelinekb.model.Intervention;
import io.guidelinekb.model.PainLocation;
import io.guidelinekb.model.Patient;
import io.guidelinekb.model.RedFlag;
import io.guidelinekb.model.ScopeReason;
import io.guidelinekb.model.ScopeStatus;
import io.guidelinekb.model.Strength;
import java.util.EnumSet;
import java.util.LinkedHashMap;
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
    public record Given(Strength strength, EvidenceGrade evidence, Set<Intervention> triggeredBy) {
    }

    /** The reference's conclusion for one episode. */
    public record Outcome(ScopeStatus status, Set<ScopeReason> reasons, Map<String, Given> recommendations) {
    }

    private record Row(String id, Strength strength, EvidenceGrade evidence, Set<Intervention> concerns) {
    }

    private static final Row[] TABLE = {
        new Row("NKR-LBP-01", Strength.WEAK_FOR, EvidenceGrade.LOW, EnumSet.of(Intervention.BED_REST)),
        new Row("NKR-LBP-02", Strength.WEAK_FOR, EvidenceGrade.VERY_LOW, EnumSet.of(Intervention.PATIENT_EDUCATION)),
        new Row("NKR-LBP-03", Strength.GOOD_PRACTICE, EvidenceGrade.VERY_LOW, EnumSet.of(Intervention.STRATIFIED_CARE)),
        new Row("NKR-LBP-04", Strength.WEAK_AGAINST, EvidenceGrade.VERY_LOW, EnumSet.of(Intervention.MRI, Intervention.XRAY)),
        new Row("NKR-LBP-05", Strength.WEAK_FOR, EvidenceGrade.LOW, EnumSet.of(Intervention.MANUAL_THERAPY)),
        new Row("NKR-LBP-06", Strength.WEAK_AGAINST, EvidenceGrade.VERY_LOW, EnumSet.of(Intervention.ACUPUNCTURE)),
        new Row("NKR-LBP-07", Strength.WEAK_FOR, EvidenceGrade.LOW, EnumSet.of(Intervention.SUPERVISED_EXERCISE)),
        new Row("NKR-LBP-08", Strength.WEAK_AGAINST, EvidenceGrade.MODERATE, EnumSet.of(Intervention.PARACETAMOL)),
        new Row("NKR-LBP-09", Strength.WEAK_AGAINST, EvidenceGrade.LOW, EnumSet.of(Intervention.OPIOID)),
        new Row("NKR-LBP-10", Strength.WEAK_AGAINST, EvidenceGrade.LOW, EnumSet.of(Intervention.NSAID)),
    };

    private ReferenceGuideline() {
    }

    public static Outcome evaluate(Case input) {
        Patient patient = input.patient();
        Episode episode = input.episode();
        Set<ScopeReason> exclusions = EnumSet.noneOf(ScopeReason.class);
        if (patient.ageYears() != null && patient.ageYears() < 16) {
            exclusions.add(ScopeReason.AGE_UNDER_16);
        }
        if (episode.daysSinceOnset() != null && episode.daysSinceOnset() > 84
                || episode.durationWeeks() != null && episode.durationWeeks() > 12) {
            exclusions.add(ScopeReason.DURATION_OVER_12_WEEKS);
        }
        Set<PainLocation> pain = episode.painLocation();
        if (pain != null && !pain.contains(PainLocation.LOW_BACK) && !pain.contains(PainLocation.BUTTOCK)) {
            exclusions.add(ScopeReason.PAIN_OUTSIDE_LOW_BACK);
        }
        if (Boolean.TRUE.equals(episode.radiculopathy())) {
            exclusions.add(ScopeReason.RADICULOPATHY);
        }
        for (RedFlag flag : episode.redFlags()) {
            exclusions.add(ScopeReason.valueOf("RED_FLAG_" + flag.name()));
        }
        if (!exclusions.isEmpty()) {
            return new Outcome(ScopeStatus.OUT_OF_SCOPE, exclusions, Map.of());
        }
        Set<ScopeReason> missing = EnumSet.noneOf(ScopeReason.class);
        if (patient.ageYears() == null) {
            missing.add(ScopeReason.MISSING_AGE);
        }
        if (episode.daysSinceOnset() == null && episode.durationWeeks() == null) {
            missing.add(ScopeReason.MISSING_DURATION);
        }
        if (pain == null) {
            missing.add(ScopeReason.MISSING_PAIN_LOCATION);
        }
        if (!episode.redFlagsScreened() && episode.redFlags().isEmpty()) {
            missing.add(ScopeReason.RED_FLAGS_NOT_SCREENED);
        }
        if (!missing.isEmpty()) {
            return new Outcome(ScopeStatus.UNDETERMINED, missing, Map.of());
        }
        Map<String, Given> recommendations = new LinkedHashMap<>();
        for (Row row : TABLE) {
            if (row.id().equals("NKR-LBP-02") && Boolean.FALSE.equals(episode.selfCareGainExpected())) {
                continue;
            }
            Set<Intervention> triggeredBy = EnumSet.noneOf(Intervention.class);
            for (Intervention proposed : episode.proposedInterventions()) {
                if (row.concerns().contains(proposed)) {
                    triggeredBy.add(proposed);
                }
            }
            recommendations.put(row.id(), new Given(row.strength(), row.evidence(), triggeredBy));
        }
        return new Outcome(ScopeStatus.IN_SCOPE, EnumSet.noneOf(ScopeReason.class), recommendations);
    }
}
