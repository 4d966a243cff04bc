package io.guidelinekb.model;

/**
 * A rule of the knowledge base: its name, where it is written, and the recommendation it gives, if any.
 *
 * @param name             the rule's name
 * @param file             its DRL file
 * @param line             its line there
 * @param recommendationId the recommendation it gives, or {@code null}
 * @param conditional for a recommendation rule, whether it asks more than that the episode is in
 *                    scope, and so can withhold its recommendation from an in-scope episode
 */
public record RuleInfo(String name, String file, int line, String recommendationId, boolean conditional) {
}
