package io.guidelinekb.model;

/**
 * One condition of a rule, checked against the facts of an evaluation.
 *
 * @param condition the condition as written in the DRL
 * @param line      its line in the DRL file
 * @param verdict   whether it held
 * @param observed  the values it was checked on, e.g. {@code ageYears = 45}
 */
public record ConditionCheck(String condition, int line, Verdict verdict, String observed) {

    /** What checking the condition found. */
    public enum Verdict {
        /** The condition held on the facts. */
        HELD,
        /** The condition did not hold. */
        FAILED,
        /** The condition could not be checked outside the engine (e.g. a construct the explainer does not read). */
        UNKNOWN
    }

    /**
     * Whether the condition held.
     *
     * @return true for {@link Verdict#HELD}
     */
    public boolean held() {
        return verdict == Verdict.HELD;
    }
}
