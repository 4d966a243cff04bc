package io.guidelinekb.model;

/**
 * Whether proposing an intervention goes against the recommendation that concerns it or with it.
 * The strength symbol alone does not tell: NKR-LBP-01 is ↑, yet bed rest goes against it.
 */
public enum TriggerDirection {
    /** Proposing it is discordant with the recommendation: what an order-time alert shows. */
    AGAINST,
    /** Proposing it follows the recommendation: care that is concordant with the guideline. */
    WITH;

    /**
     * The word an author writes in {@code @concerns}.
     *
     * @return {@code against} or {@code with}
     */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
