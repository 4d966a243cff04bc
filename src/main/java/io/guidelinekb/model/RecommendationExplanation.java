package io.guidelinekb.model;

import java.util.Set;

/**
 * Why a recommendation was given, triggered or withheld for an episode, and by which rule.
 *
 * @param id          the recommendation's id
 * @param outcome     given, triggered, or withheld
 * @param triggeredBy the proposed interventions that trigger it
 * @param concerns    every intervention its rule concerns
 * @param against     the interventions whose proposal goes against the recommendation, as its rule declares
 * @param rule        its rule, explained
 */
public record RecommendationExplanation(String id, Outcome outcome, Set<String> triggeredBy,
                                        Set<String> concerns, Set<String> against, RuleExplanation rule) {

    /** What became of the recommendation. */
    public enum Outcome {
        /** Given, and no proposed intervention concerns it. */
        GIVEN,
        /** Given, and a proposed intervention concerns it. */
        TRIGGERED,
        /** Not given: its rule did not fire. */
        WITHHELD
    }

    /**
     * Checks and copies the components.
     *
     * @param id          the recommendation's id
     * @param outcome     given, triggered, or withheld
     * @param triggeredBy the proposed interventions that trigger it
     * @param concerns    every intervention its rule concerns
     * @param against     the interventions whose proposal goes against the recommendation, as its rule declares
     * @param rule        its rule, explained
     */
    public RecommendationExplanation {
        triggeredBy = Set.copyOf(triggeredBy);
        concerns = Set.copyOf(concerns);
        against = Set.copyOf(against);
    }
}
