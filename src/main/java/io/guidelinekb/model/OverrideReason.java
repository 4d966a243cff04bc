package io.guidelinekb.model;

/**
 * A reason a clinician may give for going on against a card, as the guideline words it.
 *
 * @param code    the reason's code, sent back in the card's feedback
 * @param display the reason in words
 */
public record OverrideReason(String code, String display) {
}
