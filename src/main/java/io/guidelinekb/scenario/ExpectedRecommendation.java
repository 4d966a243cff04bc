package io.guidelinekb.scenario;

import io.guidelinekb.model.EvidenceGrade;
import io.guidelinekb.model.Strength;
import java.util.Objects;
import java.util.Set;

/** A recommendation a scenario expects; only the details given ({@code null}: not checked) are checked. */
public record ExpectedRecommendation(String id, Strength strength, EvidenceGrade evidence,
                                     Set<String> triggeredBy, Set<String> against,
                                     Set<String> with) {

    public ExpectedRecommendation {
        triggeredBy = triggeredBy == null ? null : Set.copyOf(triggeredBy);
        against = against == null ? null : Set.copyOf(against);
        with = with == null ? null : Set.copyOf(with);
    }

    // written out: a record's own equals and hashCode link method handles on their first call, which
    // every evaluate of a scenario paid for (docs/performance.md)
    @Override
    public boolean equals(Object other) {
        return other instanceof ExpectedRecommendation that && Objects.equals(id, that.id) && strength == that.strength
                && evidence == that.evidence && Objects.equals(triggeredBy, that.triggeredBy)
                && Objects.equals(against, that.against) && Objects.equals(with, that.with);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, strength, evidence, triggeredBy, against, with);
    }

    /** An expectation of the id alone. */
    public static ExpectedRecommendation id(String id) {
        return new ExpectedRecommendation(id, null, null, null, null, null);
    }
}
