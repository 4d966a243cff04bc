package io.guidelinekb.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.model.Case;
import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.LbpFixture;
import io.guidelinekb.pipeline.PopulationGenerator;
import io.guidelinekb.input.RecordJson;
import io.guidelinekb.model.Recommendation;
import io.guidelinekb.model.ScopeStatus;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The DRL engine and the plain-Java reference agree exactly on 100,000 random episodes, and the
 * benchmark's floor gives the very results the engine gives, field by field.
 */
@io.guidelinekb.IntegrationTest
class OracleTest {

    static final int EPISODES = 100_000;

    static ReferenceGuideline.Outcome asReference(EpisodeResult result) {
        Map<String, ReferenceGuideline.Given> given = new LinkedHashMap<>();
        for (Recommendation r : result.recommendations()) {
            given.put(r.id(), new ReferenceGuideline.Given(r.strength(), r.evidence(), r.triggeredBy()));
        }
        return new ReferenceGuideline.Outcome(result.status(), result.reasons(), given);
    }

    @Test
    void theEngineAndTheReferenceAgreeOnEveryEpisode() {
        List<Case> cases = new ArrayList<>(EPISODES);
        PopulationGenerator realistic = new PopulationGenerator(2026, LocalDate.of(2026, 1, 15), io.guidelinekb.LbpFixture.population());
        RandomEpisodes uniform = new RandomEpisodes(2026);
        for (int i = 0; i < EPISODES; i++) {
            cases.add(i % 2 == 0 ? realistic.next() : uniform.next());
        }
        List<EpisodeResult> results = LbpFixture.knowledgeBase().evaluateAll(cases);
        FloorGuideline floor = new FloorGuideline(LbpFixture.knowledgeBase());

        Map<ScopeStatus, Integer> seen = new EnumMap<>(ScopeStatus.class);
        int triggered = 0;
        for (int i = 0; i < EPISODES; i++) {
            Case input = cases.get(i);
            ReferenceGuideline.Outcome expected = ReferenceGuideline.evaluate(input);
            assertEquals(expected, asReference(results.get(i)), () -> "disagreement on " + RecordJson.toJson(input));
            Case admitted = new Case(input.patient(), LbpFixture.knowledgeBase().vocabulary().admit(input.episode()));
            assertEquals(results.get(i), floor.evaluate(admitted), () -> "the benchmark's floor differs on "
                    + RecordJson.toJson(input));
            seen.merge(expected.status(), 1, Integer::sum);
            triggered += results.get(i).triggered().size();
        }
        for (ScopeStatus status : ScopeStatus.values()) {
            assertTrue(seen.getOrDefault(status, 0) > EPISODES / 20, "too few " + status + ": " + seen);
        }
        assertTrue(triggered > EPISODES / 4, "triggered: " + triggered);
    }
}
