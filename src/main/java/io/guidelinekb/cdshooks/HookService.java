package io.guidelinekb.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.model.EvaluationException;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.ReloadingKnowledgeBase;
import io.guidelinekb.fhir.FhirCases;
import io.guidelinekb.fhir.FhirInputException;
import io.guidelinekb.fhir.FhirMapping;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the service answers, apart from HTTP: discovery, the three hooks and feedback, each as a
 * status and a JSON body. A request sees one knowledge-base version, and its cards say which.
 */
final class HookService {

    /** A response: status and JSON body. */
    record Answer(int status, JsonNode body, boolean audited) {
        Answer(int status, JsonNode body) {
            this(status, body, false);
        }

        static Answer error(int status, String message) {
            return new Answer(status, Cards.JSON.createObjectNode().put("error", message));
        }

        /** A bare 401: its reason, which names the token's faults, is audited where it is known. */
        static Answer unauthorized() {
            return new Answer(401, Cards.JSON.createObjectNode().put("error", "unauthorized"), true);
        }
    }

    private final ReloadingKnowledgeBase knowledgeBase;
    private final ServiceOptions options;
    private final AuditLog audit;
    private final Prefetch prefetch;
    private final Clock clock;

    private final ServiceMetrics metrics;
    private final Feedback feedback;
    private final ServiceCatalog catalog;
    /** The candidate tried on live traffic, or null. */
    private volatile ShadowRuns shadow;

    /** Tries {@code candidate} on every call after it is answered, never showing its cards. */
    void shadowing(KnowledgeBase candidate) {
        shadow = new ShadowRuns(candidate, audit, metrics, clock, options.language());
    }

    ShadowRuns shadow() {
        return shadow;
    }

    HookService(ReloadingKnowledgeBase knowledgeBase, ServiceOptions options, AuditLog audit, Clock clock,
                ServiceMetrics metrics) {
        this.knowledgeBase = knowledgeBase;
        this.options = options;
        this.audit = audit;
        this.metrics = metrics;
        this.prefetch = new Prefetch(options.fhirServers(), metrics, options.limits());
        this.feedback = new Feedback(issued, audit, clock, metrics);
        this.clock = clock;
        this.catalog = new ServiceCatalog(options.language());
    }

    /** Whether a version of the rules is in service: until one loads, only the probes answer. */
    boolean serving() {
        return knowledgeBase.isServing();
    }

    /** The labels a request's metrics take: the service id and hook when the version in service has it. */
    String[] labels(String path) {
        String base = "/cds-services";
        if (path.equals(base)) {
            return new String[] {ServiceMetrics.OTHER, "discovery"};
        }
        if (!path.startsWith(base + "/") || !serving()) {
            return new String[] {ServiceMetrics.OTHER, ServiceMetrics.OTHER};
        }
        String rest = path.substring(base.length() + 1);
        boolean feedback = rest.endsWith("/feedback");
        String id = feedback ? rest.substring(0, rest.length() - "/feedback".length()) : rest;
        return catalog.service(knowledgeBase.current(), id).map(s -> new String[] {id, feedback ? "feedback" : s.hook()})
                .orElse(new String[] {ServiceMetrics.OTHER, ServiceMetrics.OTHER});
    }

    Answer discovery() {
        return new Answer(200, catalog.discovery(knowledgeBase.current()));
    }

    Answer hook(String serviceId, byte[] body) {
        long start = System.nanoTime();
        KnowledgeBase kb = knowledgeBase.current();
        Optional<ServiceCatalog.ServiceId> service = catalog.service(kb, serviceId);
        if (service.isEmpty()) {
            return Answer.error(404, "no service " + serviceId);
        }
        HookRequest request;
        try {
            request = HookRequest.read(body, service.get());
        } catch (HookRequest.Refused e) {
            return Answer.error(400, e.getMessage());
        }
        try {
            // before taking an evaluation slot: a slow FHIR server must not hold one
            prefetch.complete(request.json(), request.patientId(), catalog.queriesOf(kb, service.get().guideline()));
        } catch (Prefetch.Unavailable e) {
            return Answer.error(412, "prefetch: " + e.getMessage());
        } catch (Prefetch.Invalid e) {
            return Answer.error(400, e.getMessage());
        } catch (Prefetch.Busy e) {
            ObjectNode busy = Cards.JSON.createObjectNode().put("error", e.getMessage()).put("retryAfterSeconds", 1);
            return new Answer(503, busy);
        }
        // As many evaluations at once as there are cores: more only share the cores and spread the
        // latencies out. Not first come first served: a fair semaphore hands every permit over to a
        // parked thread, and the context switches cost a third of the throughput (docs/performance.md).
        evaluating.acquireUninterruptibly();
        try {
            return evaluate(service.get(), request, kb, start);
        } finally {
            evaluating.release();
        }
    }

    private final java.util.concurrent.Semaphore evaluating =
            new java.util.concurrent.Semaphore(Runtime.getRuntime().availableProcessors());

    private Answer evaluate(ServiceCatalog.ServiceId service, HookRequest request, KnowledgeBase kb, long start) {
        String serviceId = service.id();
        String hook = service.hook();
        // the service's own guideline, of the one or several the version holds: it reads the request in its own codes
        KnowledgeBase guideline = kb.guideline(service.guideline()).orElseThrow();
        FhirMapping mapping;
        try {
            mapping = FhirCases.of(guideline).fromCdsHooksRequest(request.json(), FhirCases.Hook.valueOf(
                    hook.toUpperCase(java.util.Locale.ROOT).replace('-', '_')), LocalDate.now(clock));
        } catch (FhirInputException e) {
            return Answer.error(400, e.getMessage());
        }
        EpisodeResult result;
        try {
            result = mapping.input().map(guideline::evaluate).orElse(null);
        } catch (EvaluationException e) {
            return Answer.error(500, "the evaluation failed; the service's log says why");
        }
        String encounter = request.encounter();
        List<ObjectNode> cards = new ArrayList<>();
        List<Cards.Card> shown = new ArrayList<>();
        List<Cards.Card> made = new Cards(catalog.texts(kb).get(service.guideline()), guideline, options.language())
                .cards(hook, result, mapping);
        ShadowRuns candidate = shadow;
        if (candidate != null) {
            candidate.after(serviceId, service.guideline(), hook, request.json(), LocalDate.now(clock), made,
                    request.hookInstance());
        }
        for (Cards.Card card : made) {
            // answered in this encounter for these orders: not again (a critical card always)
            if (!card.critical() && issued.acknowledged(serviceId, encounter, card.about(), card.orders())) {
                continue;
            }
            // the chart's summary once per episode and clinician, not at every opening
            if (card.about().equals("patient-view") && !issued.firstShowing(serviceId, request.user(),
                    result == null ? null : result.episodeId())) {
                continue;
            }
            cards.add(card.json());
            shown.add(card);
            java.util.Set<String> suggestions = new java.util.HashSet<>();
            card.json().path("suggestions").forEach(s -> suggestions.add(s.path("uuid").asText()));
            java.util.Set<String> reasons = new java.util.HashSet<>();
            card.json().path("overrideReasons").forEach(r -> reasons.add(r.path("code").asText()));
            issued.issued(card.json().get("uuid").asText(), new IssuedCards.Issued(serviceId, encounter, card.about(),
                    card.orders(), suggestions, reasons));
            metrics.cardShown(card.about());
        }
        ObjectNode answer = Cards.JSON.createObjectNode();
        answer.putArray("cards").addAll(cards);
        cards.forEach(card -> metrics.card(serviceId, card.path("indicator").asText()));
        if (result != null) {
            metrics.evaluation(service.guideline(), result.status().name());
        }
        ObjectNode line = CallAudit.line(audit, clock, serviceId, request, kb, result, shown, mapping, start);
        line.set("unboundOrders", Cards.JSON.valueToTree(mapping.unboundOrders()));
        audit.write(line);
        return new Answer(200, answer);
    }

    private final IssuedCards issued = new IssuedCards();

    Answer feedback(String serviceId, byte[] body) {
        if (catalog.service(knowledgeBase.current(), serviceId).isEmpty()) {
            return Answer.error(404, "no service " + serviceId);
        }
        return feedback.receive(serviceId, body);
    }

    /**
     * Writes a refused request to the audit log: its status and reason, and the service path; never
     * a token or an identifier (no reason names one).
     */
    void refused(String path, int status, String reason) {
        ObjectNode line = Cards.JSON.createObjectNode().put("time", Instant.now(clock).toString()).put("event", "refused")
                .put("status", status).put("path", ServiceLog.escape(path)).put("reason", reason);
        String hookInstance = ServiceLog.currentHookInstance();
        if (hookInstance != null) {
            line.put("hookInstance", hookInstance);   // a 412 is a call's answer too: which call
        }
        audit.write(line);
    }

    Answer health() {
        if (!serving()) {
            return new Answer(503, Cards.JSON.createObjectNode().put("status", "starting")
                    .put("error", "no version of the rules has loaded yet; the service's log says why"));
        }
        return new Answer(200, Cards.JSON.createObjectNode().put("status", "ok")
                .put("knowledgeBaseVersion", knowledgeBase.current().version()));
    }

    /** The process answers. */
    Answer live() {
        return new Answer(200, Cards.JSON.createObjectNode().put("status", "live"));
    }

    /** Rules in service and every trusted issuer's keys at hand; 503 with the reasons otherwise. */
    Answer ready(java.util.Collection<TrustedKeys> keys) {
        ObjectNode body = Cards.JSON.createObjectNode();
        ArrayNode reasons = Cards.JSON.createArrayNode();
        if (!serving()) {
            reasons.add("no version of the rules has loaded yet; the service's log says why");
        }
        keys.stream().filter(k -> !k.available()).forEach(k -> reasons.add("the keys of a trusted issuer cannot be fetched "
                + "from " + k.from()));
        body.put("status", reasons.isEmpty() ? "ready" : "not-ready");
        if (serving()) {
            body.put("knowledgeBaseVersion", knowledgeBase.current().version());
        }
        knowledgeBase.lastRefused().ifPresent(refused -> {
            // the version in service keeps serving; what did not, and why, is said here as well as on the log
            ObjectNode change = body.putObject("refusedChange").put("stillServing", refused.version());
            ArrayNode problems = change.putArray("problems");
            refused.problems().stream().limit(10).forEach(p -> problems.add(ServiceLog.escape(p.toString())));
        });
        if (!reasons.isEmpty()) {
            body.set("reasons", reasons);
        }
        return new Answer(reasons.isEmpty() ? 200 : 503, body);
    }

}
