package io.guidelinekb;

import io.guidelinekb.model.Case;
import io.guidelinekb.model.EpisodeResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.pipeline.PopulationGenerator;
import io.guidelinekb.engine.GuidelineRules;
import io.guidelinekb.engine.RuleCache;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * More threads than the session pool holds (a batch's --threads past the cores, a hospital's request
 * threads): each waits for a pooled session rather than take one from Drools' unlocked overflow
 * list, and every result is the one a single thread gets.
 */
class SessionLendingTest {

    @Test
    void threadsBeyondThePoolWaitForASessionAndGetTheSameResults() throws Exception {
        KnowledgeBase kb = KnowledgeBase.load(RulesFolder.LBP, RuleCache.off());
        PopulationGenerator population = new PopulationGenerator(9, LocalDate.of(2026, 3, 1), LbpFixture.population());
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            Case next = population.next();
            cases.add(new Case(next.patient(), kb.vocabulary().admit(next.episode())));
        }
        List<String> alone = cases.stream().map(c -> EpisodeResultJson.toJson(kb.evaluate(c))).toList();

        int threads = 4 * GuidelineRules.POOLED + 1;
        String[] together = new String[cases.size()];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                work.add(pool.submit(() -> {
                    for (int i = first * 16; i < cases.size(); i += threads * 16) {
                        List<EpisodeResult> results = kb.evaluateAll(cases.subList(i, Math.min(i + 16, cases.size())));
                        for (int j = 0; j < results.size(); j++) {
                            together[i + j] = EpisodeResultJson.toJson(results.get(j));
                        }
                    }
                }));
            }
            for (Future<?> done : work) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }

        assertEquals(alone, List.of(together));
        int most = kb.parts().get(0).mostLentAtOnce();
        assertTrue(most >= 1 && most <= GuidelineRules.POOLED, "at most " + GuidelineRules.POOLED + " sessions lent at once: "
                + most);
    }
}
