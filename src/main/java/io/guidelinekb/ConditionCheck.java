package io.guidelinekb;

/**
 * One condition of a rule, checked against the facts of an evaluation.
 *
 * @param condition the condition as written in the DRL
 * @param observed  the values it was checked on, e.g. {@code ageYears = 45}
 */
public record ConditionCheck(String condition, int line, Verdict verdict, String observed) {

    public enum Verdict {
        HELD,
        FAILED,
        /** The condition could not be checked outside the engine (e.g. a construct the explainer does not read). */
        UNKNOWN
    }

    public boolean held() {
        return verdict == Verdict.HELD;
    }
}
