package io.guidelinekb.model;

import java.util.Objects;

/**
 * Something a clinician must act on now, shown before anything else (e.g. acute referral): what an
 * alert rule inserts, {@code insert( Alert.of( $episode, "CAUDA_EQUINA" ) );}
 *
 * @param episodeId the episode it is about
 * @param id        the alert's id in the guideline's vocabulary
 * @param level     how urgent it is
 * @param textDa    what to do, in Danish
 * @param textEn    the same in English
 */
public record Alert(String episodeId, String id, Vocabulary.AlertLevel level, String textDa, String textEn) {

    /**
     * Checks the components.
     *
     * @param episodeId the episode it is about
     * @param id        the alert's id
     * @param level     how urgent it is
     * @param textDa    what to do, in Danish
     * @param textEn    the same in English
     */
    public Alert {
        Objects.requireNonNull(episodeId, "episodeId must not be null");
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(level, "level must not be null");
        Objects.requireNonNull(textDa, "textDa must not be null");
        Objects.requireNonNull(textEn, "textEn must not be null");
    }

    /**
     * The alert of the episode's vocabulary, with its level and text.
     *
     * @param episode the episode, as the knowledge base admitted it
     * @param id      the alert's id, e.g. {@code CAUDA_EQUINA}
     * @return the alert
     * @throws IllegalArgumentException when the vocabulary has no such alert
     */
    public static Alert of(Episode episode, String id) {
        Vocabulary vocabulary = ScopeFinding.vocabularyOf(episode);
        Vocabulary.AlertLevel level = vocabulary.levelOf(id);
        Vocabulary.Term term = vocabulary.term(Vocabulary.Section.ALERTS, id).orElseThrow();
        return new Alert(episode.id(), id, level, term.da(), term.en());
    }

    /**
     * Whether it must be acted on now.
     *
     * @return true for a critical alert
     */
    public boolean critical() {
        return level == Vocabulary.AlertLevel.CRITICAL;
    }

    @Override
    public String toString() {
        return "Alert(" + id + ")";
    }
}
