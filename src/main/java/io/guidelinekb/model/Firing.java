package io.guidelinekb.model;

import java.util.List;
import java.util.Map;

/**
 * One firing of a rule, as the engine recorded it: the values bound by its conditions and the
 * facts its consequence inserted.
 *
 * @param rule      the rule's name
 * @param bindings  the values its conditions bound, by variable name
 * @param concluded the facts its consequence inserted
 */
public record Firing(String rule, Map<String, Object> bindings, List<Object> concluded) {

    /**
     * Checks and copies the components.
     *
     * @param rule      the rule's name
     * @param bindings  the values its conditions bound, by variable name
     * @param concluded the facts its consequence inserted
     */
    public Firing {
        bindings = Map.copyOf(bindings);
        concluded = List.copyOf(concluded);
    }
}
