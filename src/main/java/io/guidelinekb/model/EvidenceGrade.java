package io.guidelinekb.model;

/** Certainty of the evidence behind a recommendation; {@code NONE} where the guideline prints no symbol. */
public enum EvidenceGrade implements Coded {
    /** High (⊕⊕⊕⊕). */
    HIGH("⊕⊕⊕⊕"),
    /** Moderate (⊕⊕⊕). */
    MODERATE("⊕⊕⊕"),
    /** Low (⊕⊕). */
    LOW("⊕⊕"),
    /** Very low (⊕). */
    VERY_LOW("⊕"),
    /** No evidence symbol printed. */
    NONE("");

    private final String symbol;

    EvidenceGrade(String symbol) {
        this.symbol = symbol;
    }

    /**
     * The guideline's symbol.
     *
     * @return e.g. {@code ⊕⊕}, or the empty string for {@link #NONE}
     */
    @Override
    public String symbol() {
        return symbol;
    }
}
