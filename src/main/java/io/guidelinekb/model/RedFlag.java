package io.guidelinekb.model;

/** Signs of specific, serious disease that take an episode out of the guideline's scope. */
public enum RedFlag {
    /** Suspected fracture. */
    SUSPECTED_FRACTURE,
    /** Suspected malignancy. */
    SUSPECTED_MALIGNANCY,
    /** Suspected infection. */
    SUSPECTED_INFECTION,
    /** Suspected cauda equina syndrome: acute referral. */
    CAUDA_EQUINA,
    /** Progressive neurological deficit. */
    PROGRESSIVE_NEUROLOGICAL_DEFICIT,
    /** Inflammatory disease. */
    INFLAMMATORY_DISEASE;

    /**
     * The scope reason this flag gives.
     *
     * @return {@code RED_FLAG_<FLAG>}
     */
    public ScopeReason reason() {
        return ScopeReason.valueOf("RED_FLAG_" + name());
    }
}
