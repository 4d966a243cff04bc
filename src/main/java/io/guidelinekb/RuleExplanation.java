package io.guidelinekb;

import java.util.List;

/**
 * Why a rule fired or not: the engine's record of its firings and what they concluded, and its
 * conditions checked against the facts. For a rule that did not fire, the last condition is the
 * first that failed.
 */
public record RuleExplanation(String rule, String file, int line, int firings, List<String> concluded,
                              List<ConditionCheck> conditions) {

    public RuleExplanation {
        concluded = List.copyOf(concluded);
        conditions = List.copyOf(conditions);
    }

    public boolean fired() {
        return firings > 0;
    }
}
