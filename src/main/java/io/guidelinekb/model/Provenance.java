package io.guidelinekb.model;

import java.util.Objects;

/**
 * Where a conclusion came from: the rule, its DRL file, the version of the knowledge base and the
 * guideline. {@code file}, {@code knowledgeBaseVersion} and {@code guideline} are {@code null} only
 * inside a running session; every result handed out has them.
 *
 * @param rule                 the rule's name
 * @param file                 its DRL file, as shown to people
 * @param knowledgeBaseVersion the content hash of the knowledge base
 * @param guideline            the guideline whose folder holds the rule
 */
public record Provenance(String rule, String file, String knowledgeBaseVersion, Guideline guideline) {

    /**
     * Checks and copies the components.
     *
     * @param rule                 the rule's name
     * @param file                 its DRL file, as shown to people
     * @param knowledgeBaseVersion the content hash of the knowledge base
     * @param guideline            the guideline whose folder holds the rule
     */
    public Provenance {
        Objects.requireNonNull(rule, "rule must not be null");
    }
}
