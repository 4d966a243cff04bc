package io.guidelinekb.model;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a guideline, or one of its recommendations, stands with its publisher: current, or under
 * review, superseded or withdrawn, with a note for the clinician and a link to read more. Authors
 * set it in the guideline's {@code guideline.yaml}.
 *
 * @param status where it stands
 * @param noteDa what a clinician should know, in Danish; {@code null} for a current one
 * @param noteEn the same in English
 * @param link   where to read more (an absolute URL), or {@code null}
 */
public record Review(Status status, String noteDa, String noteEn, String link) {

    /** A current guideline or recommendation, with nothing to say. */
    public static final Review CURRENT = new Review(Status.CURRENT, null, null, null);

    /**
     * Checks and copies the components.
     *
     * @param status where it stands
     * @param noteDa what a clinician should know, in Danish; {@code null} for a current one
     * @param noteEn the same in English
     * @param link   where to read more (an absolute URL), or {@code null}
     */
    public Review {
        Objects.requireNonNull(status, "status must not be null");
    }

    /** Where a guideline or recommendation stands. */
    public enum Status {
        /** In force as published. */
        CURRENT("gældende", "current"),
        /** The publisher is reviewing it; follow it with its note in mind. */
        UNDER_REVIEW("under vurdering", "under review"),
        /** Replaced by newer advice, which the note and link name. */
        SUPERSEDED("erstattet", "superseded"),
        /** Withdrawn by the publisher. */
        WITHDRAWN("trukket tilbage", "withdrawn");

        private final String da;
        private final String en;

        Status(String da, String en) {
            this.da = da;
            this.en = en;
        }

        /**
         * The status in words, as Sundhedsstyrelsen writes it ("under vurdering") or in English.
         *
         * @param language the language
         * @return the words
         */
        public String label(Language language) {
            return language.pick(da, en);
        }

        /**
         * The status as authors write it.
         *
         * @return e.g. {@code under-review}
         */
        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /**
         * The status an author wrote.
         *
         * @param code e.g. {@code under-review}
         * @return the status, or {@code null} for any other word
         */
        public static Status ofCode(String code) {
            for (Status status : values()) {
                if (status.code().equals(code)) {
                    return status;
                }
            }
            return null;
        }
    }

    /**
     * Whether a clinician should know where the advice stands.
     *
     * @return true unless the guideline or recommendation is current
     */
    public boolean needsAttention() {
        return status != Status.CURRENT;
    }

    /**
     * The note in Danish or in English.
     *
     * @param language the language
     * @return the note, or {@code null} when there is none
     */
    public String note(Language language) {
        return language.pick(noteDa, noteEn);
    }
}
