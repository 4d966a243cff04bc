package io.guidelinekb.model;

import java.util.Objects;

/**
 * Where a conclusion came from: the rule, its DRL file and the version of the knowledge base.
 * {@code file} and {@code knowledgeBaseVersion} are {@code null} only inside a running session;
 * every result handed out has them.
 */
public record Provenance(String rule, String file, String knowledgeBaseVersion) {

    public Provenance {
        Objects.requireNonNull(rule, "rule must not be null");
    }
}
