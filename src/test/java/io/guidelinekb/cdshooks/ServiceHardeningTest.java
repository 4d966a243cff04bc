package io.guidelinekb.cdshooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.guidelinekb.ReloadingKnowledgeBase;
import io.guidelinekb.RulesFolder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service against a FHIR server that misbehaves (stalls, floods, answers about another patient)
 * and requests that try to reach paths, forge log lines or crash it; everything on loopback.
 */
@io.guidelinekb.IntegrationTest
class ServiceHardeningTest {

    /** Counted down when the tests are over: the stalling stub's pace between bytes, and its end. */
    private static final java.util.concurrent.CountDownLatch STOPPED = new java.util.concurrent.CountDownLatch(1);


    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ORDER_SELECT = "/cds-services/fixture-lbp-order-select";

    @TempDir
    static Path temp;

    static HttpServer fhir;
    static CdsHooksServer server;
    static final AtomicInteger CALLS = new AtomicInteger();
    static final List<String> PATHS = java.util.Collections.synchronizedList(new ArrayList<>());
    static final List<String> QUERIES = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        fhir = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        fhir.setExecutor(Executors.newCachedThreadPool());
        fhir.createContext("/stall", exchange -> {
            count(exchange);
            exchange.sendResponseHeaders(200, 0);
            // a byte a second, at most 30: the service must give up long before
            try (OutputStream body = exchange.getResponseBody()) {
                for (int i = 0; i < 30; i++) {
                    body.write(' ');
                    body.flush();
                    if (STOPPED.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
                        break;
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the service hung up: what it should do
            }
        });
        fhir.createContext("/flood", exchange -> {
            count(exchange);
            exchange.sendResponseHeaders(200, 0);
            byte[] spaces = new byte[64 * 1024];
            java.util.Arrays.fill(spaces, (byte) ' ');
            try (OutputStream body = exchange.getResponseBody()) {
                body.write('{');
                for (int i = 0; i < 1600; i++) {   // 100 MB
                    body.write(spaces);
                }
                body.write('}');
            } catch (IOException e) {
                // the service hung up
            }
        });
        // under 8 MiB, and a gigabyte as a tree: millions of empty entries, or of empty arrays in one resource
        fhir.createContext("/entries", exchange -> answer(exchange, "{\"resourceType\":\"Bundle\",\"type\":\"searchset\","
                + "\"entry\":[" + "{},".repeat(2_500_000) + "{}]}"));
        fhir.createContext("/values", exchange -> answer(exchange, "{\"resourceType\":\"Bundle\",\"type\":\"searchset\","
                + "\"entry\":[{\"resource\":{\"resourceType\":\"Condition\",\"extension\":[" + "[],".repeat(2_500_000)
                + "[]]}}]}"));
        fhir.createContext("/other", exchange -> answer(exchange,
                "{\"resourceType\":\"Patient\",\"id\":\"someone-else\",\"birthDate\":\"1958-01-15\"}"));
        fhir.createContext("/list", exchange -> answer(exchange, "[1, 2, 3]"));
        // an EHR that pages its searches: lab results first, the red-flag screening on page 3
        fhir.createContext("/paged", exchange -> {
            QUERIES.add(exchange.getRequestURI().getRawQuery());
            String query = exchange.getRequestURI().getRawQuery();
            int page = query.contains("page=") ? Integer.parseInt(query.replaceAll(".*page=(\\d+).*", "$1")) : 1;
            String next = "http://127.0.0.1:" + fhir.getAddress().getPort() + "/paged/Observation?patient=p-68&page="
                    + (page + 1);
            String lab = "{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"lab-" + page + "\",\"status\":"
                    + "\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"718-7\"}]},"
                    + "\"valueQuantity\":{\"value\":14}}}";
            String screening = "{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"screening-68\",\"status\":"
                    + "\"final\",\"code\":{\"coding\":[{\"system\":\"https://guideline-kb.io/fhir/CodeSystem/lbp\","
                    + "\"code\":\"red-flags-screened\"}]},\"effectiveDateTime\":\"2026-03-09\",\"valueBoolean\":true}}";
            boolean endless = exchange.getRequestURI().getPath().contains("/endless");
            answer(exchange, "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[" + lab
                    + (page == 3 && !endless ? "," + screening : "") + "],\"link\":[" + (page < 3 || endless
                    ? "{\"relation\":\"next\",\"url\":\"" + (endless ? next.replace("/paged/", "/paged/endless/") : next)
                    + "\"}" : "") + "]}");
        });
        fhir.start();
        String base = "http://127.0.0.1:" + fhir.getAddress().getPort();
        ServiceOptions options = new ServiceOptions("127.0.0.1", 0, io.guidelinekb.model.Language.DANISH, null, Map.of(),
                List.of(base + "/stall", base + "/flood", base + "/other", base + "/list", base + "/paged", base + "/entries",
                        base + "/values",
                        base + "/paged/endless"), List.of(), audit(), true);
        ReloadingKnowledgeBase knowledgeBase = ReloadingKnowledgeBase.load(RulesFolder.copyOfLbp(temp).root());
        server = CdsHooksServer.start(options, knowledgeBase, Clock.fixed(TokenVerifierTest.NOW, ZoneOffset.UTC));
    }

    static Path audit() {
        return temp.resolve("audit.jsonl");
    }

    private static void count(HttpExchange exchange) {
        CALLS.incrementAndGet();
        PATHS.add(exchange.getRequestURI().getRawPath());
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        count(exchange);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @AfterAll
    static void stop() throws Exception {
        STOPPED.countDown();
        server.close();
        fhir.stop(0);
    }

    private static ObjectNode withoutPatient(String fhirServer) throws Exception {
        ObjectNode request = CdsHooksServerTest.example("order-select-lumbar-mri.json");
        ((ObjectNode) request.get("prefetch")).remove("patient");
        request.put("fhirServer", "http://127.0.0.1:" + fhir.getAddress().getPort() + fhirServer);
        return request;
    }

    private static HttpResponse<String> post(String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.uri() + ORDER_SELECT))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            // a kept-alive connection the server closed after its 10 s idle timeout, as the client reused it
            // (the JDK's client keeps them 20 minutes): sent again on a new one, as an EHR's client does
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static String error(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("error").asText();
    }

    @Test
    void aStallingFhirServerGets412AtTheCallsDeadlineAndHoldsNoEvaluationSlot() throws Exception {
        int slots = Runtime.getRuntime().availableProcessors();
        List<CompletableFuture<HttpResponse<String>>> stalled = new ArrayList<>();
        int before = CALLS.get();
        for (int i = 0; i < slots + 1; i++) {
            String body = withoutPatient("/stall").toString();
            stalled.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return post(body);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        awaitCalls(before + slots + 1);

        HttpResponse<String> complete = post(CdsHooksServerTest.example("order-select-lumbar-mri.json").toString());

        assertEquals(200, complete.statusCode(), complete.body());
        assertTrue(stalled.stream().noneMatch(CompletableFuture::isDone),
                "answered while every stalled call still waits on its FHIR server: no evaluation slot is held by one");
        for (CompletableFuture<HttpResponse<String>> call : stalled) {
            HttpResponse<String> response = call.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(412, response.statusCode(), response.body());
            assertTrue(error(response).matches("prefetch: .*(deadline of 3000 ms|no whole answer within).*"),
                    error(response));
        }
    }

    /** Waits, at most 10 s, until the FHIR stub has been called this often: no sleep, a condition with a bound. */
    private static void awaitCalls(int calls) {
        long until = System.nanoTime() + 10_000_000_000L;
        while (CALLS.get() < calls) {
            if (System.nanoTime() > until) {
                throw new AssertionError("the FHIR stub was called " + CALLS.get() + " times, not " + calls);
            }
            Thread.onSpinWait();
        }
    }

    /** The example with one search left out, to be fetched from {@code fhirServer}. */
    private static ObjectNode without(String key, String fhirServer) throws Exception {
        ObjectNode request = CdsHooksServerTest.example("order-select-lumbar-mri.json");
        ((ObjectNode) request.get("prefetch")).remove(key);
        request.put("fhirServer", "http://127.0.0.1:" + fhir.getAddress().getPort() + fhirServer);
        return request;
    }

    @Test
    void anAnswerThatWouldCostAGigabyteAsATreeIsRefusedOnItsBytesBeforeAnythingIsBuilt() throws Exception {
        HttpResponse<String> entries = post(without("conditions", "/entries").toString());
        HttpResponse<String> values = post(without("conditions", "/values").toString());

        assertEquals(412, entries.statusCode(), entries.body());
        assertEquals("prefetch: conditions: the FHIR server's search was cut short at a bound (more than 10000 entries); "
                + "no advice is given on part of a record", error(entries));
        assertEquals(412, values.statusCode(), values.body());
        assertEquals("prefetch: conditions: the FHIR server's search was cut short at a bound (more than 400000 JSON "
                + "values); no advice is given on part of a record", error(values));
    }

    @Test
    void pastTheCallsThatMayFetchAtOnceACallIsToldToComeBackNotQueuedForEver() throws Exception {
        String base = "http://127.0.0.1:" + fhir.getAddress().getPort();
        ServiceOptions options = new ServiceOptions("127.0.0.1", 0, io.guidelinekb.model.Language.DANISH, null, Map.of(), List.of(base + "/stall"),
                List.of(), null, true).withLimits(new ServiceLimits(1024, java.time.Duration.ofSeconds(3), 1));
        try (CdsHooksServer one = CdsHooksServer.start(options, ReloadingKnowledgeBase.load(
                RulesFolder.copyOfLbp(temp.resolve("one-fetch")).root()), Clock.fixed(TokenVerifierTest.NOW, ZoneOffset.UTC))) {
            String body = withoutPatient("/stall").toString();
            java.util.function.Supplier<HttpResponse<String>> call = () -> {
                try {
                    return HTTP.send(HttpRequest.newBuilder(URI.create(one.uri() + ORDER_SELECT))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(), HttpResponse.BodyHandlers.ofString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            int before = CALLS.get();
            CompletableFuture<HttpResponse<String>> fetching = CompletableFuture.supplyAsync(call);
            awaitCalls(before + 1);

            HttpResponse<String> busy = call.get();

            assertEquals(503, busy.statusCode(), busy.body());
            assertEquals("1", busy.headers().firstValue("Retry-After").orElse(""), "told when to come back");
            assertEquals(412, fetching.get(30, java.util.concurrent.TimeUnit.SECONDS).statusCode(), "the stalled one at its deadline");
        }
    }

    @Test
    void aHundredMegabyteAnswerIsCutOffAt8MiB() throws Exception {

        HttpResponse<String> response = post(withoutPatient("/flood").toString());

        assertEquals(412, response.statusCode(), response.body());
        assertEquals("prefetch: the FHIR server gave no usable answer: the answer is over 8192 KiB", error(response));
    }

    @Test
    void anAnswerAboutAnotherPatientOrNotAResourceIs412() throws Exception {
        assertEquals("prefetch: the FHIR server's answer for prefetch patient is not the patient's Patient",
                error(post(withoutPatient("/other").toString())));
        assertEquals("prefetch: the FHIR server's answer is not a FHIR resource", error(post(withoutPatient("/list").toString())));
    }

    @Test
    void aPatientIdThatIsNoFhirIdIs400AndNothingIsFetched() throws Exception {
        for (String id : List.of("..", ".", "../Observation", "a/b", "p 1", "x".repeat(65))) {
            ObjectNode request = withoutPatient("/other");
            ((ObjectNode) request.get("context")).put("patientId", id);
            int before = CALLS.get();

            HttpResponse<String> response = post(request.toString());

            assertEquals(400, response.statusCode(), id + ": " + response.body());
            assertEquals("context.patientId: not a FHIR id (1 to 64 letters, digits, - and ., not only dots)",
                    error(response));
            assertEquals(before, CALLS.get(), "no call for " + id);
        }
    }

    @Test
    void anAccessTokenWithANewlineIs400AndIsNeverLogged() throws Exception {
        ObjectNode request = withoutPatient("/other");
        request.putObject("fhirAuthorization").put("access_token", "secret-token-123\n").put("token_type", "Bearer");
        PrintStream before = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        HttpResponse<String> response;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            response = post(request.toString());
        } finally {
            System.setErr(before);
        }

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(error(response).startsWith("fhirAuthorization.access_token: not a bearer token"), response.body());
        assertFalse(log.toString(StandardCharsets.UTF_8).contains("secret-token-123"), log.toString(StandardCharsets.UTF_8));
        assertFalse(response.body().contains("secret-token-123"));
    }

    @Test
    void aKeyGivenTwiceAndAnEntryThatIsNoListAre400NotA500() throws Exception {
        String twice = CdsHooksServerTest.example("order-select-lumbar-mri.json").toString()
                .replaceFirst("\\{", "{\"hook\":\"patient-view\",");
        HttpResponse<String> duplicate = post(twice);
        assertEquals(400, duplicate.statusCode(), duplicate.body());
        assertTrue(error(duplicate).startsWith("request body: Duplicate field 'hook'"), duplicate.body());

        ObjectNode request = CdsHooksServerTest.example("order-select-lumbar-mri.json");
        ObjectNode conditions = (ObjectNode) request.get("prefetch").get("conditions");
        conditions.set("entry", JSON.createObjectNode().set("resource", JSON.createObjectNode()
                .put("resourceType", "Condition")));
        HttpResponse<String> object = post(request.toString());
        assertEquals(400, object.statusCode(), object.body());
        assertEquals("prefetch.conditions.entry: expected a list of entries, got object", error(object));
    }

    private static List<String> auditLines() throws IOException {
        // split on \n only: a reader that also breaks on U+2028 or U+0085 must see the same lines
        String text = java.nio.file.Files.readString(audit(), StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    @Test
    void theAuditLogKeepsAHookInstanceOnlyWhenItIsAUuidAndOneEntryIsOneLine() throws Exception {
        String uuid = "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea";
        ObjectNode plain = CdsHooksServerTest.example("order-select-lumbar-mri.json").put("hookInstance", uuid);
        ObjectNode cpr = CdsHooksServerTest.example("order-select-lumbar-mri.json").put("hookInstance", "0101701234\u2028x");
        int before = auditLines().size();

        assertEquals(200, post(plain.toString()).statusCode());
        assertEquals(200, post(cpr.toString()).statusCode());

        List<String> lines = auditLines();
        assertEquals(before + 2, lines.size());
        assertEquals(uuid, JSON.readTree(lines.get(before)).get("hookInstance").asText());
        String hashed = JSON.readTree(lines.get(before + 1)).get("hookInstance").asText();
        assertTrue(hashed.matches("sha256:[0-9a-f]{16}"), hashed);
        String all = java.nio.file.Files.readString(audit(), StandardCharsets.UTF_8);
        assertFalse(all.contains("0101701234") || all.contains("\u2028") || all.contains("\u0085"), all);
    }

    @Test
    void feedbackIsBoundedAndItsTextCannotBreakAnAuditLine() throws Exception {
        String feedback = "/cds-services/fixture-lbp-order-select/feedback";
        StringBuilder many = new StringBuilder("{\"feedback\":[");
        for (int i = 0; i < 51; i++) {
            many.append(i == 0 ? "" : ",").append("{\"card\":\"c").append(i).append("\",\"outcome\":\"accepted\"}");
        }
        int before = auditLines().size();

        HttpResponse<String> tooMany = HTTP.send(HttpRequest.newBuilder(URI.create(server.uri() + feedback))
                .POST(HttpRequest.BodyPublishers.ofString(many + "]}")).build(), HttpResponse.BodyHandlers.ofString());
        com.fasterxml.jackson.databind.JsonNode issued = JSON.readTree(post(CdsHooksServerTest.example(
                "order-select-lumbar-mri.json").toString()).body()).at("/cards/0");
        String card = issued.get("uuid").asText();
        before = auditLines().size();
        HttpResponse<String> forged = HTTP.send(HttpRequest.newBuilder(URI.create(server.uri() + feedback))
                .POST(HttpRequest.BodyPublishers.ofString("{\"feedback\":[{\"card\":\"" + card + "\",\"outcome\":"
                        + "\"accepted\",\"acceptedSuggestions\":[{\"id\":\"a\u2028b\u0085c\"}]}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String own = issued.at("/suggestions/0/uuid").asText();
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create(server.uri() + feedback))
                .POST(HttpRequest.BodyPublishers.ofString("{\"feedback\":[{\"card\":\"" + card + "\",\"outcome\":"
                        + "\"accepted\",\"acceptedSuggestions\":[{\"id\":\"" + own + "\"}]}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, tooMany.statusCode(), tooMany.body());
        assertEquals("feedback: at most 50 card outcomes in one request", error(tooMany));
        assertEquals(400, forged.statusCode(), "a suggestion the card never offered: " + forged.body());
        assertFalse(forged.body().contains("\u2028") || forged.body().contains("\u0085"), "shown escaped: " + forged.body());
        assertEquals(200, accepted.statusCode(), accepted.body());
        List<String> lines = auditLines();
        assertEquals(before + 2, lines.size(), "the refused request's line, and one for the one outcome");
        assertEquals(own, JSON.readTree(lines.get(before + 1)).at("/acceptedSuggestions/0").asText());
    }

    /** Sends a hook's headers and one byte of a 100,000-byte body, from {@code from}, and keeps the socket. */
    private static java.net.Socket trickler(InetAddress from) throws IOException {
        java.net.Socket socket = new java.net.Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.uri().getPort()), 2000);
        socket.getOutputStream().write(("POST " + ORDER_SELECT + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                + "application/json\r\nContent-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Whether the server has closed the socket (as opposed to still waiting for its body). */
    private static boolean closedByServer(java.net.Socket socket) {
        try {
            socket.setSoTimeout(50);
            return socket.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void twoHundredTricklingConnectionsFromOneClientLeaveHealthAnsweringAndABodyHasTenSeconds() throws Exception {
        InetAddress elsewhere = InetAddress.getByName("127.0.0.2");
        List<java.net.Socket> tricklers = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                tricklers.add(trickler(elsewhere));
            }

            // a body is read without holding a thread: two hundred trickling bodies leave the probes theirs
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(server.uri() + "/health"))
                    .timeout(java.time.Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, health.statusCode());
            java.net.Socket slow = tricklers.stream().filter(s -> !s.isClosed() && !closedByServer(s)).findFirst()
                    .orElseThrow();
            String answer = null;
            for (int i = 0; i < 40 && answer == null; i++) {
                slow.getOutputStream().write(' ');
                slow.getOutputStream().flush();
                slow.setSoTimeout(500);
                try {
                    byte[] head = new byte[12];
                    int n = slow.getInputStream().read(head);
                    answer = n > 0 ? new String(head, 0, n, StandardCharsets.US_ASCII) : "closed";
                } catch (java.net.SocketTimeoutException e) {
                    // still reading its body
                }
            }
            assertEquals("HTTP/1.1 408", answer, "a body still trickling after 10 s gets 408");
        } finally {
            for (java.net.Socket socket : tricklers) {
                socket.close();
            }
        }
    }

    @Test
    void feedbackMustNameACardThisServiceIssuedAndAReasonItOffered() throws Exception {
        String feedback = "/cds-services/fixture-lbp-order-select/feedback";
        String card = JSON.readTree(post(CdsHooksServerTest.example("order-select-lumbar-mri.json").toString()).body())
                .at("/cards/0/uuid").asText();
        int before = auditLines().size();

        HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(URI.create(server.uri() + feedback))
                .POST(HttpRequest.BodyPublishers.ofString("{\"feedback\":[{\"card\":\"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\","
                        + "\"outcome\":\"accepted\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> otherService = HTTP.send(HttpRequest.newBuilder(URI.create(server.uri()
                + "/cds-services/fixture-lbp-order-sign/feedback")).POST(HttpRequest.BodyPublishers.ofString(
                "{\"feedback\":[{\"card\":\"" + card + "\",\"outcome\":\"accepted\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> madeUpReason = HTTP.send(HttpRequest.newBuilder(URI.create(server.uri() + feedback))
                .POST(HttpRequest.BodyPublishers.ofString("{\"feedback\":[{\"card\":\"" + card + "\",\"outcome\":"
                        + "\"overridden\",\"overrideReason\":{\"reason\":{\"code\":\"because\"}}}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> offered = HTTP.send(HttpRequest.newBuilder(URI.create(server.uri() + feedback))
                .POST(HttpRequest.BodyPublishers.ofString("{\"feedback\":[{\"card\":\"" + card + "\",\"outcome\":"
                        + "\"overridden\",\"overrideReason\":{\"reason\":{\"system\":\"" + Cards.OVERRIDE_SYSTEM
                        + "\",\"code\":\"clinical-judgement\"}}}]}")).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(404, unknown.statusCode(), unknown.body());
        assertEquals(404, otherService.statusCode(), "a card of order-select is not order-sign's");
        assertEquals(400, madeUpReason.statusCode(), madeUpReason.body());
        assertTrue(error(madeUpReason).startsWith("feedback[0]: overrideReason is not one the card offered; it offered "
                + "clinical-judgement, patient-preference, red-flag-suspected"), madeUpReason.body());
        assertEquals(200, offered.statusCode(), offered.body());
        HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(URI.create(server.uri() + feedback))
                .POST(HttpRequest.BodyPublishers.ofString("{\"feedback\":[{\"card\":\"" + card + "\",\"outcome\":"
                        + "\"overridden\",\"overrideReason\":{\"reason\":{\"system\":\"" + Cards.OVERRIDE_SYSTEM
                        + "\",\"code\":\"clinical-judgement\"}}}]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, again.statusCode(), "the same feedback again is answered, and counted once");
        HttpResponse<String> badTime = HTTP.send(HttpRequest.newBuilder(URI.create(server.uri() + feedback))
                .POST(HttpRequest.BodyPublishers.ofString("{\"feedback\":[{\"card\":\"" + card + "\",\"outcome\":"
                        + "\"accepted\",\"outcomeTimestamp\":\"yesterday\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, badTime.statusCode(), badTime.body());
        assertEquals("feedback[0]: outcomeTimestamp: expected an instant such as 2026-03-10T12:01:00Z", error(badTime));
        List<com.fasterxml.jackson.databind.JsonNode> outcomes = new ArrayList<>();
        for (String line : auditLines().subList(before, auditLines().size())) {
            if (JSON.readTree(line).get("event").asText().equals("feedback")) {
                outcomes.add(JSON.readTree(line));
            }
        }
        assertEquals(1, outcomes.size(), "only the accepted feedback is written as an outcome: " + outcomes);
        assertEquals(Cards.OVERRIDE_SYSTEM, outcomes.get(0).get("overrideReasonSystem").asText());
    }

    @Test
    void everyRefusalIsAuditedWithItsStatusAndReasonAndNoPatientId() throws Exception {
        int before = auditLines().size();
        ObjectNode badId = CdsHooksServerTest.example("order-select-lumbar-mri.json");
        ((ObjectNode) badId.get("context")).put("patientId", "..");
        ObjectNode notAllowed = withoutPatient("/other").put("fhirServer", "http://127.0.0.2:9/fhir");

        assertEquals(400, post(badId.toString()).statusCode());
        assertEquals(412, post(notAllowed.toString()).statusCode());
        assertEquals(404, HTTP.send(HttpRequest.newBuilder(URI.create(server.uri() + "/cds-services/nothing-here"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(413, HTTP.send(HttpRequest.newBuilder(URI.create(server.uri() + ORDER_SELECT))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(ServiceOptions.MAX_BODY + 1))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());

        List<com.fasterxml.jackson.databind.JsonNode> refused = new ArrayList<>();
        for (String line : auditLines().subList(before, auditLines().size())) {
            refused.add(JSON.readTree(line));
        }
        assertEquals(List.of(400, 412, 404, 413), refused.stream().map(l -> l.get("status").asInt()).toList());
        assertEquals("context.patientId: not a FHIR id (1 to 64 letters, digits, - and ., not only dots)",
                refused.get(0).get("reason").asText());
        assertEquals("/cds-services/fixture-lbp-order-select", refused.get(1).get("path").asText());
        assertTrue(refused.stream().allMatch(l -> l.get("event").asText().equals("refused") && l.has("time")));
        assertFalse(refused.toString().contains("p-68"), "no patient id: " + refused);
    }

    @Test
    void anOrderInAnUnboundCodeIsNamedInTheAuditLineWithoutPatientData() throws Exception {
        ObjectNode request = CdsHooksServerTest.example("order-select-lumbar-mri.json");
        ObjectNode order = CdsHooksServerTest.draftOrder(request);
        ((ObjectNode) order.path("code").path("coding").get(0)).put("system", "http://snomed.info/sct").put("code", "1234567");
        int before = auditLines().size();

        HttpResponse<String> response = post(request.toString());

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(0, JSON.readTree(response.body()).get("cards").size(), "no binding, no card");
        com.fasterxml.jackson.databind.JsonNode line = JSON.readTree(auditLines().get(before));
        assertEquals("[\"http://snomed.info/sct|1234567\"]", line.get("unboundOrders").toString());
        assertFalse(line.toString().contains("p-68"));
    }

    @Test
    void observationsAreAskedForByTheirBoundCodesAndFollowedOverPagesToTheScreening() throws Exception {
        HttpResponse<String> discovery = HTTP.send(HttpRequest.newBuilder(URI.create(server.uri() + "/cds-services"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String template = JSON.readTree(discovery.body()).at("/services/0/prefetch/observations").asText();
        assertEquals("Observation?patient={{context.patientId}}&code=https://guideline-kb.io/fhir/CodeSystem/lbp|"
                + "red-flags-screened,https://guideline-kb.io/fhir/CodeSystem/lbp|self-care-gain-expected", template);

        ObjectNode request = CdsHooksServerTest.example("order-select-lumbar-mri.json");
        ((ObjectNode) request.get("prefetch")).remove("observations");
        request.put("fhirServer", "http://127.0.0.1:" + fhir.getAddress().getPort() + "/paged");
        QUERIES.clear();

        com.fasterxml.jackson.databind.JsonNode cards = JSON.readTree(post(request.toString()).body()).get("cards");

        assertEquals("warning", cards.get(0).get("indicator").asText(), "the screening on page 3 was read: " + cards);
        assertEquals(3, QUERIES.size(), QUERIES.toString());
        assertTrue(QUERIES.get(0).contains("code=https%3A%2F%2Fguideline-kb.io%2Ffhir%2FCodeSystem%2Flbp%7Cred-flags-screened"),
                QUERIES.get(0));
    }

    @Test
    void aSearchThatPagesWithoutEndIsCutAtTenPagesAndGivesNoAdviceOnPartOfTheRecord() throws Exception {
        ObjectNode request = CdsHooksServerTest.example("order-select-lumbar-mri.json");
        ((ObjectNode) request.get("prefetch")).remove("observations");
        request.put("fhirServer", "http://127.0.0.1:" + fhir.getAddress().getPort() + "/paged/endless");
        QUERIES.clear();
        int before = auditLines().size();

        HttpResponse<String> response = post(request.toString());

        assertEquals(412, response.statusCode(), response.body());
        assertEquals(Prefetch.MAX_PAGES, QUERIES.size(), "bounded: " + QUERIES.size() + " pages");
        // the line of this call: an earlier test's clients, closed with their bodies unread, are audited as they go
        List<String> lines = auditLines();
        com.fasterxml.jackson.databind.JsonNode line = null;
        for (String text : lines.subList(before, lines.size())) {
            com.fasterxml.jackson.databind.JsonNode parsed = JSON.readTree(text);
            if (parsed.path("status").asInt() == 412) {
                line = parsed;
            }
        }
        assertTrue(line != null, lines.subList(before, lines.size()).toString());
        assertTrue(line.get("reason").asText().startsWith("prefetch: observations: the FHIR server's search was cut short"),
                line.toString());
    }
}
