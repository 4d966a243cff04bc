package io.guidelinekb.cdshooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.guidelinekb.ReloadingKnowledgeBase;
import io.guidelinekb.RulesFolder;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as an EHR calls it: a real server on a loopback port, a real HTTP client, tokens
 * signed with the CDS Hooks specification's example key, and a FHIR server stub on loopback.
 */
@io.guidelinekb.IntegrationTest
class CdsHooksServerTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String ORDER_SELECT = "/cds-services/fixture-lbp-order-select";

    @TempDir
    static Path temp;

    static CdsHooksServer server;
    static ReloadingKnowledgeBase knowledgeBase;
    static RulesFolder rules;
    static HttpServer fhir;
    static final AtomicInteger FHIR_CALLS = new AtomicInteger();
    static final AtomicReference<String> FHIR_AUTHORIZATION = new AtomicReference<>();
    static Path audit;

    @BeforeAll
    static void start() throws Exception {
        fhir = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        fhir.createContext("/fhir", exchange -> {
            FHIR_CALLS.incrementAndGet();
            FHIR_AUTHORIZATION.set(exchange.getRequestHeaders().getFirst("Authorization"));
            String path = exchange.getRequestURI().getPath();
            // the Patient asked for: an answer about another patient is refused
            String body = path.startsWith("/fhir/Patient/") ? "{\"resourceType\":\"Patient\",\"id\":\""
                    + path.substring("/fhir/Patient/".length()) + "\",\"birthDate\":\"1958-01-15\"}"
                    : "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[]}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        fhir.start();
        rules = RulesFolder.copyOfLbp(temp);
        knowledgeBase = ReloadingKnowledgeBase.load(rules.root());
        audit = temp.resolve("audit.jsonl");
        ServiceOptions options = new ServiceOptions("127.0.0.1", 0, io.guidelinekb.model.Language.DANISH, null,
                Map.of(TokenVerifierTest.ISSUER, TrustedKeys.of(TokenVerifierTest.specKeys())), List.of(fhirUrl()),
                List.of("https://ehr.example.org"), audit, false);
        server = CdsHooksServer.start(options, knowledgeBase, Clock.fixed(TokenVerifierTest.NOW, ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        fhir.stop(0);
    }

    static String fhirUrl() {
        return "http://127.0.0.1:" + fhir.getAddress().getPort() + "/fhir";
    }

    static String bearer(String path) throws Exception {
        return "Bearer " + TokenVerifierTest.token(server.uri() + path, TokenVerifierTest.NOW,
                TokenVerifierTest.NOW.plusSeconds(300), UUID.randomUUID().toString());
    }

    static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.uri() + path)).header("Authorization", bearer(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.uri() + path)).header("Authorization", bearer(path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static ObjectNode example(String name) throws Exception {
        try (InputStream in = CdsHooksServerTest.class.getResourceAsStream("/cds-hooks/" + name)) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    static ArrayNode cards(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return (ArrayNode) JSON.readTree(response.body()).get("cards");
    }

    static ObjectNode draftOrder(ObjectNode request) {
        return (ObjectNode) request.path("context").path("draftOrders").path("entry").get(0).get("resource");
    }

    /** The CDS Hooks 2.0 card shape, checked on every card a test sees. */
    static void assertCardShape(JsonNode card) {
        assertTrue(card.path("summary").isTextual() && card.get("summary").asText().length() < 140, card.toString());
        assertTrue(Set.of("info", "warning", "critical").contains(card.path("indicator").asText()), card.toString());
        assertTrue(card.path("source").path("label").isTextual(), card.toString());
        assertTrue(card.path("uuid").isTextual(), card.toString());
        // one consistent address to the guideline, on every card but a red flag's, which links to what applies instead
        if (!card.path("indicator").asText().equals("critical") && card.path("source").has("topic")
                || card.path("indicator").asText().equals("info")) {
            assertEquals(card.path("source").path("url").asText(), card.path("links").path(0).path("url").asText(),
                    card.toString());
        } else {
            assertTrue(card.path("links").path(0).path("url").asText().startsWith("https://"), card.toString());
        }
        assertEquals("absolute", card.path("links").path(0).path("type").asText(), card.toString());
        assertFalse(card.path("links").path(0).path("label").asText().isBlank(), card.toString());
        if (card.has("suggestions")) {
            assertTrue(Set.of("at-most-one", "any").contains(card.path("selectionBehavior").asText()), card.toString());
            for (JsonNode suggestion : card.get("suggestions")) {
                assertTrue(suggestion.path("label").isTextual());
                for (JsonNode action : suggestion.get("actions")) {
                    assertTrue(action.path("description").isTextual());
                    if (action.path("type").asText().equals("delete")) {
                        assertTrue(action.path("resourceId").asText().matches("[A-Za-z]+/[^/]+"), action.toString());
                    }
                }
            }
        }
        for (JsonNode reason : card.path("overrideReasons")) {
            assertTrue(reason.path("display").isTextual() && reason.path("code").isTextual());
        }
    }

    @Test
    void discoveryListsEveryHookWithPrefetchAndNeedsAToken() throws Exception {
        HttpResponse<String> response = get("/cds-services");
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(server.uri() + "/cds-services"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        List<String> ids = new ArrayList<>();
        JSON.readTree(response.body()).get("services").forEach(s -> {
            ids.add(s.get("id").asText());
            assertEquals("Patient/{{context.patientId}}", s.at("/prefetch/patient").asText());
            assertEquals("Condition?patient={{context.patientId}}", s.at("/prefetch/conditions").asText());
        });
        assertEquals(List.of("fixture-lbp-patient-view", "fixture-lbp-order-select", "fixture-lbp-order-sign"), ids);
        assertEquals(401, anonymous.statusCode());
        assertEquals("{\"error\":\"unauthorized\"}", anonymous.body());
    }

    @Test
    void anMriForThreeWeeksOfLowBackPainGetsOneWarningCardInDanishWithADeleteSuggestion() throws Exception {
        ArrayNode cards = cards(post(ORDER_SELECT, example("order-select-lumbar-mri.json").toString()));

        assertEquals(1, cards.size(), cards.toString());
        JsonNode card = cards.get(0);
        assertCardShape(card);
        assertEquals("warning", card.get("indicator").asText());
        assertEquals("Tilbyd ikke rutinemæssigt MR-scanning eller røntgen ved nyopståede lænderygsmerter (↓, ⊕).",
                card.get("summary").asText());
        assertEquals("FIX-LBP-04", card.at("/source/topic/code").asText());
        assertEquals("ServiceRequest/mri-1", card.at("/suggestions/0/actions/0/resourceId").asText());
        assertEquals("delete", card.at("/suggestions/0/actions/0/type").asText());
        assertEquals("at-most-one", card.get("selectionBehavior").asText());
        assertTrue(card.get("detail").asText().contains("Styrke: ↓ en svag/betinget anbefaling imod"), card.toString());
        assertTrue(card.get("detail").asText().contains("Evidens: ⊕ meget lav"), card.toString());
        // in the clinician's words: the order by its name; no resource id, path or English rule name in Danish text
        String detail = card.get("detail").asText();
        assertTrue(detail.contains("Bestilt: MR Lumbar spine (MR-scanning)"), card.toString());
        assertFalse(detail.contains("ServiceRequest/") || detail.contains(temp.toString())
                || detail.contains("Do not routinely offer") || detail.contains(".drl"), "Danish text only: " + detail);
        assertEquals("Fjern bestillingen: MR Lumbar spine", card.at("/suggestions/0/label").asText());
        assertEquals("fixture-lbp/04-imaging.drl", card.at("/extension/io.guidelinekb/file").asText());
        assertEquals("FIX-LBP-04 Do not routinely offer MRI or X-ray", card.at("/extension/io.guidelinekb/rule").asText());
        assertEquals("weak", card.at("/extension/io.guidelinekb/strength/code").asText());
        assertEquals("against", card.at("/extension/io.guidelinekb/direction/code").asText());
        assertEquals("very-low", card.at("/extension/io.guidelinekb/certainty/code").asText());
        assertEquals(knowledgeBase.current().version(), card.at("/extension/io.guidelinekb/knowledgeBaseVersion").asText());
        assertEquals(3, card.get("overrideReasons").size());
        // where the advice stands, beside every card and in its detail
        assertEquals("Sundhedsstyrelsen, NKR lænderygsmerter 2016 v1.0 (under vurdering)", card.at("/source/label").asText());
        assertTrue(card.get("detail").asText().contains("**Status: under vurdering.** Sundhedsstyrelsen har retningslinjens "
                + "anbefalinger under vurdering."), card.toString());
        assertEquals("fixture-lbp", card.at("/extension/io.guidelinekb/guideline/id").asText());
        assertEquals("1.0", card.at("/extension/io.guidelinekb/guideline/version").asText());
        assertEquals("under-review", card.at("/extension/io.guidelinekb/guideline/status").asText());
    }

    @Test
    void anNsaidOrderCardCarriesTheNoteThatNewerAdviceCoversIt() throws Exception {
        ObjectNode request = example("order-select-lumbar-mri.json");
        ObjectNode entry = (ObjectNode) request.at("/context/draftOrders/entry/0");
        ObjectNode order = entry.putObject("resource").put("resourceType", "MedicationRequest").put("id", "nsaid-1")
                .put("status", "draft").put("intent", "proposal");
        order.putObject("medicationCodeableConcept").putArray("coding").addObject()
                .put("system", "http://www.whocc.no/atc").put("code", "M01AE01");
        ((ArrayNode) request.at("/context/selections")).removeAll().add("MedicationRequest/nsaid-1");

        ArrayNode cards = cards(post(ORDER_SELECT, request.toString()));

        assertEquals(List.of("FIX-LBP-10"), cards.findValuesAsText("code").stream().filter(c -> c.startsWith("FIX")).toList(),
                cards.toString());
        String detail = cards.get(0).get("detail").asText();
        // the note states what the 2025 recommendation says, in agreement with the card, not "read it first"
        assertTrue(detail.contains("**Status: under vurdering.** Sundhedsstyrelsens nationale kliniske anbefaling (NKA) af "
                + "25. september 2025"), detail);
        assertTrue(detail.contains("anbefaler også paracetamol, NSAID, kombinationen af dem og opioider kun efter nøje "
                + "overvejelse"), detail);
        assertFalse(detail.contains("før du følger denne anbefaling"), detail);
        assertEquals("under-review", cards.get(0).at("/extension/io.guidelinekb/recommendationStatus").asText());
    }

    @Test
    void supervisedExerciseInsteadFollowsTheGuidelineAndGetsNoCard() throws Exception {
        ObjectNode request = example("order-select-lumbar-mri.json");
        ObjectNode order = draftOrder(request);
        order.put("id", "exercise-1");
        ((ObjectNode) order.at("/code/coding/0")).put("system", "http://snomed.info/sct").put("code", "229065009");
        ((ArrayNode) request.at("/context/selections")).removeAll().add("ServiceRequest/exercise-1");

        assertEquals(0, cards(post(ORDER_SELECT, request.toString())).size());
    }

    @Test
    void caudaEquinaGivesOneCriticalCardWhateverWasOrdered() throws Exception {
        ObjectNode request = example("order-select-lumbar-mri.json");
        ArrayNode conditions = (ArrayNode) request.at("/prefetch/conditions/entry");
        ObjectNode flag = conditions.addObject().putObject("resource").put("resourceType", "Condition").put("id", "ce");
        flag.putObject("code").putArray("coding").addObject().put("system", "http://hl7.org/fhir/sid/icd-10")
                .put("code", "G83.4");

        ArrayNode cards = cards(post(ORDER_SELECT, request.toString()));

        assertEquals(1, cards.size(), cards.toString());
        assertCardShape(cards.get(0));
        assertEquals("critical", cards.get(0).get("indicator").asText());
        assertTrue(cards.get(0).get("summary").asText().startsWith("Akut henvisning"), cards.toString());
        assertEquals("**Akut henvisning: mistanke om cauda equina-syndrom. Retningslinjen for nyopståede lænderygsmerter "
                + "gælder ikke.**\n\nÅrsager: rødt flag for cauda equina-syndrom", cards.get(0).get("detail").asText());
        JsonNode create = cards.get(0).at("/suggestions/0/actions/0");
        assertEquals("create", create.get("type").asText(), cards.toString());
        assertEquals("ServiceRequest", create.at("/resource/resourceType").asText());
        assertEquals("stat", create.at("/resource/priority").asText());
        assertEquals("Patient/" + request.at("/context/patientId").asText(), create.at("/resource/subject/reference").asText());
        assertFalse(cards.get(0).get("links").toString().contains("sst.dk"), "links to what applies instead, not the guideline");
    }

    @Test
    void aCardAnsweredInAnEncounterIsNotShownAgainForTheSameOrderThereOrderSignIncluded() throws Exception {
        String encounter = "enc-" + java.util.UUID.randomUUID();
        ObjectNode select = example("order-select-lumbar-mri.json");
        ((ObjectNode) select.get("context")).put("encounterId", encounter);
        ObjectNode sign = select.deepCopy().put("hook", "order-sign");
        ObjectNode elsewhere = select.deepCopy();
        ((ObjectNode) elsewhere.get("context")).put("encounterId", "other-" + encounter);

        ArrayNode first = cards(post(ORDER_SELECT, select.toString()));
        assertEquals(1, first.size(), first.toString());
        assertEquals(1, cards(post(ORDER_SELECT, select.toString())).size(), "not answered yet: shown again");
        String feedback = "{\"feedback\":[{\"card\":\"" + first.get(0).get("uuid").asText() + "\",\"outcome\":"
                + "\"overridden\",\"overrideReason\":{\"reason\":{\"code\":\"clinical-judgement\"}}}]}";
        assertEquals(200, post(ORDER_SELECT + "/feedback", feedback).statusCode());

        assertEquals(0, cards(post(ORDER_SELECT, select.toString())).size(), "answered in this encounter");
        assertEquals(0, cards(post("/cds-services/fixture-lbp-order-sign", sign.toString())).size(),
                "order-sign does not repeat what order-select showed and the GP answered");
        assertEquals(1, cards(post(ORDER_SELECT, elsewhere.toString())).size(), "another encounter: shown");
        // what a CDS committee reads each month: cards shown and their outcomes, by recommendation and reason
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(server.uri() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("cds_cards_shown_total{about=\"FIX-LBP-04\"}"), metrics);
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("cds_card_outcomes_total{about=\"FIX-LBP-04\",outcome="
                + "\"overridden\",reason=\"clinical-judgement\"}")), metrics.lines().filter(l -> l.contains("outcome"))
                .toList().toString());
    }

    @Test
    void patientViewShowsItsCardOncePerEpisodeAndClinician() throws Exception {
        ObjectNode view = example("order-select-lumbar-mri.json").put("hook", "patient-view");
        ((ObjectNode) view.get("context")).put("userId", "Practitioner/once-" + java.util.UUID.randomUUID());
        ObjectNode colleague = view.deepCopy();
        ((ObjectNode) colleague.get("context")).put("userId", "Practitioner/other-" + java.util.UUID.randomUUID());
        String path = "/cds-services/fixture-lbp-patient-view";

        assertEquals(1, cards(post(path, view.toString())).size());
        assertEquals(0, cards(post(path, view.toString())).size(), "the second chart opening says nothing new");
        assertEquals(1, cards(post(path, colleague.toString())).size(), "another clinician sees it once too");
    }

    @Test
    void anOrderCardNamesWhatWasOrderedByItsOwnWords() throws Exception {
        ObjectNode request = example("order-select-lumbar-mri.json");
        for (JsonNode entry : request.at("/context/draftOrders/entry")) {
            ((ObjectNode) entry.get("resource").get("code")).put("text", "MR-scanning af columna lumbalis");
        }

        ArrayNode cards = cards(post(ORDER_SELECT, request.toString()));

        assertTrue(cards.get(0).get("detail").asText().contains("MR-scanning af columna lumbalis (MR-scanning)"), cards.toString());
        assertTrue(cards.get(0).at("/suggestions/0/label").asText().endsWith("MR-scanning af columna lumbalis"), cards.toString());
    }

    @Test
    void discoverySaysWhatTheEhrMustSendAndTheCodeSystemsRead() throws Exception {
        JsonNode services = JSON.readTree(get("/cds-services").body()).get("services");
        for (JsonNode service : services) {
            String requirements = service.path("usageRequirements").asText();
            assertTrue(requirements.startsWith("Send the prefetch as templated"), service.toString());
            assertTrue(requirements.contains("urn:oid:1.2.208.176.2.4.12") && requirements.contains("http://snomed.info/sct"),
                    "SKS as well as SNOMED CT: " + requirements);
            JsonNode ours = service.path("extension").path("io.guidelinekb");
            assertTrue(ours.path("knowledgeBaseVersion").asText().startsWith("sha256:"), service.toString());
            assertEquals("1.0", ours.path("guideline").path("version").asText(), "the guideline's version, as on every card");
        }
    }

    @Test
    void aRedFlagCodedTheDanishWayGivesItsCardOnEveryHookAndNoCardAgainstTheOrder() throws Exception {
        for (String[] coded : new String[][] {{"urn:oid:1.2.208.176.2.4.12", "DR33", "critical"},
                {"urn:oid:1.2.208.176.2.31", "A03", "warning"}, {"urn:oid:1.2.208.176.2.4.12", "DZ858", "warning"},
                {"http://snomed.info/sct", "267064002\u00a0", "critical"}}) {
            for (String hook : List.of("patient-view", "order-select", "order-sign")) {
                ObjectNode request = example("order-select-lumbar-mri.json").put("hook", hook);
                ArrayNode conditions = (ArrayNode) request.at("/prefetch/conditions/entry");
                ObjectNode flag = conditions.addObject().putObject("resource").put("resourceType", "Condition").put("id", "rf");
                flag.putObject("code").putArray("coding").addObject().put("system", coded[0]).put("code", coded[1]);

                ArrayNode cards = cards(post("/cds-services/fixture-lbp-" + hook, request.toString()));

                assertEquals(1, cards.size(), hook + " " + coded[1] + ": " + cards);
                assertEquals(coded[2], cards.get(0).get("indicator").asText(), hook + " " + coded[1] + ": " + cards);
                assertFalse(cards.get(0).get("source").has("topic"), "no recommendation's card: " + cards);
                assertTrue(cards.get(0).get("links").get(0).get("label").asText().startsWith("NICE"), cards.toString());
            }
        }
    }

    @Test
    void undeterminedScopeWithAConcernedOrderGetsAnInfoCardNamingWhatIsMissing() throws Exception {
        ObjectNode request = example("order-select-lumbar-mri.json");
        // read, and holding no screening: the record says nothing of it (not sent at all would be 412)
        ((ObjectNode) request.get("prefetch")).putObject("observations").put("resourceType", "Bundle")
                .put("type", "searchset").putArray("entry");

        ArrayNode cards = cards(post(ORDER_SELECT, request.toString()));

        assertEquals(1, cards.size(), cards.toString());
        assertCardShape(cards.get(0));
        assertEquals("info", cards.get(0).get("indicator").asText());
        assertTrue(cards.get(0).get("detail").asText().contains("screening for røde flag: registrér at der er screenet"),
                cards.toString());
    }

    @Test
    void outOfScopeGetsNoCard() throws Exception {
        ObjectNode request = example("order-select-lumbar-mri.json");
        ((ObjectNode) request.at("/prefetch/patient")).put("birthDate", "2012-01-01");
        assertEquals(0, cards(post(ORDER_SELECT, request.toString())).size());
    }

    @Test
    void patientViewSaysWhyTheGuidelineAppliesAndOffersWhatTheGpCanActOnNothingAgainst() throws Exception {
        ObjectNode request = example("order-select-lumbar-mri.json");
        request.put("hook", "patient-view");
        ((ObjectNode) request.get("context")).remove(List.of("draftOrders", "selections"));
        ((ObjectNode) request.get("context")).put("userId", "Practitioner/" + java.util.UUID.randomUUID());

        ArrayNode cards = cards(post("/cds-services/fixture-lbp-patient-view", request.toString()));

        assertEquals(1, cards.size(), cards.toString());
        assertCardShape(cards.get(0));
        assertEquals("Nyopståede lænderygsmerter: Sundhedsstyrelsens retningslinje gælder for patienten",
                cards.get(0).get("summary").asText());
        String detail = cards.get(0).get("detail").asText();
        assertTrue(detail.startsWith("- alder: 68 år\n- 3 uger siden debut\n- smerter i lænden, screenet for røde flag\n\n"
                + "Anbefalinger for, som kan følges nu:\n- **FIX-LBP-01** Overvej at opfordre til vanlig aktivitet"), detail);
        for (String against : List.of("FIX-LBP-03", "FIX-LBP-04", "FIX-LBP-06", "FIX-LBP-08", "FIX-LBP-09", "FIX-LBP-10")) {
            assertFalse(detail.contains(against), "only what the GP can act on, nothing against: " + detail);
        }
        assertTrue(detail.contains("FIX-LBP-07"), detail);
        List<String> offered = new java.util.ArrayList<>();
        cards.get(0).get("suggestions").forEach(s -> offered.add(s.at("/actions/0/resource/code/coding/0/code").asText()));
        assertEquals(List.of("311401005", "manual-therapy", "229065009"), offered, "education, manual therapy, exercise");
        assertEquals("create", cards.get(0).at("/suggestions/0/actions/0/type").asText());
        assertTrue(detail.endsWith("**Status: under vurdering.** Sundhedsstyrelsen har retningslinjens anbefalinger under "
                + "vurdering. [National klinisk retningslinje for behandling af nyopståede lænderygsmerter]"
                + "(https://www.sst.dk/da/udgivelser/2016/NKR-for-behandling-af-nyopstaaede-laenderygsmerter)"), detail);
    }

    @Test
    void errorsNameTheFieldAndNeverShowAStackTrace() throws Exception {
        ObjectNode noHook = example("order-select-lumbar-mri.json");
        noHook.remove("hook");
        ObjectNode noInstance = example("order-select-lumbar-mri.json");
        noInstance.remove("hookInstance");
        ObjectNode noPatient = example("order-select-lumbar-mri.json");
        ((ObjectNode) noPatient.get("context")).remove("patientId");

        assertError(post(ORDER_SELECT, "{not json"), 400, "request body: not JSON");
        assertError(post(ORDER_SELECT, noHook.toString()), 400, "hook: missing");
        assertError(post(ORDER_SELECT, noInstance.toString()), 400, "hookInstance: missing");
        assertError(post(ORDER_SELECT, noPatient.toString()), 400, "context.patientId: missing");
        assertError(post("/cds-services/no-such-service", noHook.toString()), 404, "no service no-such-service");
        HttpClient own = HttpClient.newHttpClient();   // the connection closes after a 413
        assertError(own.send(HttpRequest.newBuilder(URI.create(server.uri() + ORDER_SELECT))
                .header("Authorization", bearer(ORDER_SELECT)).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"pad\":\"" + "x".repeat(ServiceOptions.MAX_BODY) + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString()), 413, "request body: over 1048576 bytes");
    }

    static void assertError(HttpResponse<String> response, int status, String message) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(message, JSON.readTree(response.body()).get("error").asText());
        assertFalse(response.body().contains("Exception") || response.body().contains("\tat "));
    }

    @Test
    void missingPrefetchIsFetchedOnlyFromAnAllowListedFhirServerOtherwise412() throws Exception {
        ObjectNode request = example("order-select-lumbar-mri.json");
        ((ObjectNode) request.get("prefetch")).remove("patient");
        request.put("fhirServer", "http://127.0.0.2:9/fhir");
        int before = FHIR_CALLS.get();

        assertError(post(ORDER_SELECT, request.toString()), 412,
                "prefetch: the patient is not in prefetch and fhirServer is not on the allow-list");
        assertEquals(before, FHIR_CALLS.get());

        request.put("fhirServer", fhirUrl());
        request.putObject("fhirAuthorization").put("access_token", "opaque-token").put("token_type", "Bearer");
        ArrayNode cards = cards(post(ORDER_SELECT, request.toString()));

        assertEquals(1, cards.size(), cards.toString());
        assertEquals(before + 1, FHIR_CALLS.get(), "only the missing Patient was fetched");
        assertEquals("Bearer opaque-token", FHIR_AUTHORIZATION.get());
    }

    @Test
    void theOfficialExampleRequestsAreAnswered() throws Exception {
        ObjectNode patientView = example("patient-view-spec-example.json");
        ObjectNode orderSelect = example("order-select-r4-hook-library-example.json");
        orderSelect.put("hook", "order-select").put("hookInstance", "hook-library-example").put("fhirServer", fhirUrl());

        // the spec's patient-view sends the patient alone and no server to ask: its record cannot be read
        assertError(post("/cds-services/fixture-lbp-patient-view", patientView.toString()), 412, "prefetch: conditions, "
                + "observations missing, and fhirServer is not on the allow-list to read it from; no advice is given on a record that "
                + "could not be read");
        assertEquals(0, cards(post(ORDER_SELECT, orderSelect.toString())).size());
    }

    @Test
    void feedbackIsWrittenToTheAuditLogWhichHoldsNoPatientIdOrToken() throws Exception {
        String cardId = cards(post(ORDER_SELECT, example("order-select-lumbar-mri.json").toString()))
                .get(0).get("uuid").asText();
        String feedback = "{\"feedback\":[{\"card\":\"" + cardId + "\",\"outcome\":\"overridden\",\"overrideReason\":{"
                + "\"reason\":{\"code\":\"clinical-judgement\"},\"userComment\":\"patient p-68 insists\"},"
                + "\"outcomeTimestamp\":\"2026-03-10T12:01:00Z\"}]}";

        HttpResponse<String> response = post(ORDER_SELECT + "/feedback", feedback);
        HttpResponse<String> bad = post(ORDER_SELECT + "/feedback", "{\"feedback\":[{\"outcome\":\"maybe\"}]}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(400, bad.statusCode());
        List<String> lines = Files.readAllLines(audit);
        JsonNode call = lines.stream().map(CdsHooksServerTest::parse).filter(l -> l.path("event").asText().equals("call")
                && l.toString().contains(cardId)).findFirst().orElseThrow();
        assertEquals("IN_SCOPE", call.get("scope").asText());
        assertEquals("FIX-LBP-04", call.at("/cards/0/recommendation").asText());
        assertTrue(call.has("latencyMs") && call.has("knowledgeBaseVersion") && call.has("hookInstance"));
        // a line that explains its card: who, which patient (a pseudonym), why in scope, which order, which rule
        assertEquals("Practitioner/dr-1", call.get("user").asText());
        assertTrue(call.get("patient").asText().matches("hmac:[0-9a-f]{32}"), call.toString());
        assertEquals("[]", call.get("reasons").toString());
        assertEquals("ServiceRequest/mri-1", call.at("/orders/0/order").asText());
        assertEquals("MRI", call.at("/orders/0/intervention").asText());
        assertEquals("http://loinc.org|24968-0", call.at("/orders/0/codes").asText());
        assertEquals("FIX-LBP-04 Do not routinely offer MRI or X-ray", call.at("/cards/0/rule").asText());
        assertEquals("ServiceRequest/mri-1", call.at("/cards/0/orders/0").asText());
        JsonNode outcome = lines.stream().map(CdsHooksServerTest::parse)
                .filter(l -> l.path("event").asText().equals("feedback")).reduce((a, b) -> b).orElseThrow();
        assertEquals("overridden", outcome.get("outcome").asText());
        assertEquals("clinical-judgement", outcome.get("overrideReason").asText());
        assertEquals("2026-03-10T12:01:00Z", outcome.get("outcomeTimestamp").asText());
        assertEquals("FIX-LBP-04", outcome.get("about").asText());
        // the same patient, the same pseudonym: a patient's calls can be followed without the id
        HttpResponse<String> again = post(ORDER_SELECT, example("order-select-lumbar-mri.json").toString());
        assertEquals(200, again.statusCode());
        List<String> after = Files.readAllLines(audit);
        assertEquals(call.get("patient").asText(), parse(after.get(after.size() - 1)).get("patient").asText());
        String all = String.join("\n", lines);
        assertFalse(all.contains("p-68"), "no patient id, not even in a comment");
        assertFalse(all.contains("eyJ"), "no token");
    }

    static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }

    @Test
    void corsOnlyForTheAllowListedOrigin() throws Exception {
        HttpResponse<String> allowed = HTTP.send(HttpRequest.newBuilder(URI.create(server.uri() + "/cds-services"))
                .header("Origin", "https://ehr.example.org").header("Authorization", bearer("/cds-services")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> other = HTTP.send(HttpRequest.newBuilder(URI.create(server.uri() + "/cds-services"))
                .header("Origin", "https://evil.example").header("Authorization", bearer("/cds-services")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals("https://ehr.example.org", allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertNull(other.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    }

    @Test
    void healthSaysTheVersionWithoutAToken() throws Exception {
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(server.uri() + "/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        assertEquals(knowledgeBase.current().version(), JSON.readTree(health.body()).get("knowledgeBaseVersion").asText());
    }

    @Test
    void everyBadTokenGetsA401WithNoDetail() throws Exception {
        String path = "/cds-services";
        String wrongAudience = "Bearer " + TokenVerifierTest.token("https://elsewhere.example/cds-services",
                TokenVerifierTest.NOW, TokenVerifierTest.NOW.plusSeconds(300), UUID.randomUUID().toString());
        String expired = "Bearer " + TokenVerifierTest.token(server.uri() + path, TokenVerifierTest.NOW.minusSeconds(900),
                TokenVerifierTest.NOW.minusSeconds(600), UUID.randomUUID().toString());
        String replayed = bearer(path);
        HTTP.send(HttpRequest.newBuilder(URI.create(server.uri() + path)).header("Authorization", replayed).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        for (String token : List.of("Bearer x.y.z", "Basic dXNlcjpwYXNz", wrongAudience, expired, replayed,
                "Bearer " + TokenVerifierTest.resource("spec-example-token.txt"))) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.uri() + path))
                    .header("Authorization", token).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, response.statusCode(), token);
            assertEquals("{\"error\":\"unauthorized\"}", response.body());
        }
        List<JsonNode> refused = Files.readAllLines(audit).stream().map(CdsHooksServerTest::parse)
                .filter(l -> l.path("event").asText().equals("refused") && l.path("status").asInt() == 401).toList();
        assertTrue(refused.stream().anyMatch(l -> l.path("reason").asText().equals("jti replayed")), refused.toString());
        assertTrue(refused.stream().anyMatch(l -> l.path("reason").asText().equals("not a signed JWT")), refused.toString());
        assertTrue(refused.stream().noneMatch(l -> l.toString().contains("eyJ")), "no token in the audit log");
    }

    @Test
    void aRuleThatFailsGives500ForThatRequestOnlyAndAReloadShowsInTheCards() throws Exception {
        RulesFolder own = RulesFolder.copyOfLbp(temp.resolve("own"));
        ReloadingKnowledgeBase reloading = ReloadingKnowledgeBase.load(own.root());
        ServiceOptions options = new ServiceOptions("127.0.0.1", 0, io.guidelinekb.model.Language.ENGLISH, null, Map.of(), List.of(), List.of(), null, true);
        try (CdsHooksServer mine = CdsHooksServer.start(options, reloading, Clock.fixed(TokenVerifierTest.NOW,
                ZoneOffset.UTC))) {
            String before = reloading.current().version();
            own.replace("04-imaging.drl", "for new-onset low back pain.\")", "for new low back pain.\")");
            assertTrue(reloading.reload().replaced());
            JsonNode card = cards(HTTP.send(HttpRequest.newBuilder(URI.create(mine.uri() + ORDER_SELECT))
                    .POST(HttpRequest.BodyPublishers.ofString(example("order-select-lumbar-mri.json").toString())).build(),
                    HttpResponse.BodyHandlers.ofString())).get(0);
            assertEquals("Do not routinely offer MRI or X-ray for new low back pain (↓, ⊕).", card.get("summary").asText());
            assertEquals(reloading.current().version(), card.at("/extension/io.guidelinekb/knowledgeBaseVersion").asText());
            assertFalse(before.equals(reloading.current().version()));

            own.write("99-broken.drl", RulesFolder.BROKEN_CONSEQUENCE.replace("Episode(",
                    "Episode( proposes(\"MRI\"), "));
            assertTrue(reloading.reload().replaced());
            HttpResponse<String> failed = HTTP.send(HttpRequest.newBuilder(URI.create(mine.uri() + ORDER_SELECT))
                    .POST(HttpRequest.BodyPublishers.ofString(example("order-select-lumbar-mri.json").toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertError(failed, 500, "the evaluation failed; the service's log says why");
            ObjectNode exercise = example("order-select-lumbar-mri.json");
            ObjectNode order = draftOrder(exercise);
            order.put("id", "exercise-1");
            ((ObjectNode) order.at("/code/coding/0")).put("system", "http://snomed.info/sct").put("code", "229065009");
            ((ArrayNode) exercise.at("/context/selections")).removeAll().add("ServiceRequest/exercise-1");
            HttpResponse<String> next = HTTP.send(HttpRequest.newBuilder(URI.create(mine.uri() + ORDER_SELECT))
                    .POST(HttpRequest.BodyPublishers.ofString(exercise.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, next.statusCode(), "the next request is served");
        }
    }

    @Test
    void textInACardsMarkdownIsShownAsWrittenNeverAsMarkupOrALink() {
        assertEquals("\\[click\\](javascript:alert(1)) \\*not bold\\* \\<b\\> a\\_b",
                Cards.markdown("[click](javascript:alert(1)) *not bold* <b> a_b"));
        assertEquals("fixture-lbp/04-imaging.drl", Cards.withinRules("/srv/kb/rules/fixture-lbp/04-imaging.drl"));
    }

    @Test
    void twoOrdersAgainstOneRecommendationCanBothBeRemoved() throws Exception {
        ObjectNode request = example("order-select-lumbar-mri.json");
        ArrayNode entries = (ArrayNode) request.path("context").path("draftOrders").path("entry");
        ObjectNode xray = entries.get(0).deepCopy();
        ObjectNode resource = (ObjectNode) xray.get("resource");
        resource.put("id", "xray-1");
        ((ObjectNode) resource.path("code").path("coding").get(0)).put("system", "http://loinc.org").put("code", "24972-2");
        entries.add(xray);
        ((ArrayNode) request.path("context").path("selections")).add("ServiceRequest/xray-1");

        ArrayNode cards = cards(post(ORDER_SELECT, request.toString()));

        assertEquals(1, cards.size(), cards.toString());
        assertEquals(2, cards.get(0).get("suggestions").size(), cards.toString());
        assertEquals("any", cards.get(0).get("selectionBehavior").asText(), "both orders may be removed together");
        assertCardShape(cards.get(0));
    }

    @Test
    void aPrefetchTheEhrCouldNotFillIsFetchedFromAnAllowListedServerAndOtherwiseGivesNoAdvice() throws Exception {
        ObjectNode failed = example("order-select-lumbar-mri.json");
        ((ObjectNode) failed.get("prefetch")).putObject("conditions").put("resourceType", "OperationOutcome")
                .putArray("issue").addObject().put("severity", "error").put("code", "timeout");
        ObjectNode fetched = failed.deepCopy().put("fhirServer", fhirUrl());
        ObjectNode notAllowed = failed.deepCopy().put("fhirServer", "http://127.0.0.2:9/fhir");
        int before = FHIR_CALLS.get();

        HttpResponse<String> withServer = post(ORDER_SELECT, fetched.toString());
        int afterFetch = FHIR_CALLS.get();
        HttpResponse<String> without = post(ORDER_SELECT, notAllowed.toString());

        assertEquals(200, withServer.statusCode(), withServer.body());
        assertEquals(before + 1, afterFetch, "the failed conditions were fetched, nothing else");
        assertEquals(afterFetch, FHIR_CALLS.get(), "no call to a server off the allow-list");
        // the conditions may hold a red flag: no card built on their absence, as from an allow-listed server
        assertError(without, 412, "prefetch: conditions missing or not filled by the EHR (an OperationOutcome), and "
                + "fhirServer is not on the allow-list to read it from; no advice is given on a record that could not be read");
    }
}
