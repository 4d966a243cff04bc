package io.guidelinekb.model;

/** Strength of a recommendation, as the guideline prints it before the recommendation. */
public enum Strength implements Coded {
    /** A strong recommendation for (↑↑). */
    STRONG_FOR("↑↑"),
    /** A weak/conditional recommendation for (↑). */
    WEAK_FOR("↑"),
    /** A weak/conditional recommendation against (↓). */
    WEAK_AGAINST("↓"),
    /** A strong recommendation against (↓↓). */
    STRONG_AGAINST("↓↓"),
    /** Good practice (√), a statement without graded evidence. */
    GOOD_PRACTICE("√");

    private final String symbol;

    Strength(String symbol) {
        this.symbol = symbol;
    }

    /**
     * The guideline's symbol.
     *
     * @return e.g. {@code ↑}
     */
    @Override
    public String symbol() {
        return symbol;
    }
}
