package io.guidelinekb.model;

/**
 * What a red flag of a vocabulary means beyond its label. A red flag is a category of serious disease
 * (cauda equina, malignancy, …) or an indicator that points to one, as clinicians screen for it (a
 * history of cancer points to malignancy): an indicator takes the episode out of scope like its
 * category, and gives its category's alert.
 *
 * @param category the red flag it points to, or {@code null} for a category itself
 * @param alert    the alert a category gives when present, or {@code null} for none
 * @param source   where an indicator comes from, as an author can cite it, or {@code null}
 */
public record RedFlagMeaning(String category, String alert, String source) {

    /** A red flag that is a category of its own and gives no alert. */
    public static final RedFlagMeaning PLAIN = new RedFlagMeaning(null, null, null);

    /**
     * Whether it points to another red flag.
     *
     * @return true for an indicator
     */
    public boolean indicator() {
        return category != null;
    }
}
