package io.guidelinekb;

/**
 * An evaluation failed: a rule threw, or the rules broke an invariant of the result (no scope
 * status, two statuses, a recommendation for an episode that is not in scope). Never swallowed:
 * a recommendation that silently vanished would be worse than no answer.
 */
public final class EvaluationException extends RuntimeException {

    private final String rule;

    EvaluationException(String rule, String message, Throwable cause) {
        super(message, cause);
        this.rule = rule;
    }

    /** The rule that failed, or {@code null} when the failure is not one rule's. */
    public String rule() {
        return rule;
    }
}
