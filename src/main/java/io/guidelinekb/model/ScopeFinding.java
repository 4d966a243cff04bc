package io.guidelinekb.model;

import java.util.Objects;

/**
 * A scope reason that a rule found to hold for an episode: what a scope rule inserts.
 *
 * @param episodeId the episode's id
 * @param reason    the reason that holds
 */
public record ScopeFinding(String episodeId, ScopeReason reason) {

    /**
     * Checks and copies the components.
     *
     * @param episodeId the episode's id
     * @param reason    the reason that holds
     */
    public ScopeFinding {
        Objects.requireNonNull(episodeId, "episodeId must not be null");
        Objects.requireNonNull(reason, "reason must not be null");
    }

    @Override
    public String toString() {
        return "ScopeFinding(" + reason + ")";
    }
}
