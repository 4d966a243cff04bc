package io.guidelinekb.model;

/** Where the pain is felt; the guideline covers Th12 to the inferior gluteal fold. */
public enum PainLocation {
    /** The low back. */
    LOW_BACK,
    /** The buttocks. */
    BUTTOCK,
    /** Anywhere else. */
    OTHER
}
