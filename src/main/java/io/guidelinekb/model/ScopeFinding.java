package io.guidelinekb.model;

import java.util.Objects;

/**
 * A scope reason that a rule found to hold for an episode: what a scope rule inserts,
 * {@code insert( ScopeFinding.of( $episode, "AGE_UNDER_16" ) );}
 *
 * @param episodeId the episode's id
 * @param reason    the reason's id in the guideline's vocabulary
 * @param exclusion true when the reason puts the episode out of scope, false for a missing datum
 */
public record ScopeFinding(String episodeId, String reason, boolean exclusion) {

    /**
     * Checks the components.
     *
     * @param episodeId the episode's id
     * @param reason    the reason's id
     * @param exclusion true for an exclusion, false for a missing datum
     */
    public ScopeFinding {
        Objects.requireNonNull(episodeId, "episodeId must not be null");
        Objects.requireNonNull(reason, "reason must not be null");
    }

    /**
     * The reason of the episode's vocabulary, with the kind the vocabulary gives it.
     *
     * @param episode the episode, as the knowledge base admitted it
     * @param reason  the reason's id, e.g. {@code AGE_UNDER_16} or {@code RED_FLAG_CAUDA_EQUINA}
     * @return the finding
     * @throws IllegalArgumentException when the vocabulary has no such scope reason
     */
    public static ScopeFinding of(Episode episode, String reason) {
        return new ScopeFinding(episode.id(), reason, vocabularyOf(episode).kindOf(reason)
                == Vocabulary.ReasonKind.EXCLUSION);
    }

    /**
     * The reason a red flag gives: {@code RED_FLAG_} and the flag's id.
     *
     * @param episode the episode
     * @param flag    the red flag's id
     * @return the finding
     */
    public static ScopeFinding ofRedFlag(Episode episode, String flag) {
        return of(episode, Vocabulary.RED_FLAG_REASON + flag);
    }

    /**
     * Whether the reason is a missing datum, which leaves the episode undetermined.
     *
     * @return true for a missing datum
     */
    public boolean missingData() {
        return !exclusion;
    }

    static Vocabulary vocabularyOf(Episode episode) {
        if (episode.vocabulary() == null) {
            throw new IllegalStateException("episode " + episode.id() + " was not admitted by a knowledge base, "
                    + "which checks its ids against the guideline's vocabulary");
        }
        return episode.vocabulary();
    }

    @Override
    public String toString() {
        return "ScopeFinding(" + reason + ")";
    }
}
