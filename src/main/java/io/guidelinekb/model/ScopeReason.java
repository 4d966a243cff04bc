package io.guidelinekb.model;

/** Why an episode is out of scope (an exclusion) or undetermined (a missing datum). */
public enum ScopeReason {
    AGE_UNDER_16(Kind.EXCLUSION),
    DURATION_OVER_12_WEEKS(Kind.EXCLUSION),
    PAIN_OUTSIDE_LOW_BACK(Kind.EXCLUSION),
    RADICULOPATHY(Kind.EXCLUSION),
    RED_FLAG_SUSPECTED_FRACTURE(Kind.EXCLUSION),
    RED_FLAG_SUSPECTED_MALIGNANCY(Kind.EXCLUSION),
    RED_FLAG_SUSPECTED_INFECTION(Kind.EXCLUSION),
    RED_FLAG_CAUDA_EQUINA(Kind.EXCLUSION),
    RED_FLAG_PROGRESSIVE_NEUROLOGICAL_DEFICIT(Kind.EXCLUSION),
    RED_FLAG_INFLAMMATORY_DISEASE(Kind.EXCLUSION),
    MISSING_AGE(Kind.MISSING_DATA),
    MISSING_DURATION(Kind.MISSING_DATA),
    MISSING_PAIN_LOCATION(Kind.MISSING_DATA),
    RED_FLAGS_NOT_SCREENED(Kind.MISSING_DATA);

    /** An exclusion puts an episode out of scope; missing data leaves it undetermined. */
    public enum Kind { EXCLUSION, MISSING_DATA }

    private final Kind kind;

    ScopeReason(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isExclusion() {
        return kind == Kind.EXCLUSION;
    }

    public boolean isMissingData() {
        return kind == Kind.MISSING_DATA;
    }
}
