package io.guidelinekb;

import io.guidelinekb.model.RuleLoadException;

/** The shipped knowledge base, compiled once for all tests that only read it. */
public final class LbpFixture {

    private static KnowledgeBase knowledgeBase;

    private LbpFixture() {
    }

    public static synchronized KnowledgeBase knowledgeBase() {
        if (knowledgeBase == null) {
            try {
                knowledgeBase = KnowledgeBase.load(RulesFolder.LBP);
            } catch (RuleLoadException e) {
                throw new AssertionError("the shipped rules must load:\n" + e.getMessage(), e);
            }
        }
        return knowledgeBase;
    }

    /** The shipped guideline's synthetic population, from rules/fixture-lbp/population.yaml. */
    public static io.guidelinekb.pipeline.Population population() {
        try {
            return io.guidelinekb.pipeline.Population.of(RulesFolder.LBP, RulesFolder.GUIDELINE);
        } catch (io.guidelinekb.util.InvalidInputException e) {
            throw new AssertionError("the shipped population must read:\n" + e.getMessage(), e);
        }
    }

    /** The shipped guideline's vocabulary: what its scenarios and records may name. */
    public static io.guidelinekb.model.Vocabulary vocabulary() {
        return knowledgeBase().vocabulary();
    }
}
