package io.guidelinekb.scenario;

import io.guidelinekb.model.EvidenceGrade;
import io.guidelinekb.model.Strength;
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

    /** An expectation of the id alone. */
    public static ExpectedRecommendation id(String id) {
        return new ExpectedRecommendation(id, null, null, null, null, null);
    }
}
