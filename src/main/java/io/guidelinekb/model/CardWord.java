package io.guidelinekb.model;

/**
 * The words a CDS Hooks card shows besides the recommendation's own: a guideline gives them in
 * its {@code guideline.yaml} under {@code cards:}, or inherits the defaults.
 */
public enum CardWord {
    /** The service's label on every card. */
    LABEL("cards.label"),
    /** The summary of a card on an episode whose scope could not be determined. */
    UNDETERMINED_SUMMARY("cards.undetermined.summary"),
    /** What such a card says before the data it lacks. */
    UNDETERMINED_INTRO("cards.undetermined.intro"),
    /** The summary of the card on opening a patient's record. */
    PATIENT_VIEW_SUMMARY("cards.patientView.summary"),
    /** What that card says before the recommendations to consider. */
    PATIENT_VIEW_CONSIDER("cards.patientView.consider"),
    /** What that card says of ordering. */
    PATIENT_VIEW_ORDERS("cards.patientView.orders"),
    /** The word before a strength of recommendation. */
    STRENGTH("cards.words.strength"),
    /** The word before an evidence grade. */
    EVIDENCE("cards.words.evidence"),
    /** The words before the order that triggered a card. */
    ORDERED_BY("cards.words.orderedBy"),
    /** The word before a rule's name. */
    RULE("cards.words.rule"),
    /** The word before a recommendation's rationale. */
    RATIONALE("cards.words.rationale"),
    /** The label of the suggestion to remove an order. */
    REMOVE("cards.words.remove"),
    /** The description of that suggestion. */
    REMOVE_DESCRIPTION("cards.words.removeDescription"),
    /** The word before the guideline's standing. */
    STATUS("cards.words.status"),
    /** The word before an alert's reasons. */
    REASONS("cards.words.reasons"),
    /** The patient's age, a format with one number. */
    AGE("cards.words.age"),
    /** Weeks since onset, a format with one number. */
    SINCE_ONSET("cards.words.sinceOnset"),
    /** One week since onset. */
    SINCE_ONSET_ONE_WEEK("cards.words.sinceOnsetOneWeek"),
    /** Days since onset, a format with one number. */
    SINCE_ONSET_DAYS("cards.words.sinceOnsetDays"),
    /** One day since onset. */
    SINCE_ONSET_ONE_DAY("cards.words.sinceOnsetOneDay"),
    /** The label of the suggestion to refer. */
    REFER("cards.words.refer"),
    /** The label of the suggestion to order. */
    ORDER("cards.words.order");

    private final TextKey key;

    CardWord(String path) {
        this.key = new TextKey(path);
    }

    /**
     * Where the word sits in {@code guideline.yaml}.
     *
     * @return its key
     */
    public TextKey key() {
        return key;
    }
}
