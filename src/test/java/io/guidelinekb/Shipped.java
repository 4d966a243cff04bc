package io.guidelinekb;

/** The shipped knowledge base, compiled once for all tests that only read it. */
public final class Shipped {

    private static KnowledgeBase knowledgeBase;

    private Shipped() {
    }

    public static synchronized KnowledgeBase knowledgeBase() {
        if (knowledgeBase == null) {
            try {
                knowledgeBase = KnowledgeBase.load(RulesFolder.SHIPPED);
            } catch (RuleLoadException e) {
                throw new AssertionError("the shipped rules must load:\n" + e.getMessage(), e);
            }
        }
        return knowledgeBase;
    }

    /** The shipped guideline's vocabulary: what its scenarios and records may name. */
    public static io.guidelinekb.model.Vocabulary vocabulary() {
        return knowledgeBase().vocabulary();
    }
}
