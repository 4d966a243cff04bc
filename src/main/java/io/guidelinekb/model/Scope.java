package io.guidelinekb.model;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The scope status a rule concluded for an episode, with every reason of its kind that holds.
 * It carries the episode itself, so that recommendation rules need no join to reach it.
 */
public record Scope(Episode episode, ScopeStatus status, Set<ScopeReason> reasons) {

    public Scope {
        Objects.requireNonNull(episode, "episode must not be null");
        Objects.requireNonNull(status, "status must not be null");
        reasons = Enums.immutableSet(ScopeReason.class, reasons);
    }

    /** Builds the status from the findings a rule collected (DRL {@code collect} gives a list of facts). */
    public static Scope of(Episode episode, ScopeStatus status, Collection<?> findings) {
        Set<ScopeReason> reasons = EnumSet.noneOf(ScopeReason.class);
        for (Object finding : findings) {
            reasons.add(((ScopeFinding) finding).reason());
        }
        return new Scope(episode, status, reasons);
    }

    public String episodeId() {
        return episode.id();
    }

    @Override
    public String toString() {
        return "Scope(" + status + (reasons.isEmpty() ? "" : " " + reasons) + ")";
    }
}
