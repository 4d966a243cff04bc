package io.guidelinekb.model;

/** Certainty of the evidence behind a recommendation; {@code NONE} where the guideline prints no symbol. */
public enum EvidenceGrade implements Coded {
    HIGH("⊕⊕⊕⊕"),
    MODERATE("⊕⊕⊕"),
    LOW("⊕⊕"),
    VERY_LOW("⊕"),
    NONE("");

    private final String symbol;

    EvidenceGrade(String symbol) {
        this.symbol = symbol;
    }

    @Override
    public String symbol() {
        return symbol;
    }
}
