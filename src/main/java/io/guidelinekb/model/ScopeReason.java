package io.guidelinekb.model;

/** Why an episode is out of scope (an exclusion) or undetermined (a missing datum). */
public enum ScopeReason {
    /** Younger than 16 completed years on the evaluation date. */
    AGE_UNDER_16(Kind.EXCLUSION),
    /** Pain for more than 12 weeks (85 days or more, or 13 weeks or more). */
    DURATION_OVER_12_WEEKS(Kind.EXCLUSION),
    /** Pain felt neither in the low back nor in the buttocks. */
    PAIN_OUTSIDE_LOW_BACK(Kind.EXCLUSION),
    /** Signs of lumbar nerve-root involvement: another guideline applies. */
    RADICULOPATHY(Kind.EXCLUSION),
    /** Red flag: suspected fracture. */
    RED_FLAG_SUSPECTED_FRACTURE(Kind.EXCLUSION),
    /** Red flag: suspected malignancy. */
    RED_FLAG_SUSPECTED_MALIGNANCY(Kind.EXCLUSION),
    /** Red flag: suspected infection. */
    RED_FLAG_SUSPECTED_INFECTION(Kind.EXCLUSION),
    /** Red flag: suspected cauda equina syndrome. */
    RED_FLAG_CAUDA_EQUINA(Kind.EXCLUSION),
    /** Red flag: progressive neurological deficit. */
    RED_FLAG_PROGRESSIVE_NEUROLOGICAL_DEFICIT(Kind.EXCLUSION),
    /** Red flag: inflammatory disease. */
    RED_FLAG_INFLAMMATORY_DISEASE(Kind.EXCLUSION),
    /** Neither birth date nor age is known. */
    MISSING_AGE(Kind.MISSING_DATA),
    /** Neither onset nor duration is known. */
    MISSING_DURATION(Kind.MISSING_DATA),
    /** Where the pain is felt is not recorded. */
    MISSING_PAIN_LOCATION(Kind.MISSING_DATA),
    /** Red-flag screening is not recorded as done, and no red flag is present. */
    RED_FLAGS_NOT_SCREENED(Kind.MISSING_DATA);

    /** An exclusion puts an episode out of scope; missing data leaves it undetermined. */
    public enum Kind {
        /** Puts the episode out of scope. */
        EXCLUSION,
        /** Leaves the episode undetermined. */
        MISSING_DATA
    }

    private final Kind kind;

    ScopeReason(Kind kind) {
        this.kind = kind;
    }

    /**
     * Whether the reason excludes or is a missing datum.
     *
     * @return its kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Whether the reason puts the episode out of scope; a rule reads it as {@code reason.exclusion}.
     *
     * @return true for an exclusion
     */
    public boolean isExclusion() {
        return kind == Kind.EXCLUSION;
    }

    /**
     * Whether the reason is a missing datum; a rule reads it as {@code reason.missingData}.
     *
     * @return true for a missing datum
     */
    public boolean isMissingData() {
        return kind == Kind.MISSING_DATA;
    }
}
