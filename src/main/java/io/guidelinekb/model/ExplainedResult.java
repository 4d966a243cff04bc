package io.guidelinekb.model;

import java.util.List;

/**
 * An audit record of one evaluation: the input, the result (which names the knowledge-base
 * version), the explanation, and every rule firing in order.
 *
 * @param input       the case evaluated
 * @param result      what the knowledge base concluded
 * @param explanation why: each rule with the conditions it matched or failed
 * @param firings     every rule firing, in order
 */
public record ExplainedResult(Case input, EpisodeResult result, Explanation explanation, List<Firing> firings) {

    /**
     * Checks and copies the components.
     *
     * @param input       the case evaluated
     * @param result      what the knowledge base concluded
     * @param explanation why: each rule with the conditions it matched or failed
     * @param firings     every rule firing, in order
     */
    public ExplainedResult {
        firings = List.copyOf(firings);
    }
}
