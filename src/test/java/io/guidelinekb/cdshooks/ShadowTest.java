package io.guidelinekb.cdshooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.ReloadingKnowledgeBase;
import io.guidelinekb.RulesFolder;
import io.guidelinekb.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A candidate tried on live traffic: the call gets the version in service's cards; where the
 * candidate's would differ, the audit log says so, marked shadow, and shadow-report sums it up.
 */
@io.guidelinekb.IntegrationTest
class ShadowTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void aCandidateIsTriedAfterEachCallItsCardsNeverShownAndWhereTheyWouldDifferTheAuditSays() throws Exception {
        Path audit = temp.resolve("audit.jsonl");
        ServiceOptions options = new ServiceOptions("127.0.0.1", 0, io.guidelinekb.model.Language.DANISH, null, Map.of(), List.of(), List.of(), audit, true);
        // the candidate leaves X-ray and MRI to clinical judgement: no card against an MRI
        KnowledgeBase candidate = KnowledgeBase.load(RulesFolder.copyOfLbp(temp.resolve("candidate"))
                .replace("04-imaging.drl", "@concerns(\"MRI: against, XRAY: against\")", "@concerns(\"XRAY: against\")").root());
        try (CdsHooksServer server = CdsHooksServer.start(options, ReloadingKnowledgeBase.load(
                RulesFolder.copyOfLbp(temp.resolve("live")).root()), Clock.fixed(TokenVerifierTest.NOW, ZoneOffset.UTC))
                .shadowing(candidate)) {
            String body = CdsHooksServerTest.example("order-select-lumbar-mri.json").toString();
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.uri()
                    + "/cds-services/fixture-lbp-order-select")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals("FIX-LBP-04", JSON.readTree(answer.body()).at("/cards/0/source/topic/code").asText(),
                    "the call gets the version in service's card");
            assertTrue(server.shadowRunsDone(30), "the shadow run finished");
        }
        JsonNode shadow = Files.readAllLines(audit).stream().map(ShadowTest::parse)
                .filter(l -> l.path("event").asText().equals("shadow")).findFirst().orElseThrow();
        assertEquals("[\"FIX-LBP-04\"]", shadow.get("removed").toString(), shadow.toString());
        assertEquals(candidate.version(), shadow.get("candidateVersion").asText());

        StringWriter report = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(report), new PrintWriter(new StringWriter()), "shadow-report", audit.toString()));
        assertTrue(report.toString().contains("1 calls answered") && report.toString().contains("FIX-LBP-04: removed 1"),
                report.toString());
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }
}
