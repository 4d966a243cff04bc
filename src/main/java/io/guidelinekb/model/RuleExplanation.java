package io.guidelinekb.model;

import java.util.List;

/**
 * Why a rule fired or not: the engine's record of its firings and what they concluded, and its
 * conditions checked against the facts. For a rule that did not fire, the last condition is the
 * first that failed.
 *
 * @param rule       the rule's name
 * @param file       its DRL file
 * @param line       its line there
 * @param firings    how often it fired
 * @param concluded  what its firings inserted, as text
 * @param conditions its conditions, checked against the facts
 */
public record RuleExplanation(String rule, String file, int line, int firings, List<String> concluded,
                              List<ConditionCheck> conditions) {

    /**
     * Checks and copies the components.
     *
     * @param rule       the rule's name
     * @param file       its DRL file
     * @param line       its line there
     * @param firings    how often it fired
     * @param concluded  what its firings inserted, as text
     * @param conditions its conditions, checked against the facts
     */
    public RuleExplanation {
        concluded = List.copyOf(concluded);
        conditions = List.copyOf(conditions);
    }

    /**
     * Whether the rule fired.
     *
     * @return true when it fired at least once
     */
    public boolean fired() {
        return firings > 0;
    }
}
