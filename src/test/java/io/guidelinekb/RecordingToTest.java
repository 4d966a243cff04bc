package io.guidelinekb;

import io.guidelinekb.model.Case;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guidelinekb.model.Episode;
import io.guidelinekb.model.Patient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A hospital embedding the library counts its evaluations in its own Micrometer registry. */
class RecordingToTest {

    private static Case aged(String id, int age) {
        LocalDate asOf = LocalDate.of(2026, 3, 10);
        return new Case(Patient.aged("p-" + id, age), Episode.builder("e-" + id, "p-" + id, asOf)
                .onset(LocalDate.of(2026, 2, 17)).finding("LOW_BACK_PAIN", true).finding("RED_FLAGS_SCREENED", true).build());
    }

    @Test
    void everyEvaluationIsCountedByGuidelineAndScopeAndTimed() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        KnowledgeBase kb = LbpFixture.knowledgeBase().recordingTo(registry);

        kb.evaluate(aged("1", 40));
        kb.evaluateAll(List.of(aged("2", 50), aged("3", 12)));
        kb.evaluateEach(aged("4", 30));
        LbpFixture.knowledgeBase().evaluate(aged("5", 40));

        assertEquals(3, registry.get("guideline_kb_evaluations").tags("guideline", "fixture-lbp", "scope", "IN_SCOPE")
                .counter().count());
        assertEquals(1, registry.get("guideline_kb_evaluations").tags("scope", "OUT_OF_SCOPE").counter().count());
        assertEquals(4, registry.get("guideline_kb_evaluation").timer().count(), "the unrecorded knowledge base counts nothing");
    }
}
