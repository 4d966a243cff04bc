package io.guidelinekb.model;

import java.util.Objects;

/** A scope reason that a rule found to hold for an episode. */
public record ScopeFinding(String episodeId, ScopeReason reason) {

    public ScopeFinding {
        Objects.requireNonNull(episodeId, "episodeId must not be null");
        Objects.requireNonNull(reason, "reason must not be null");
    }

    @Override
    public String toString() {
        return "ScopeFinding(" + reason + ")";
    }
}
