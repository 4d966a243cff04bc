package io.guidelinekb.model;

import java.util.Objects;

/**
 * Where a conclusion came from: the rule, its DRL file and the version of the knowledge base.
 * {@code file} and {@code knowledgeBaseVersion} are {@code null} only inside a running session;
 * every result handed out has them.
 */
public record Provenance(String rule, String file, String knowledgeBaseVersion) {

    /** The key under which the loader leaves each rule's full provenance in the rule's metadata. */
    public static final String KEY = "io.guidelinekb.provenance";

    public Provenance {
        Objects.requireNonNull(rule, "rule must not be null");
    }
}
