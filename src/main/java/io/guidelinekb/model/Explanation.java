package io.guidelinekb.model;

import java.util.List;

/**
 * Why an episode got its result: every scope rule (and any other rule that is not a
 * recommendation) and every recommendation, each with the rule and the conditions it matched
 * or failed. Built from the engine's record of the evaluation, never from Java that repeats
 * the rules.
 *
 * @param episodeId       the episode's id
 * @param status          its scope status
 * @param scopeRules      the scope rules and every other rule that gives no recommendation
 * @param recommendations each recommendation the rules declare, given, triggered or withheld
 */
public record Explanation(String episodeId, ScopeStatus status, List<RuleExplanation> scopeRules,
                          List<RecommendationExplanation> recommendations) {

    /**
     * Checks and copies the components.
     *
     * @param episodeId       the episode's id
     * @param status          its scope status
     * @param scopeRules      the scope rules and every other rule that gives no recommendation
     * @param recommendations each recommendation the rules declare, given, triggered or withheld
     */
    public Explanation {
        scopeRules = List.copyOf(scopeRules);
        recommendations = List.copyOf(recommendations);
    }
}
