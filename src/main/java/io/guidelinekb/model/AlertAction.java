package io.guidelinekb.model;

/**
 * What an alert offers besides its text: a referral a clinician can accept as a draft order, and a
 * link to what applies instead of the guideline. Every word is the vocabulary's.
 *
 * @param referralDa the referral's text in Danish, or {@code null} when the alert offers none
 * @param referralEn the same in English
 * @param linkUrl    the address of what applies instead, or {@code null}
 * @param linkDa     its title in Danish
 * @param linkEn     its title in English
 */
public record AlertAction(String referralDa, String referralEn, String linkUrl, String linkDa, String linkEn) {

    /** No referral and no link. */
    public static final AlertAction NONE = new AlertAction(null, null, null, null, null);

    /**
     * The referral's text in a language.
     *
     * @param language the language
     * @return the text, or {@code null} when there is no referral
     */
    public String referral(Language language) {
        return language.pick(referralDa, referralEn);
    }

    /**
     * The link's title in a language.
     *
     * @param language the language
     * @return the title, or {@code null} when there is no link
     */
    public String linkTitle(Language language) {
        return language.pick(linkDa, linkEn);
    }
}
