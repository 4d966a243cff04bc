package io.guidelinekb;

import io.guidelinekb.model.EpisodeResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Counts a knowledge base's evaluations in an application's own Micrometer registry: only loaded when
 * an application asks for it ({@link KnowledgeBase#recordingTo}), so the library needs no Micrometer
 * otherwise. The labels are the guideline's id and the scope it came to, never a patient's data.
 */
final class MeteredEvaluations implements EvaluationObserver {

    private final MeterRegistry registry;

    MeteredEvaluations(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void evaluated(EpisodeResult result, long nanos) {
        String guideline = result.guideline() == null ? "none" : result.guideline().id();
        Counter.builder("guideline_kb_evaluations").description("Episodes evaluated, by guideline and scope")
                .tags("guideline", guideline, "scope", result.status().name()).register(registry).increment();
        Timer.builder("guideline_kb_evaluation").description("Time to evaluate an episode")
                .tag("guideline", guideline).register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }
}
