package io.guidelinekb.model;

/** Strength of a recommendation, as the guideline prints it before the recommendation. */
public enum Strength implements Coded {
    STRONG_FOR("↑↑"),
    WEAK_FOR("↑"),
    WEAK_AGAINST("↓"),
    STRONG_AGAINST("↓↓"),
    GOOD_PRACTICE("√");

    private final String symbol;

    Strength(String symbol) {
        this.symbol = symbol;
    }

    @Override
    public String symbol() {
        return symbol;
    }
}
