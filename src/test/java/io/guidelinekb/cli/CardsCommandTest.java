package io.guidelinekb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** An author sees the card a GP would see, before the change ships: text as an EHR shows it, or CDS Hooks' JSON. */
@io.guidelinekb.IntegrationTest
class CardsCommandTest {

    private static final String MRI = "src/test/resources/fixture/facts/fixture-lbp/recommendations/imaging-mri-proposed-triggers-04.yaml";
    private static final String RETENTION = "src/test/resources/fixture/facts/fixture-lbp/red-flags/urinary-retention-screened-as-red-flag.yaml";

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(out), new PrintWriter(err), CliTest.withFixtureRules(args)), err.toString());
        return out.toString();
    }

    @Test
    void theCardsOfEachScenarioAsAnEhrWouldShowThemAndAsTheServiceSendsThem() throws Exception {
        String text = run("cards", MRI, RETENTION);
        JsonNode json = new ObjectMapper().readTree(run("cards", "--format", "json", "--lang", "en", MRI, RETENTION));

        assertTrue(text.contains("⚠  Tilbyd ikke rutinemæssigt MR-scanning"), text);
        assertTrue(text.contains("[Fjern bestillingen: MR-scanning]"), text);
        assertTrue(text.contains("!! Akut henvisning: mistanke om cauda equina-syndrom"), text);
        assertEquals("warning", json.at("/0/cards/0/indicator").asText());
        assertEquals("FIX-LBP-04", json.at("/0/cards/0/source/topic/code").asText());
        assertTrue(json.at("/0/cards/0/summary").asText().startsWith("Do not routinely offer MRI"), json.toString());
        assertEquals("critical", json.at("/1/cards/0/indicator").asText());
        assertEquals("create", json.at("/1/cards/0/suggestions/0/actions/0/type").asText());
    }
}
