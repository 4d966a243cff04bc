package io.guidelinekb.cdshooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.model.Case;
import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.EpisodeResultJson;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.fhir.FhirMapping;
import io.guidelinekb.model.Episode;
import io.guidelinekb.model.Lifecycle;
import io.guidelinekb.model.Patient;
import io.guidelinekb.model.Recommendation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recommendation's own life, written in its rule: a draft is given to authors and audits, marked,
 * and never shown at the point of care; a retired one is never given at all. On the test guideline
 * of src/test/resources, with a second recommendation of its own.
 */
class LifecycleTest {

    private static final Path FIXTURE = Path.of("src/test/resources/guidelines/test-adult-back-pain");

    @TempDir
    Path temp;

    /** The test guideline, TEST-01 against MRI with {@code status01}, and TEST-02 against MRI too with {@code status02}. */
    static Path rules(Path temp, String status01, String status02) throws Exception {
        Path folder = temp.resolve("rules/test-adult-back-pain");
        Files.createDirectories(folder);
        try (var files = Files.list(FIXTURE)) {
            for (Path file : files.toList()) {
                Files.copy(file, folder.resolve(file.getFileName().toString()));
            }
        }
        Path first = folder.resolve("01-test-recommendation.drl");
        String rule = Files.readString(first);
        Files.writeString(first, rule.replace("    @recommendation(\"TEST-01\")\n",
                "    @recommendation(\"TEST-01\")\n    @status(\"" + status01 + "\")\n"));
        Files.writeString(folder.resolve("02-second.drl"), rule.replace("TEST-01", "TEST-02")
                .replace("A test recommendation", "A second test recommendation")
                .replace("    @recommendation(\"TEST-02\")\n", "    @recommendation(\"TEST-02\")\n    @status(\"" + status02 + "\")\n"));
        return temp.resolve("rules");
    }

    static Case mriFor(String patientId) {
        return new Case(Patient.aged(patientId, 40), Episode.builder("e-" + patientId, patientId, LocalDate.of(2026, 3, 10))
                .durationWeeks(3).finding("LOW_BACK_PAIN", true).propose("MRI").build());
    }

    @Test
    void aDraftIsGivenMarkedAndNeverCardedAndARetiredOneIsNeverGiven() throws Exception {
        KnowledgeBase kb = KnowledgeBase.load(rules(temp, "draft", "retired"));
        Case input = mriFor("p");

        EpisodeResult result = kb.evaluate(input);

        Recommendation first = result.recommendation("TEST-01").orElseThrow();
        assertEquals(Lifecycle.DRAFT, first.lifecycle());
        assertTrue(first.triggeredAgainstIt(), "a draft is evaluated as it will be");
        assertTrue(result.recommendation("TEST-02").isEmpty(), "retired: never given");
        assertTrue(EpisodeResultJson.toJson(result).contains("\"status\":\"draft\""));

        FhirMapping mapping = new FhirMapping(Optional.of(input), List.of(), Map.of("MRI", List.of("ServiceRequest/mri-1")));
        List<Cards.Card> cards = new Cards(kb.texts(io.guidelinekb.model.Language.DANISH).get("test-adult-back-pain"), kb, io.guidelinekb.model.Language.DANISH)
                .cards("order-select", result, mapping);
        assertEquals(List.of(), cards.stream().map(Cards.Card::about).toList(),
                "neither the draft nor the retired one gives a card to a GP");

        KnowledgeBase active = KnowledgeBase.load(rules(temp.resolve("active"), "active", "active"));
        assertEquals(List.of("TEST-01", "TEST-02"), new Cards(active.texts(io.guidelinekb.model.Language.DANISH).get("test-adult-back-pain"), active, io.guidelinekb.model.Language.DANISH)
                .cards("order-select", active.evaluate(input), mapping).stream().map(Cards.Card::about).toList(),
                "active, both give their card");
    }

    @Test
    void aScenarioThatStillExpectsARetiredRecommendationSaysSo() throws Exception {
        KnowledgeBase kb = KnowledgeBase.load(rules(temp, "active", "retired"));
        Path scenario = Files.writeString(temp.resolve("s.yaml"), """
                name: both expected
                guideline: test-adult-back-pain
                asOf: 2026-03-10
                patient: {id: p, age: 40}
                episode:
                  id: e
                  durationWeeks: 3
                  painLocation: [LOW_BACK]
                  proposedInterventions: [MRI]
                expect:
                  scope: IN_SCOPE
                  recommendations: [TEST-01, TEST-02]
                """);

        var outcome = io.guidelinekb.scenario.ScenarioRun.run(kb, scenario);

        assertTrue(outcome.problems().contains("TEST-02 is retired (its rule says @status(\"retired\")) and is never "
                + "given: take it out of this scenario's expectations"), outcome.problems().toString());
    }

    @Test
    void aStatusThatIsNoneOfTheThreeIsNamedAtLoad() throws Exception {
        io.guidelinekb.model.RuleLoadException refused = org.junit.jupiter.api.Assertions.assertThrows(
                io.guidelinekb.model.RuleLoadException.class, () -> KnowledgeBase.load(rules(temp, "withdrawn", "active")));
        assertTrue(refused.getMessage().contains("01-test-recommendation.drl")
                && refused.getMessage().contains("@status(\"withdrawn\") is not a status; write draft, active or retired"),
                refused.getMessage());
    }
}
