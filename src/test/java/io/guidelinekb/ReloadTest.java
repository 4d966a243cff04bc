package io.guidelinekb;

import io.guidelinekb.model.Case;
import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.model.RuleLoadException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.model.Patient;
import io.guidelinekb.model.Recommendation;
import io.guidelinekb.model.ScopeStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@io.guidelinekb.IntegrationTest
class ReloadTest {

    static final Case SEVENTEEN = new Case(Patient.aged("p", 17), EvaluationTest.inScopeEpisode("e", "p").build());

    @TempDir
    Path temp;

    @Test
    void reloadsUnderConcurrentEvaluationWithNoFailedOrMixedVersionResult() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp);
        ReloadingKnowledgeBase kb = ReloadingKnowledgeBase.load(rules.root());
        String sixteen = kb.current().version();
        Map<String, ScopeStatus> statusOfVersion = new ConcurrentHashMap<>(Map.of(sixteen, ScopeStatus.IN_SCOPE));

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger evaluations = new AtomicInteger();
        Map<String, AtomicInteger> perVersion = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch started = new CountDownLatch(3);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            workers.add(pool.submit(() -> {
                started.countDown();
                while (running.get()) {
                    EpisodeResult result = kb.evaluate(SEVENTEEN);
                    String version = result.knowledgeBaseVersion();
                    ScopeStatus expected = statusOfVersion.get(version);
                    assertEquals(expected, result.status(), "result of version " + version);
                    for (Recommendation r : result.recommendations()) {
                        assertEquals(version, r.provenance().knowledgeBaseVersion(), "mixed versions in one result");
                    }
                    perVersion.computeIfAbsent(version, v -> new AtomicInteger()).incrementAndGet();
                    evaluations.incrementAndGet();
                }
                return null;
            }));
        }
        started.await();
        String eighteen = null;
        for (int i = 0; i < 3; i++) {
            rules.replace("00-scope.drl", "ageYearsAtMost < 16", "ageYearsAtMost < 18");
            KnowledgeBase changed = KnowledgeBase.load(rules.root());
            eighteen = changed.version();
            statusOfVersion.put(eighteen, ScopeStatus.OUT_OF_SCOPE);
            ReloadingKnowledgeBase.Reload toEighteen = kb.reload();
            assertTrue(toEighteen.replaced(), toEighteen.problems().toString());
            assertEquals(eighteen, toEighteen.version());
            // the readers evaluate against the new version before it is swapped back
            String seen = eighteen;
            int before = perVersion.computeIfAbsent(seen, v -> new AtomicInteger()).get();
            assertTrue(io.guidelinekb.Waiting.until(java.time.Duration.ofSeconds(30),
                    () -> perVersion.get(seen).get() > before), "the readers saw version " + seen);
            rules.replace("00-scope.drl", "ageYearsAtMost < 18", "ageYearsAtMost < 16");
            ReloadingKnowledgeBase.Reload back = kb.reload();
            assertEquals(sixteen, back.version());
            int beforeBack = perVersion.computeIfAbsent(sixteen, v -> new AtomicInteger()).get();
            assertTrue(io.guidelinekb.Waiting.until(java.time.Duration.ofSeconds(30),
                    () -> perVersion.get(sixteen).get() > beforeBack), "the readers saw version " + sixteen);
        }
        running.set(false);
        for (Future<?> worker : workers) {
            worker.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertTrue(evaluations.get() > 100, "evaluations ran during the reloads: " + evaluations);
        assertTrue(perVersion.containsKey(sixteen) && perVersion.containsKey(eighteen),
                "both versions served: " + perVersion);
        assertNotEquals(sixteen, eighteen);
    }

    @Test
    void aReloadToABrokenFolderKeepsTheOldVersionServing() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp);
        ReloadingKnowledgeBase kb = ReloadingKnowledgeBase.load(rules.root());
        String before = kb.current().version();

        rules.replace("04-imaging.drl", "then", "than");
        ReloadingKnowledgeBase.Reload reload = kb.reload();

        assertFalse(reload.replaced());
        assertEquals(before, reload.version());
        assertTrue(reload.problems().get(0).file().endsWith("04-imaging.drl"), reload.problems().toString());
        assertEquals(before, kb.current().version());
        EpisodeResult result = kb.evaluate(SEVENTEEN);
        assertEquals(before, result.knowledgeBaseVersion());
        assertEquals(10, result.recommendations().size());
    }

    @Test
    void aReloadToUnsafeRulesIsRefusedToo() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp);
        ReloadingKnowledgeBase kb = ReloadingKnowledgeBase.load(rules.root());
        rules.replace("04-imaging.drl", "insert( Recommendation.given( kcontext, $episode ) );", "System.exit( 1 );");

        ReloadingKnowledgeBase.Reload reload = kb.reload();

        assertFalse(reload.replaced());
        assertTrue(reload.problems().get(0).message().startsWith("System is not allowed"), reload.problems().toString());
    }

    @Test
    void aReloadCanRequireTheScenarioSuiteSoAFolderMissingARuleDoesNotServe() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp);
        ReloadingKnowledgeBase kb = ReloadingKnowledgeBase.load(rules.root(),
                io.guidelinekb.scenario.ScenarioRun.gate(List.of(Path.of("src/test/resources/fixture/facts"))));
        String before = kb.current().version();

        java.nio.file.Files.delete(rules.file("04-imaging.drl"));
        ReloadingKnowledgeBase.Reload reload = kb.reload();

        assertFalse(reload.replaced(), "nine recommendations would have served");
        assertEquals(before, kb.current().version());
        assertTrue(reload.problems().stream().anyMatch(p -> p.message().contains("imaging-mri-proposed-triggers-04.yaml")
                && p.message().contains("FIX-LBP-04 is not a recommendation any rule declares")),
                reload.problems().toString());
        assertEquals(10, kb.evaluate(SEVENTEEN).recommendations().size());
    }

    @Test
    void aFirstVersionThatFailsTheSuiteDoesNotStart() {
        RulesFolder rules = RulesFolder.copyOfLbp(temp).replace("00-scope.drl", "ageYearsAtMost < 16", "ageYearsAtMost < 18");

        RuleLoadException e = assertThrows(RuleLoadException.class, () -> ReloadingKnowledgeBase.load(rules.root(),
                io.guidelinekb.scenario.ScenarioRun.gate(List.of(Path.of("src/test/resources/fixture/facts/fixture-lbp/boundaries")))));

        assertTrue(e.getMessage().contains("the new rules fail a check and do not serve"), e.getMessage());
    }
}
