package io.guidelinekb.audit;

import io.guidelinekb.model.Case;
import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.KnowledgeBase;
import java.util.List;

/**
 * How a batch run evaluates its records: the knowledge base, or, for a benchmark's floor, results
 * known beforehand, so that the same run measures everything batch does but the evaluation.
 */
public interface Evaluation {

    /**
     * Evaluates a chunk of cases together.
     *
     * @param cases the chunk's cases, in input order
     * @return one result a case, in the same order
     */
    List<EpisodeResult> evaluateAll(List<Case> cases);

    /**
     * Evaluates one case alone: after a chunk failed, to find the records a rule fails on.
     *
     * @param input the case
     * @return its result
     */
    EpisodeResult evaluate(Case input);

    /**
     * The knowledge base's own evaluation.
     *
     * @param knowledgeBase the rules
     * @return an evaluation by those rules
     */
    static Evaluation of(KnowledgeBase knowledgeBase) {
        return new Evaluation() {
            @Override
            public List<EpisodeResult> evaluateAll(List<Case> cases) {
                return knowledgeBase.evaluateAll(cases);
            }

            @Override
            public EpisodeResult evaluate(Case input) {
                return knowledgeBase.evaluate(input);
            }
        };
    }
}
