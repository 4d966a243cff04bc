package io.guidelinekb;

/** A rule of the knowledge base: its name, where it is written, and the recommendation it gives, if any. */
public record RuleInfo(String name, String file, int line, String recommendationId) {
}
