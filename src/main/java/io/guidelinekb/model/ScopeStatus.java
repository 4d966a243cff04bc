package io.guidelinekb.model;

/** Whether the guideline covers an episode; exactly one per episode. */
public enum ScopeStatus {
    /** The guideline covers the episode: its recommendations are given. */
    IN_SCOPE,
    /** An exclusion holds: the guideline does not cover the episode. */
    OUT_OF_SCOPE,
    /** No exclusion holds, but data needed to decide are missing. */
    UNDETERMINED
}
