package io.guidelinekb.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which guideline a result comes from, as its folder's {@code guideline.yaml} describes it: what a
 * clinician needs to judge the advice (who published it, when, which version, and whether it is still
 * current). Shared by every result of the guideline.
 *
 * @param id                    the guideline's id, its folder's name: {@code nkr-lbp-2016}
 * @param titleDa               its title in Danish
 * @param titleEn               its title in English
 * @param publisher             who published it, or {@code null} when the folder has no descriptor
 * @param published             when: {@code 2016-06-20} (or {@code 2016-06}), or {@code null}
 * @param version               the publisher's version of it, or {@code null} when the folder has no descriptor
 * @param source                where to read it (an absolute URL), or {@code null}
 * @param review                where it stands with its publisher
 * @param recommendationReviews where single recommendations stand, by recommendation id, when it
 *                              differs from or adds to the guideline's standing
 */
public record Guideline(String id, String titleDa, String titleEn, String publisher, String published,
                        String version, String source, Review review, Map<String, Review> recommendationReviews) {

    /**
     * Checks and copies the components.
     *
     * @param id                    the guideline's id, its folder's name: {@code nkr-lbp-2016}
     * @param titleDa               its title in Danish
     * @param titleEn               its title in English
     * @param publisher             who published it, or {@code null} when the folder has no descriptor
     * @param published             when: {@code 2016-06-20} (or {@code 2016-06}), or {@code null}
     * @param version               the publisher's version of it, or {@code null} when the folder has no descriptor
     * @param source                where to read it (an absolute URL), or {@code null}
     * @param review                where it stands with its publisher
     * @param recommendationReviews where single recommendations stand, by recommendation id, when it differs from or adds to the guideline's standing
     */
    public Guideline {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(review, "review must not be null");
        recommendationReviews = Map.copyOf(recommendationReviews);
    }

    /**
     * A folder without a descriptor: named by its folder, version unknown, current.
     *
     * @param id the folder's name
     * @return the guideline
     */
    public static Guideline undescribed(String id) {
        return new Guideline(id, id, id, null, null, null, null, Review.CURRENT, Map.of());
    }

    /**
     * The title in Danish or in English.
     *
     * @param language the language
     * @return the title
     */
    public String title(Language language) {
        return language.pick(titleDa, titleEn);
    }

    /**
     * What the descriptor says of one recommendation's standing.
     *
     * @param recommendationId e.g. {@code NKR-LBP-08}
     * @return its review, or empty when the descriptor says nothing of it
     */
    public Optional<Review> reviewOf(String recommendationId) {
        return Optional.ofNullable(recommendationReviews.get(recommendationId));
    }
}
