package io.guidelinekb.cdshooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.GuidelinesTest;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.ReloadingKnowledgeBase;
import io.guidelinekb.model.RuleLoadException;
import java.net.URI;
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

/** One service serves every guideline of its rules folder, each under its own service ids. */
@io.guidelinekb.IntegrationTest
class SeveralGuidelinesServiceTest {

    @TempDir
    Path temp;

    @Test
    void eachGuidelineHasItsOwnServicesAndCards() throws Exception {
        Path rules = GuidelinesTest.withSecondGuideline(temp);
        ServiceOptions options = new ServiceOptions("127.0.0.1", 0, io.guidelinekb.model.Language.DANISH, null, Map.of(), List.of(), List.of(), null, true);
        ReloadingKnowledgeBase knowledgeBase = ReloadingKnowledgeBase.load(rules, null, CdsHooksServer::missingWords);
        try (CdsHooksServer server = CdsHooksServer.start(options, knowledgeBase,
                Clock.fixed(TokenVerifierTest.NOW, ZoneOffset.UTC))) {
            JsonNode discovery = CdsHooksServerTest.JSON.readTree(send(server, "/cds-services", null).body());
            assertEquals(List.of("fixture-lbp-patient-view", "fixture-lbp-order-select", "fixture-lbp-order-sign",
                    "test-adult-back-pain-patient-view", "test-adult-back-pain-order-select",
                    "test-adult-back-pain-order-sign"), java.util.stream.StreamSupport.stream(discovery.get("services")
                    .spliterator(), false).map(service -> service.get("id").asText()).toList());

            String mri = CdsHooksServerTest.example("order-select-lumbar-mri.json").toString();
            JsonNode nkr = CdsHooksServerTest.cards(send(server, "/cds-services/fixture-lbp-order-select", mri));
            JsonNode test = CdsHooksServerTest.cards(send(server, "/cds-services/test-adult-back-pain-order-select",
                    mri));
            assertEquals(1, nkr.size(), nkr.toString());
            assertEquals("FIX-LBP-04", nkr.get(0).at("/source/topic/code").asText());
            assertEquals(1, test.size(), test.toString());
            assertEquals("TEST-01", test.get(0).at("/source/topic/code").asText());
            assertEquals("Testretningslinje v0.1", test.get(0).at("/source/label").asText(), "current: no status in the label");
            CdsHooksServerTest.assertCardShape(test.get(0));
        }
    }

    @Test
    void eachGuidelinesServiceReadsTheRequestInItsOwnCodes() throws Exception {
        Path rules = io.guidelinekb.cli.GuidelinesStandAloneTest.rules(temp);
        ObjectNode request = CdsHooksServerTest.example("order-select-lumbar-mri.json");
        // the order in the code both guidelines bind, each to its own concept; the back pain in theirs
        request.findParents("coding").forEach(parent -> parent.get("coding").forEach(coding -> {
            String code = coding.path("code").asText();
            if (code.equals("24968-0")) {
                ((ObjectNode) coding).put("system", "https://example.org/orders").put("code", "X-1");
            } else if (code.equals("279039007")) {
                ((ObjectNode) coding).put("system", "https://example.org/dx").put("code", "lbp");
            }
        }));
        ServiceOptions options = new ServiceOptions("127.0.0.1", 0, io.guidelinekb.model.Language.DANISH, null, Map.of(),
                List.of(), List.of(), null, true);
        try (CdsHooksServer server = CdsHooksServer.start(options, ReloadingKnowledgeBase.load(rules, null,
                CdsHooksServer::missingWords), Clock.fixed(TokenVerifierTest.NOW, ZoneOffset.UTC))) {
            JsonNode first = CdsHooksServerTest.cards(send(server, "/cds-services/"
                    + io.guidelinekb.cli.GuidelinesStandAloneTest.FIRST + "-order-select", request.toString()));
            JsonNode second = CdsHooksServerTest.cards(send(server, "/cds-services/"
                    + io.guidelinekb.cli.GuidelinesStandAloneTest.SECOND + "-order-select", request.toString()));

            assertEquals(List.of("TEST-01"), first.findValuesAsText("code").stream().filter(c -> c.startsWith("TEST"))
                    .toList(), "an MRI to the first guideline: its recommendation against it: " + first);
            assertEquals(List.of(), second.findValuesAsText("code").stream().filter(c -> c.startsWith("TEST")).toList(),
                    "supervised exercise to the second, which its recommendation is for: no card against it: " + second);
        }
    }

    @Test
    void aGuidelineWithoutTheWordsOfItsCardsIsNotServed() throws Exception {
        Path rules = GuidelinesTest.withSecondGuideline(temp);
        Path descriptor = rules.resolve("test-adult-back-pain/guideline.yaml");
        String text = Files.readString(descriptor);
        Files.writeString(descriptor, text.substring(0, text.indexOf("\n# The words of its cards")) + "\n");

        // lint calls the missing words an error, so load refuses them too, naming the file
        RuleLoadException refused = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules));
        assertTrue(refused.getMessage().contains("test-adult-back-pain/guideline.yaml:1:1: error: no cards.label in "
                + "Danish, which the guideline's CDS Hooks cards need"), refused.getMessage());
        RuleLoadException notServed = assertThrows(RuleLoadException.class,
                () -> ReloadingKnowledgeBase.load(rules, null, CdsHooksServer::missingWords));
        assertTrue(notServed.getMessage().contains("no cards.label in Danish"), notServed.getMessage());
        assertEquals(List.of(), CdsHooksServer.missingWords(ReloadingKnowledgeBase.load(rules, "fixture-lbp",
                CdsHooksServer::missingWords).current()), "one guideline alone can still serve");
    }

    private static HttpResponse<String> send(CdsHooksServer server, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.uri() + path));
        request = body == null ? request.GET() : request.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return CdsHooksServerTest.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
