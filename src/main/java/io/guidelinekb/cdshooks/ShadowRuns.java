package io.guidelinekb.cdshooks;

import io.guidelinekb.model.Language;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.fhir.FhirCases;
import io.guidelinekb.fhir.FhirMapping;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A candidate version of the rules tried on live traffic before it serves: after a call is answered,
 * the candidate evaluates the same request on a thread of its own (never on the latency path), its
 * cards are never shown, and where they differ from the cards the call got (a card added, removed,
 * or changed in indicator or summary, by recommendation or alert) the audit log has a line marked
 * {@code shadow} and {@code cds_shadow_divergences_total} counts it. Calls that queue past a thousand
 * are not tried, and counted.
 */
final class ShadowRuns {

    private final KnowledgeBase candidate;
    private final AuditLog audit;
    private final ServiceMetrics metrics;
    private final Clock clock;
    private final Language language;
    private final ThreadPoolExecutor runner = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1000), task -> {
                Thread thread = new Thread(task, "shadow");
                thread.setDaemon(true);
                return thread;
            });

    ShadowRuns(KnowledgeBase candidate, AuditLog audit, ServiceMetrics metrics, Clock clock, Language language) {
        this.candidate = candidate;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
        this.language = language;
    }

    /** The candidate's version, as its shadow lines name it. */
    String version() {
        return candidate.version();
    }

    /** Tries the candidate on a call answered with {@code live}; returns at once. */
    void after(String serviceId, String guideline, String hook, ObjectNode request, LocalDate today,
               List<Cards.Card> live, String hookInstance) {
        Map<String, String> answered = byAbout(live);
        ObjectNode copy = request.deepCopy();
        try {
            runner.execute(() -> compare(serviceId, guideline, hook, copy, today, answered, hookInstance));
        } catch (RejectedExecutionException e) {
            metrics.shadowDivergence("not-tried");
        }
    }

    private void compare(String serviceId, String guideline, String hook, ObjectNode request, LocalDate today,
                         Map<String, String> answered, String hookInstance) {
        ObjectNode line = Cards.JSON.createObjectNode().put("time", Instant.now(clock).toString()).put("event", "shadow")
                .put("service", serviceId).put("hookInstance", hookInstance).put("candidateVersion", candidate.version());
        try {
            FhirMapping mapping = FhirCases.of(candidate).fromCdsHooksRequest(request, FhirCases.Hook.valueOf(
                    hook.toUpperCase(java.util.Locale.ROOT).replace('-', '_')), today);
            KnowledgeBase own = candidate.guideline(guideline).orElse(null);
            EpisodeResult result = own == null ? null : mapping.input().map(own::evaluate).orElse(null);
            Map<String, String> shadow = own == null ? Map.of()
                    : byAbout(new Cards(candidate.texts(language).get(guideline), own, language).cards(hook, result, mapping));
            ArrayNode added = line.putArray("added");
            ArrayNode removed = line.putArray("removed");
            ArrayNode changed = line.putArray("changed");
            for (Map.Entry<String, String> card : shadow.entrySet()) {
                if (!answered.containsKey(card.getKey())) {
                    added.add(card.getKey());
                } else if (!answered.get(card.getKey()).equals(card.getValue())) {
                    changed.add(card.getKey());
                }
            }
            answered.keySet().stream().filter(about -> !shadow.containsKey(about)).forEach(removed::add);
            if (added.isEmpty() && removed.isEmpty() && changed.isEmpty()) {
                metrics.shadowDivergence("none");
                return;
            }
            added.forEach(a -> metrics.shadowDivergence("added"));
            removed.forEach(a -> metrics.shadowDivergence("removed"));
            changed.forEach(a -> metrics.shadowDivergence("changed"));
        } catch (RuntimeException | io.guidelinekb.fhir.FhirInputException e) {
            line.put("error", e.getClass().getSimpleName());
            metrics.shadowDivergence("failed");
        }
        audit.write(line);
    }

    /** Each card by what it is about, with what would differ: its indicator and summary. */
    private static Map<String, String> byAbout(List<Cards.Card> cards) {
        Map<String, String> byAbout = new LinkedHashMap<>();
        cards.forEach(card -> byAbout.put(card.about(), card.json().path("indicator").asText() + "|"
                + card.json().path("summary").asText()));
        return byAbout;
    }

    /** Waits, at most {@code seconds}, until every queued try has run: for a clean stop and for tests. */
    boolean idle(long seconds) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (runner.getActiveCount() > 0 || !runner.getQueue().isEmpty()) {
            if (System.nanoTime() > until) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }
}
