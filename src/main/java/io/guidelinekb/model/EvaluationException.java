package io.guidelinekb.model;

/**
 * An evaluation failed: a rule threw, the rules ran into a resource limit, or they broke an
 * invariant of the result (no scope status, two statuses, a recommendation for an episode that is
 * not in scope). Never swallowed:
 * a recommendation that silently vanished would be worse than no answer.
 */
public final class EvaluationException extends RuntimeException {

    /** The rule that failed, or {@code null}. */
    private final String rule;
    /** Whether a limit stopped the evaluation. */
    private final boolean resourceLimit;

    /**
     * A rule that failed.
     *
     * @param rule    the rule, or {@code null} when the failure is not one rule's
     * @param message what went wrong
     * @param cause   what the rule threw, or {@code null}
     */
    public EvaluationException(String rule, String message, Throwable cause) {
        this(rule, message, cause, false);
    }

    /**
     * A rule that failed, or a limit that stopped the evaluation.
     *
     * @param rule          the rule, or {@code null} when the failure is not one rule's
     * @param message       what went wrong
     * @param cause         what was thrown, or {@code null}
     * @param resourceLimit whether a limit stopped the evaluation
     */
    public EvaluationException(String rule, String message, Throwable cause, boolean resourceLimit) {
        super(message, cause);
        this.rule = rule;
        this.resourceLimit = resourceLimit;
    }

    /**
     * True when the evaluation was stopped at a limit (rule firings or facts inserted per
     * episode) rather than by a rule that threw.
     *
     * @return true for a limit
     */
    public boolean resourceLimit() {
        return resourceLimit;
    }

    /**
     * The rule that failed.
     *
     * @return its name, or {@code null} when the failure is not one rule's
     */
    public String rule() {
        return rule;
    }
}
