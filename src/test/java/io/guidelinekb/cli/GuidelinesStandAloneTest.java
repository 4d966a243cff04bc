package io.guidelinekb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.LoadOptions;
import io.guidelinekb.TestGuideline;
import io.guidelinekb.fhir.FhirCases;
import io.guidelinekb.model.Case;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two guidelines in one rules folder, each with its own words and codes: the same scenario key and
 * the same code mean one thing in one and another in the other. Each guideline's scenarios and FHIR
 * input are read in its own words; the union of the two refuses to guess.
 */
@io.guidelinekb.IntegrationTest
public class GuidelinesStandAloneTest {

    public static final String FIRST = "test-adult-back-pain";
    public static final String SECOND = "test-other";
    /** The second guideline reads the first's two values the other way round: a clash on purpose. */
    private static final String OWN_KEYS = "painLocation: {LOW_BACK: LOW_BACK_PAIN, BUTTOCK: BUTTOCK_PAIN, OTHER: OTHER_PAIN}";
    private static final String OTHER_KEYS = "painLocation: {LOW_BACK: BUTTOCK_PAIN, BUTTOCK: LOW_BACK_PAIN, OTHER: OTHER_PAIN}";
    private static final String SCENARIO = """
            name: Pain in the buttock alone
            asOf: 2026-03-10
            patient: {id: p-1, age: 40}
            episode: {id: e-1, onset: 2026-03-01, painLocation: [BUTTOCK]}
            expect: {scope: %s}
            """;

    @TempDir
    Path temp;

    private Path rules() throws Exception {
        return rules(temp);
    }

    /**
     * Two guidelines that read the pain's location the other way round, and bind the order code
     * https://example.org/orders|X-1 to an MRI in the first and to supervised exercise in the second.
     */
    public static Path rules(Path temp) throws Exception {
        Path rules = TestGuideline.copy(temp);
        Path second = TestGuideline.copyAs(rules, SECOND);
        Path vocabulary = second.resolve("vocabulary.yaml");
        String words = Files.readString(vocabulary);
        assertTrue(words.contains(OWN_KEYS), "the test guideline reads its keys as this test says");
        Files.writeString(vocabulary, words.replace(OWN_KEYS, OTHER_KEYS));
        // the same order code: an MRI in the first guideline, supervised exercise in the second
        Files.writeString(rules.resolve(FIRST).resolve("bindings.yaml"), """
                concepts:
                  LOW_BACK_PAIN: [https://example.org/dx|lbp]
                  MRI: [https://example.org/orders|X-1]
                """);
        Files.writeString(second.resolve("bindings.yaml"), """
                concepts:
                  LOW_BACK_PAIN: [https://example.org/dx|lbp]
                  SUPERVISED_EXERCISE: [https://example.org/orders|X-1]
                """);
        return rules;
    }

    @Test
    void eachGuidelinesScenariosAreReadInItsOwnWords() throws Exception {
        Path rules = rules();
        Path facts = temp.resolve("facts");
        Files.createDirectories(facts.resolve(FIRST));
        Files.createDirectories(facts.resolve(SECOND));
        Files.writeString(facts.resolve(FIRST).resolve("buttock.yaml"), SCENARIO.formatted("OUT_OF_SCOPE"));
        Files.writeString(facts.resolve(SECOND).resolve("buttock.yaml"), SCENARIO.formatted("IN_SCOPE"));

        CliTest.Run lint = CliTest.run("--rules", rules.toString(), "lint");
        assertEquals(0, lint.exitCode(), "the same code bound to two concepts in two guidelines is no conflict: " + lint.out());
        CliTest.Run test = CliTest.run("--rules", rules.toString(), "test", facts.toString());
        assertEquals(0, test.exitCode(), test.out() + test.err());
        assertTrue(test.out().contains("2 passed, 0 failed"), test.out());
    }

    @Test
    void aKeyTwoGuidelinesReadDifferentlyIsRefusedWhereNoGuidelineIsNamed() throws Exception {
        Path rules = rules();
        Path record = Files.writeString(temp.resolve("case.yaml"), SCENARIO.formatted("IN_SCOPE").lines()
                .filter(l -> !l.startsWith("expect") && !l.startsWith("name")).reduce("", (a, b) -> a + b + "\n"));

        CliTest.Run both = CliTest.run("--rules", rules.toString(), "evaluate", record.toString());
        assertEquals(2, both.exitCode(), both.out() + both.err());
        assertTrue(both.err().contains("episode.painLocation: \"painLocation\" means different things in the guidelines of "
                + "this knowledge base (" + FIRST + " reads it as"), both.err());
        CliTest.assertNoStackTrace(both);

        CliTest.Run named = CliTest.run("--rules", rules.toString(), "--guideline", SECOND, "evaluate", record.toString());
        assertEquals(0, named.exitCode(), named.err());
        assertTrue(named.out().contains("IN_SCOPE"), named.out());
    }

    @Test
    void eachGuidelineReadsACodeAsItsOwnBindingsSay() throws Exception {
        Path rules = rules();
        KnowledgeBase kb = KnowledgeBase.load(rules, LoadOptions.defaults().withoutCache());
        String bundle = """
                {"resourceType": "Bundle", "type": "collection", "entry": [
                  {"resource": {"resourceType": "Patient", "id": "p-1", "birthDate": "1980-01-01"}},
                  {"resource": {"resourceType": "Condition", "id": "c-1", "subject": {"reference": "Patient/p-1"},
                    "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active"}]},
                    "code": {"coding": [{"system": "https://example.org/dx", "code": "lbp"}]}, "onsetDateTime": "2026-03-01"}},
                  {"resource": {"resourceType": "ServiceRequest", "id": "s-1", "status": "draft", "intent": "proposal",
                    "subject": {"reference": "Patient/p-1"}, "code": {"coding": [{"system": "https://example.org/orders", "code": "X-1"}]}}}
                ]}""";
        LocalDate asOf = LocalDate.of(2026, 3, 10);

        Case first = FhirCases.of(kb.guideline(FIRST).orElseThrow()).fromBundleJson(bundle, asOf, "bundle.json").input().orElseThrow();
        Case second = FhirCases.of(kb.guideline(SECOND).orElseThrow()).fromBundleJson(bundle, asOf, "bundle.json").input().orElseThrow();

        assertEquals(Set.of("MRI"), first.episode().proposedInterventions());
        assertEquals(Set.of("SUPERVISED_EXERCISE"), second.episode().proposedInterventions());

        // the command line: one result per guideline, each from the bundle as that guideline reads it
        Path file = Files.writeString(temp.resolve("bundle.json"), bundle);
        CliTest.Run run = CliTest.run("--rules", rules.toString(), "evaluate", "--format", "json", "--as-of", "2026-03-10",
                file.toString());
        assertEquals(0, run.exitCode(), run.err());
        com.fasterxml.jackson.databind.JsonNode results = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
        java.util.Map<String, String> triggeredBy = new java.util.TreeMap<>();
        results.findParents("guideline").forEach(r -> {
            if (r.has("recommendations")) {
                triggeredBy.put(r.at("/guideline/id").asText(), r.findValues("triggeredBy").toString());
            }
        });
        assertEquals(java.util.Map.of(FIRST, "[[\"MRI\"]]", SECOND, "[[\"SUPERVISED_EXERCISE\"]]"), triggeredBy, run.out());
    }
}
