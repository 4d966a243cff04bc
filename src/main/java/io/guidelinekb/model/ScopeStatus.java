package io.guidelinekb.model;

/** Whether the guideline covers an episode; exactly one per episode. */
public enum ScopeStatus {
    IN_SCOPE, OUT_OF_SCOPE, UNDETERMINED
}
