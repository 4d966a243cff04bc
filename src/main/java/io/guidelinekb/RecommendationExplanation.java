package io.guidelinekb;

import io.guidelinekb.model.Intervention;
import java.util.Set;

/** Why a recommendation was given, triggered or withheld for an episode, and by which rule. */
public record RecommendationExplanation(String id, Outcome outcome, Set<Intervention> triggeredBy,
                                        Set<Intervention> concerns, RuleExplanation rule) {

    public enum Outcome { GIVEN, TRIGGERED, WITHHELD }

    public RecommendationExplanation {
        triggeredBy = Set.copyOf(triggeredBy);
        concerns = Set.copyOf(concerns);
    }
}
