package io.guidelinekb;

import java.util.List;

/**
 * An audit record of one evaluation: the input, the result (which names the knowledge-base
 * version), the explanation, and every rule firing in order.
 */
public record ExplainedResult(Case input, EpisodeResult result, Explanation explanation, List<Firing> firings) {

    public ExplainedResult {
        firings = List.copyOf(firings);
    }
}
