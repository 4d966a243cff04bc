package io.guidelinekb.cdshooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guidelinekb.ReloadingKnowledgeBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The requests of {@code docs/cds-hooks.md}, made as the guide makes them with curl: its example
 * order, dated as its {@code sed} dates it, against {@code serve --no-auth} with the shipped rules.
 */
@io.guidelinekb.IntegrationTest
class CdsHooksGuideExampleTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    @Test
    void theGuidesRequestsGiveTheCardsItsCommentsPromise() throws Exception {
        String guide = Files.readString(Path.of("docs/cds-hooks.md"));
        assertTrue(guide.contains("sed \"s/2026-02-17/$onset/; s/2026-03-09/$today/\" "
                + "examples/cds-hooks/order-select-mri.json"), "the guide dates the example as this test does");
        LocalDate today = LocalDate.now();
        String orderSelect = Files.readString(Path.of("examples/cds-hooks/order-select-mri.json"))
                .replace("2026-02-17", today.minusDays(21).toString()).replace("2026-03-09", today.toString());
        Path audit = temp.resolve("audit.jsonl");
        ServiceOptions options = new ServiceOptions("127.0.0.1", 0, io.guidelinekb.model.Language.DANISH, null, Map.of(), List.of(), List.of(), audit,
                true);
        try (CdsHooksServer server = CdsHooksServer.start(options, ReloadingKnowledgeBase.load(io.guidelinekb.RulesFolder.LBP),
                Clock.systemDefaultZone())) {
            String base = server.uri() + "/cds-services";
            assertEquals(200, get(base).statusCode(), "discovery");

            JsonNode select = cards(post(base + "/fixture-lbp-order-select", orderSelect));
            assertEquals(1, select.size(), select.toString());
            assertEquals("warning", select.at("/0/indicator").asText());
            assertEquals("FIX-LBP-04", select.at("/0/source/topic/code").asText());

            JsonNode sign = cards(post(base + "/fixture-lbp-order-sign",
                    orderSelect.replace("\"order-select\"", "\"order-sign\"")));
            assertTrue(sign.size() >= 1 && sign.findValuesAsText("code").contains("FIX-LBP-04"), sign.toString());

            JsonNode view = cards(post(base + "/fixture-lbp-patient-view",
                    orderSelect.replace("\"order-select\"", "\"patient-view\"")));
            assertEquals(1, view.size(), view.toString());
            assertEquals("info", view.at("/0/indicator").asText());

            HttpResponse<String> feedback = post(base + "/fixture-lbp-order-select/feedback", "{\"feedback\":[{\"card\":"
                    + "\"" + select.at("/0/uuid").asText() + "\",\"outcome\":\"overridden\",\"overrideReason\":{\"reason\":"
                    + "{\"code\":\"clinical-judgement\"}}}]}");
            assertEquals(200, feedback.statusCode(), feedback.body());
            assertTrue(Files.readString(audit).contains("\"event\":\"feedback\""), "written to the audit log");

            HttpResponse<String> health = get(server.uri() + "/health");
            assertEquals("ok", JSON.readTree(health.body()).get("status").asText(), health.body());
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode cards(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("cards");
    }
}
