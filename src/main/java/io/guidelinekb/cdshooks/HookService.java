package io.guidelinekb.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.EpisodeResult;
import io.guidelinekb.EvaluationException;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.ReloadingKnowledgeBase;
import io.guidelinekb.engine.GuidelineTexts;
import io.guidelinekb.fhir.FhirCases;
import io.guidelinekb.fhir.FhirInputException;
import io.guidelinekb.fhir.FhirMapping;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    static final List<String> HOOKS = List.of("patient-view", "order-select", "order-sign");

    private final ReloadingKnowledgeBase knowledgeBase;
    private final ServiceOptions options;
    private final AuditLog audit;
    private final Prefetch prefetch;
    private final Clock clock;
    /** The texts of the version in service, read once per version rather than per request. */
    private volatile Map.Entry<String, Map<String, GuidelineTexts>> texts = Map.entry("", Map.of());

    private final ServiceMetrics metrics;
    private final Feedback feedback;
    /** The candidate tried on live traffic, or null. */
    private volatile ShadowRuns shadow;

    /** Tries {@code candidate} on every call after it is answered, never showing its cards. */
    void shadowing(KnowledgeBase candidate) {
        shadow = new ShadowRuns(candidate, audit, metrics, clock, options.english());
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
        return service(knowledgeBase.current(), id).map(s -> new String[] {id, feedback ? "feedback" : s[1]})
                .orElse(new String[] {ServiceMetrics.OTHER, ServiceMetrics.OTHER});
    }

    private Map<String, GuidelineTexts> texts(KnowledgeBase kb) {
        Map.Entry<String, Map<String, GuidelineTexts>> known = texts;
        if (!known.getKey().equals(kb.version())) {
            known = Map.entry(kb.version(), kb.texts(options.english()));
            texts = known;
        }
        return known.getValue();
    }

    /** Which guideline folder and hook a service id names, e.g. {@code nkr-lbp-2016-order-select}. */
    Optional<String[]> service(KnowledgeBase kb, String id) {
        for (String folder : texts(kb).keySet()) {
            for (String hook : HOOKS) {
                if (id.equals(folder + "-" + hook)) {
                    return Optional.of(new String[] {folder, hook});
                }
            }
        }
        return Optional.empty();
    }

    Answer discovery() {
        KnowledgeBase kb = knowledgeBase.current();
        ObjectNode body = Cards.JSON.createObjectNode();
        ArrayNode services = body.putArray("services");
        for (GuidelineTexts texts : texts(kb).values()) {
            for (String hook : HOOKS) {
                ObjectNode service = services.addObject().put("hook", hook).put("id", texts.guidelineId() + "-" + hook)
                        .put("title", texts.text("title"))
                        .put("description", texts.text("cards", "label") + " (" + hook + ")");
                service.putObject("prefetch").put("patient", "Patient/{{context.patientId}}")
                        .put("conditions", search("Condition", kb))
                        .put("observations", search("Observation", kb));
                service.put("usageRequirements", usageRequirements(kb));
                // which rules answer: the guideline's version and the knowledge base's content hash, as on every card
                io.guidelinekb.model.Guideline guideline = kb.guideline(texts.guidelineId()).map(KnowledgeBase::guideline)
                        .orElse(null);
                ObjectNode ours = service.putObject("extension").putObject("io.guidelinekb")
                        .put("knowledgeBaseVersion", kb.version());
                if (guideline != null) {
                    ours.putObject("guideline").put("id", guideline.id()).put("version", guideline.version())
                            .put("status", guideline.review().status().code());
                }
            }
        }
        return new Answer(200, body);
    }

    /**
     * What the EHR must send (CDS Hooks 2.0 {@code usageRequirements}): the prefetch, or a server the
     * service may read; and the code systems the guideline's bindings read.
     */
    static String usageRequirements(KnowledgeBase kb) {
        String systems = kb.bindings().bindings().stream().map(io.guidelinekb.terminology.CodeBinding::system).distinct()
                .sorted().collect(java.util.stream.Collectors.joining(", "));
        return "Send the prefetch as templated (patient, conditions, observations), or a fhirServer this service is "
                + "allowed to read; a record that cannot be read in whole gets 412 and no advice. Codes are read in: "
                + systems + ".";
    }

    /** The prefetch queries of the version in service, made once per version: every hook needs them. */
    private volatile Map.Entry<String, Map<String, String>> queries = Map.entry("", Map.of());

    private Map<String, String> queriesOf(KnowledgeBase kb) {
        Map.Entry<String, Map<String, String>> known = queries;
        if (!known.getKey().equals(kb.version())) {
            known = Map.entry(kb.version(), java.util.Collections.unmodifiableMap(queries(kb)));
            queries = known;
        }
        return known.getValue();
    }

    /** The service's own fetches: the discovery's templates, with {id} for the patient and the code filter encoded. */
    static Map<String, String> queries(KnowledgeBase kb) {
        Map<String, String> queries = new java.util.LinkedHashMap<>();
        queries.put("patient", "Patient/{id}");
        for (String[] search : new String[][] {{"conditions", "Condition"}, {"observations", "Observation"}}) {
            queries.put(search[0], search[1] + "?patient={id}" + io.guidelinekb.fhir.SearchCodes.codeParameter(
                    kb.bindings(), kb.vocabulary(), search[1]).map(codes -> "&code=" + java.net.URLEncoder.encode(codes,
                    java.nio.charset.StandardCharsets.UTF_8)).orElse(""));
        }
        return queries;
    }

    /** A prefetch search of the patient's records, asking for the bound codes only where it can. */
    static String search(String resourceType, KnowledgeBase kb) {
        return resourceType + "?patient={{context.patientId}}" + io.guidelinekb.fhir.SearchCodes
                .codeParameter(kb.bindings(), kb.vocabulary(), resourceType).map(codes -> "&code=" + codes).orElse("");
    }

    Answer hook(String serviceId, byte[] body) {
        long start = System.nanoTime();
        KnowledgeBase kb = knowledgeBase.current();
        Optional<String[]> service = service(kb, serviceId);
        if (service.isEmpty()) {
            return Answer.error(404, "no service " + serviceId);
        }
        String hook = service.get()[1];
        ObjectNode request;
        try {
            JsonNode parsed = STRICT.readTree(body);
            if (parsed == null || !parsed.isObject()) {
                return Answer.error(400, "request body: expected a JSON object");
            }
            request = (ObjectNode) parsed;
        } catch (com.fasterxml.jackson.core.JsonParseException e) {
            return Answer.error(400, e.getOriginalMessage().startsWith("Duplicate field")
                    ? "request body: " + ServiceLog.escape(e.getOriginalMessage()) : "request body: not JSON");
        } catch (IOException e) {
            return Answer.error(400, "request body: not JSON");
        }
        String missing = missingField(request);
        if (missing != null) {
            return Answer.error(400, missing);
        }
        ServiceLog.hookInstance(AuditLog.hookInstance(request.get("hookInstance").asText()));
        if (!hook.equals(request.get("hook").asText())) {
            return Answer.error(400, "hook: \"" + ServiceLog.escape(request.get("hook").asText()) + "\" was sent to the "
                    + hook + " service " + serviceId);
        }
        String patientId = request.path("context").path("patientId").asText();
        try {
            // before taking an evaluation slot: a slow FHIR server must not hold one
            prefetch.complete(request, patientId, queriesOf(kb));
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
            return evaluate(serviceId, service.get(), request, kb, start);
        } finally {
            evaluating.release();
        }
    }

    /** Reads a request's JSON, refusing a key given twice (which of two "hook"s would count?). */
    private static final com.fasterxml.jackson.databind.ObjectReader STRICT = Cards.JSON.reader()
            .with(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private final java.util.concurrent.Semaphore evaluating =
            new java.util.concurrent.Semaphore(Runtime.getRuntime().availableProcessors());

    private Answer evaluate(String serviceId, String[] service, ObjectNode request, KnowledgeBase kb, long start) {
        String hook = service[1];
        FhirMapping mapping;
        try {
            mapping = FhirCases.of(kb).fromCdsHooksRequest(request, FhirCases.Hook.valueOf(
                    hook.toUpperCase(java.util.Locale.ROOT).replace('-', '_')), LocalDate.now(clock));
        } catch (FhirInputException e) {
            return Answer.error(400, e.getMessage());
        }
        // the service's own guideline, of the one or several the version holds
        KnowledgeBase guideline = kb.guideline(service[0]).orElseThrow();
        EpisodeResult result;
        try {
            result = mapping.input().map(guideline::evaluate).orElse(null);
        } catch (EvaluationException e) {
            return Answer.error(500, "the evaluation failed; the service's log says why");
        }
        String encounter = encounterOf(request);
        List<ObjectNode> cards = new ArrayList<>();
        List<Cards.Card> shown = new ArrayList<>();
        List<Cards.Card> made = new Cards(texts(kb).get(service[0]), guideline, options.english()).cards(hook, result, mapping);
        ShadowRuns candidate = shadow;
        if (candidate != null) {
            candidate.after(serviceId, service[0], hook, request, LocalDate.now(clock), made,
                    AuditLog.hookInstance(request.get("hookInstance").asText()));
        }
        for (Cards.Card card : made) {
            // answered in this encounter for these orders: not again (a critical card always)
            if (!card.critical() && issued.acknowledged(serviceId, encounter, card.about(), card.orders())) {
                continue;
            }
            // the chart's summary once per episode and clinician, not at every opening
            if (card.about().equals("patient-view") && !issued.firstShowing(serviceId, userOf(request),
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
            metrics.evaluation(service[0], result.status().name());
        }
        ObjectNode line = auditLine(serviceId, request, kb, result, shown, mapping, start);
        line.set("unboundOrders", Cards.JSON.valueToTree(mapping.unboundOrders()));
        audit.write(line);
        return new Answer(200, answer);
    }

    /** The clinician a request names ({@code context.userId}, e.g. {@code Practitioner/123}), bounded in length. */
    private static String userOf(ObjectNode request) {
        String user = request.path("context").path("userId").asText(null);
        return user != null && user.length() <= 200 ? user : null;
    }

    /** The encounter a request names, when it names one as a FHIR id: the span within which an answered card is not repeated. */
    private static String encounterOf(ObjectNode request) {
        String encounter = request.path("context").path("encounterId").asText(null);
        return encounter != null && FHIR_ID.matcher(encounter).matches() ? encounter : null;
    }

    /** A FHIR id (R4: 1 to 64 of letters, digits, '-' and '.'), and not one that is only dots, a path's "..". */
    private static final java.util.regex.Pattern FHIR_ID = java.util.regex.Pattern.compile("(?!\\.+$)[A-Za-z0-9\\-.]{1,64}");

    /** What is missing or wrong in a request's required fields, as the 400 says it; null when nothing. */
    private static String missingField(ObjectNode request) {
        if (!request.hasNonNull("hook") || !request.get("hook").isTextual()) {
            return "hook: missing";
        }
        if (!request.hasNonNull("hookInstance") || !request.get("hookInstance").isTextual()) {
            return "hookInstance: missing";
        }
        if (!request.path("context").path("patientId").isTextual()) {
            return "context.patientId: missing";
        }
        if (!FHIR_ID.matcher(request.path("context").path("patientId").asText()).matches()) {
            return "context.patientId: not a FHIR id (1 to 64 letters, digits, - and ., not only dots)";
        }
        return null;
    }

    /**
     * A call's audit line, which explains its cards: which call and clinician, a pseudonym of the
     * patient (never the id), the scope and its reasons, the orders that triggered advice with their
     * codes, and for each card its uuid, what it is about and the rule that gave it, with the version.
     */
    private ObjectNode auditLine(String serviceId, ObjectNode request, KnowledgeBase kb, EpisodeResult result,
                                 List<Cards.Card> cards, FhirMapping mapping, long start) {
        ObjectNode line = Cards.JSON.createObjectNode().put("time", Instant.now(clock).toString())
                .put("event", "call").put("service", serviceId)
                .put("hookInstance", AuditLog.hookInstance(request.get("hookInstance").asText()))
                .put("knowledgeBaseVersion", kb.version())
                .put("scope", result == null ? "NO_EPISODE" : result.status().name());
        String user = request.path("context").path("userId").asText(null);
        if (user != null) {
            line.put("user", ServiceLog.escape(user));
        }
        String pseudonym = audit.pseudonym(request.path("context").path("patientId").asText());
        if (pseudonym != null) {
            line.put("patient", pseudonym);
        }
        if (result != null) {
            line.set("reasons", Cards.JSON.valueToTree(result.reasons()));
        }
        ArrayNode orders = line.putArray("orders");
        mapping.orders().forEach((intervention, ids) -> ids.forEach(id -> orders.addObject().put("order", id)
                .put("intervention", intervention).put("codes", mapping.codesOf(id).orElse(""))));
        ArrayNode logged = line.putArray("cards");
        for (Cards.Card card : cards) {
            ObjectNode entry = logged.addObject().put("uuid", card.json().get("uuid").asText())
                    .put("indicator", card.json().get("indicator").asText()).put("about", card.about());
            JsonNode topic = card.json().path("source").path("topic").path("code");
            if (topic.isTextual()) {
                entry.put("recommendation", topic.asText());
            }
            JsonNode rule = card.json().path("extension").path("io.guidelinekb").path("rule");
            if (rule.isTextual()) {
                entry.put("rule", rule.asText());
            }
            card.orders().forEach(entry.putArray("orders")::add);
        }
        line.put("latencyMs", (System.nanoTime() - start) / 1e6);
        return line;
    }

    private final IssuedCards issued = new IssuedCards();

    Answer feedback(String serviceId, byte[] body) {
        if (service(knowledgeBase.current(), serviceId).isEmpty()) {
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
