package io.guidelinekb;

import java.util.List;
import java.util.Map;

/**
 * One firing of a rule, as the engine recorded it: the values bound by its conditions and the
 * facts its consequence inserted.
 */
public record Firing(String rule, Map<String, Object> bindings, List<Object> concluded) {

    public Firing {
        bindings = Map.copyOf(bindings);
        concluded = List.copyOf(concluded);
    }
}
