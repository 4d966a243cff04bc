package io.guidelinekb;

import io.guidelinekb.model.Intervention;
import java.util.Set;

/**
 * Why a recommendation was given, triggered or withheld for an episode, and by which rule.
 *
 * @param against the interventions whose proposal goes against the recommendation, as its rule declares
 */
public record RecommendationExplanation(String id, Outcome outcome, Set<Intervention> triggeredBy,
                                        Set<Intervention> concerns, Set<Intervention> against, RuleExplanation rule) {

    public enum Outcome { GIVEN, TRIGGERED, WITHHELD }

    public RecommendationExplanation {
        triggeredBy = Set.copyOf(triggeredBy);
        concerns = Set.copyOf(concerns);
        against = Set.copyOf(against);
    }
}
