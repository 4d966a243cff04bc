package io.guidelinekb;

import io.guidelinekb.model.ScopeStatus;
import java.util.List;

/**
 * Why an episode got its result: every scope rule (and any other rule that is not a
 * recommendation) and every recommendation, each with the rule and the conditions it matched
 * or failed. Built from the engine's record of the evaluation, never from Java that repeats
 * the rules.
 */
public record Explanation(String episodeId, ScopeStatus status, List<RuleExplanation> scopeRules,
                          List<RecommendationExplanation> recommendations) {

    public Explanation {
        scopeRules = List.copyOf(scopeRules);
        recommendations = List.copyOf(recommendations);
    }
}
