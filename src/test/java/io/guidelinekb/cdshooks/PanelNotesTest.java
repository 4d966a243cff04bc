package io.guidelinekb.cdshooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.EpisodeResultJson;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.model.RuleLoadException;
import io.guidelinekb.model.RuleProblem;
import io.guidelinekb.TestGuideline;
import io.guidelinekb.authoring.Linter;
import io.guidelinekb.engine.RuleCache;
import io.guidelinekb.fhir.FhirMapping;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recommendation written once, with what its panel wrote: rationale, references and PICO reach the
 * JSON result and the card; the symbols of a summary come from @strength and @evidence; a grade the
 * source states is not questioned. On the test guideline of src/test/resources.
 */
class PanelNotesTest {

    private static final String RULE = "01-test-recommendation.drl";
    private static final String NOTES = """
                @rationaleDa("Ingen klinisk begrundelse: en test.")
                @rationaleEn("No clinical rationale: a test.")
                @references("Test reference one https://example.org/one; Test reference two https://example.org/two")
                @population("adults with low back pain") @intervention("a test") @comparison("no test") @outcomes("none")
            """;

    @TempDir
    Path temp;

    private static String withNotes(String rule) {
        return rule.replace("    @concerns(", NOTES + "    @concerns(");
    }

    @Test
    void theNotesReachTheResultTheJsonAndTheCard() throws Exception {
        KnowledgeBase kb = KnowledgeBase.load(TestGuideline.copy(temp, RULE, PanelNotesTest::withNotes), io.guidelinekb.LoadOptions.defaults().withoutCache());
        io.guidelinekb.model.Case input = LifecycleTest.mriFor("p");

        EpisodeResult result = kb.evaluate(input);
        JsonNode json = new ObjectMapper().readTree(EpisodeResultJson.toJson(result)).at("/recommendations/0/notes");
        FhirMapping mapping = new FhirMapping(Optional.of(input), List.of(), Map.of("MRI", List.of("ServiceRequest/mri-1")));
        JsonNode card = new Cards(kb.texts(io.guidelinekb.model.Language.ENGLISH).get(TestGuideline.FOLDER), kb, io.guidelinekb.model.Language.ENGLISH).cards("order-select", result, mapping)
                .get(0).json();

        assertEquals("No clinical rationale: a test.", json.at("/rationale/en").asText());
        assertEquals("https://example.org/two", json.at("/references/1/url").asText());
        assertEquals("adults with low back pain", json.at("/pico/population").asText());
        assertEquals("A test recommendation (√).", card.get("summary").asText(), "the symbols come from @strength");
        assertTrue(card.get("detail").asText().endsWith("Rationale: No clinical rationale: a test."),
                card.get("detail").asText());
        assertEquals(List.of("https://example.org/one", "https://example.org/two"), java.util.stream.StreamSupport
                .stream(card.get("links").spliterator(), false).map(l -> l.get("url").asText()).skip(1).toList());
    }

    @Test
    void aReferenceWithoutAnHttpsLinkAndSymbolsTheDeclarationDoesNotHaveAreErrorsAtTheirLines() throws Exception {
        Path rules = TestGuideline.copy(temp, RULE, t -> t.replace("    @concerns(", "    @references(\"A citation "
                + "without a link\")\n    @sourceStates(\"↓ (⊕)\")\n    @concerns("));

        RuleLoadException refused = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules, io.guidelinekb.LoadOptions.defaults().withoutCache()));

        assertTrue(refused.getMessage().contains("@references: \"A citation without a link\" is not a citation with "
                + "its link; write the citation and then its https:// address"), refused.getMessage());
        assertTrue(refused.getMessage().contains("@sourceStates(\"↓ (⊕)\") is not what @strength and @evidence declare "
                + "(√)"), refused.getMessage());
    }

    @Test
    void symbolsTypedAgainAreAskedToBeDroppedAndAGradeTheSourceStatesIsNotQuestioned() throws Exception {
        Path rules = TestGuideline.copy(temp, RULE, t -> t.replace("@evidence(\"NONE\")", "@evidence(\"⊕\")\n"
                + "    @sourceStates(\"√ (⊕)\")").replace("@summaryEn(\"A test recommendation.\")",
                "@summaryEn(\"A test recommendation (√, ⊕).\")"));

        List<RuleProblem> findings = Linter.lint(rules, io.guidelinekb.LoadOptions.defaults().withoutCache()).findings();

        assertTrue(findings.stream().anyMatch(f -> f.message().equals("TEST-01: @summaryEn ends with (√, ⊕), which "
                + "@strength and @evidence give it: drop them from the summary, so that they are written once")),
                findings.toString());
        assertFalse(findings.stream().anyMatch(f -> f.message().contains("good-practice statement but declares")),
                "the source states the grade: " + findings);
        KnowledgeBase kb = KnowledgeBase.load(rules, io.guidelinekb.LoadOptions.defaults().withoutCache());
        assertEquals("A test recommendation (√, ⊕).", kb.recommendations().get(0).summary(io.guidelinekb.model.Language.ENGLISH), "shown once");
        assertEquals("En testanbefaling (√, ⊕).", kb.recommendations().get(0).summary(io.guidelinekb.model.Language.DANISH));
    }
}
