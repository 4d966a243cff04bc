package io.guidelinekb.model;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * The scope status a rule concluded for an episode, with every reason of its kind that holds.
 * It carries the episode itself, so that recommendation rules need no join to reach it.
 *
 * @param episode the episode
 * @param status  its scope status
 * @param reasons the exclusions (out of scope) or missing data (undetermined); empty in scope
 */
public record Scope(Episode episode, ScopeStatus status, Set<String> reasons) {

    /**
     * Checks and copies the components.
     *
     * @param episode the episode
     * @param status  its scope status
     * @param reasons the exclusions (out of scope) or missing data (undetermined); empty in scope
     */
    public Scope {
        Objects.requireNonNull(episode, "episode must not be null");
        Objects.requireNonNull(status, "status must not be null");
        reasons = Ids.set(reasons, "scope reason");
    }

    /**
     * Builds the status from the findings a rule collected: what a scope rule's consequence inserts,
     * {@code insert( Scope.of( $episode, ScopeStatus.OUT_OF_SCOPE, $exclusions ) );}
     *
     * @param episode  the episode
     * @param status   its scope status
     * @param findings the {@link ScopeFinding}s collected (DRL {@code collect} gives a list of facts)
     * @return the scope status with the findings' reasons
     */
    public static Scope of(Episode episode, ScopeStatus status, Collection<?> findings) {
        java.util.List<String> reasons = new java.util.ArrayList<>(findings.size());
        for (Object finding : findings) {
            reasons.add(((ScopeFinding) finding).reason());
        }
        Vocabulary vocabulary = episode.vocabulary();
        return new Scope(episode, status, vocabulary == null ? Ids.set(reasons, "scope reason")
                : vocabulary.ordered(Vocabulary.Section.SCOPE_REASONS, reasons));
    }

    /**
     * The episode's id.
     *
     * @return the id
     */
    public String episodeId() {
        return episode.id();
    }

    @Override
    public String toString() {
        return "Scope(" + status + (reasons.isEmpty() ? "" : " " + reasons) + ")";
    }
}
