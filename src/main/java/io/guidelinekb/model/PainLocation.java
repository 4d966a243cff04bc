package io.guidelinekb.model;

/** Where the pain is felt; the guideline covers Th12 to the inferior gluteal fold. */
public enum PainLocation {
    LOW_BACK, BUTTOCK, OTHER
}
