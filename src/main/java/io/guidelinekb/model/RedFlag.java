package io.guidelinekb.model;

/** Signs of specific, serious disease that take an episode out of the guideline's scope. */
public enum RedFlag {
    SUSPECTED_FRACTURE,
    SUSPECTED_MALIGNANCY,
    SUSPECTED_INFECTION,
    CAUDA_EQUINA,
    PROGRESSIVE_NEUROLOGICAL_DEFICIT,
    INFLAMMATORY_DISEASE;

    /** The scope reason {@code RED_FLAG_<FLAG>} that this flag gives. */
    public ScopeReason reason() {
        return ScopeReason.valueOf("RED_FLAG_" + name());
    }
}
