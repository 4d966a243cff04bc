package io.guidelinekb.model;

import java.util.Locale;

/**
 * Where a recommendation stands in its own life, as CRMI's artifact status says it (draft → active →
 * retired): written in its rule, {@code @status("draft")}; a rule that says nothing is active.
 */
public enum Lifecycle {
    /** Written and tested: given by evaluate, test, explain, batch and the library, marked draft; never shown at the point of care. */
    DRAFT,
    /** In use: given everywhere. */
    ACTIVE,
    /** No longer in use: never given; its rule is kept so that its history reads whole. */
    RETIRED;

    /**
     * The code a rule writes.
     *
     * @return {@code draft}, {@code active} or {@code retired}
     */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
