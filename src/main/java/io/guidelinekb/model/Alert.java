package io.guidelinekb.model;

import java.util.Objects;

/**
 * Something a clinician must act on now, shown before anything else (e.g. acute referral).
 *
 * @param episodeId the episode it is about
 * @param textDa    what to do, in Danish
 * @param textEn    the same in English
 */
public record Alert(String episodeId, String textDa, String textEn) {

    /**
     * Checks and copies the components.
     *
     * @param episodeId the episode it is about
     * @param textDa    what to do, in Danish
     * @param textEn    the same in English
     */
    public Alert {
        Objects.requireNonNull(episodeId, "episodeId must not be null");
        Objects.requireNonNull(textDa, "textDa must not be null");
        Objects.requireNonNull(textEn, "textEn must not be null");
    }

    @Override
    public String toString() {
        return "Alert(" + textEn + ")";
    }
}
