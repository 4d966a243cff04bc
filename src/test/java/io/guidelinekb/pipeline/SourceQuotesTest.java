package io.guidelinekb.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.LoadOptions;
import io.guidelinekb.TestGuideline;
import io.guidelinekb.authoring.Linter;
import io.guidelinekb.model.RuleLoadException;
import io.guidelinekb.model.RuleProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A guideline that names its source as text is checked to quote it word for word, under its headings. */
@io.guidelinekb.IntegrationTest
class SourceQuotesTest {

    /** The test guideline's source, as a PDF's text would give it: a word split across lines, a no-break space. */
    private static final String SOURCE = """
            Testretningslinje

            Test
            √ En testanbefaling uden kli-
            nisk\u00A0indhold.
            """;

    @TempDir
    Path temp;

    private Path withSource(String source, String recommendation) throws Exception {
        Path rules = TestGuideline.copy(temp, "01-test-recommendation.drl", recommendation == null ? drl -> drl
                : drl -> drl.replace("@da(\"En testanbefaling uden klinisk indhold.\")", recommendation));
        Path folder = rules.resolve(TestGuideline.FOLDER);
        Files.writeString(folder.resolve("quick-guide.da.txt"), source);
        Path descriptor = folder.resolve("guideline.yaml");
        Files.writeString(descriptor, Files.readString(descriptor).replaceFirst("(?m)^source: .*$", "$0\nsourceText: quick-guide.da.txt"));
        return rules;
    }

    @Test
    void aRecommendationThatQuotesItsSourceLoads() throws Exception {
        KnowledgeBase kb = KnowledgeBase.load(withSource(SOURCE, null), LoadOptions.defaults().withoutCache());
        assertEquals("TEST-01", kb.recommendations().get(0).id());
    }

    @Test
    void aMisquoteIsAnErrorAtItsRuleAndLoadRefusesIt() throws Exception {
        Path rules = withSource(SOURCE, "@da(\"En testanbefaling uden klinisk indhold i det hele taget.\")");

        List<RuleProblem> errors = Linter.lint(rules, LoadOptions.defaults().withoutCache()).findings().stream()
                .filter(RuleProblem::isError).toList();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).file().endsWith("01-test-recommendation.drl") && errors.get(0).line() == 5, errors.toString());
        assertTrue(errors.get(0).message().startsWith("TEST-01's @da is not in quick-guide.da.txt as the guideline prints "
                + "it: \"√ En testanbefaling uden klinisk indhold i det hele taget.\""), errors.get(0).message());
        RuleLoadException refused = assertThrows(RuleLoadException.class,
                () -> KnowledgeBase.load(rules, LoadOptions.defaults().withoutCache()));
        assertEquals(errors, refused.problems());
    }

    @Test
    void aSectionThatIsNoHeadingAndASourceThatIsNotThereAreNamed() throws Exception {
        Path rules = withSource(SOURCE.replace("\nTest\n", "\nAndet\n"), null);
        List<RuleProblem> errors = Linter.lint(rules, LoadOptions.defaults().withoutCache()).findings().stream()
                .filter(RuleProblem::isError).toList();
        assertEquals(List.of("TEST-01's @section(\"Test\") is no line of quick-guide.da.txt; name the heading it stands under"),
                errors.stream().map(RuleProblem::message).toList());

        Path descriptor = rules.resolve(TestGuideline.FOLDER).resolve("guideline.yaml");
        for (String named : List.of("../../../etc/passwd.txt", "5", "quick-guide.da.md")) {
            Files.writeString(descriptor, Files.readString(descriptor).replaceFirst("(?m)^sourceText: .*$",
                    "sourceText: " + named));
            List<RuleProblem> refused = Linter.lint(rules, LoadOptions.defaults().withoutCache()).findings().stream()
                    .filter(RuleProblem::isError).toList();
            assertEquals(1, refused.size(), named + ": " + refused);
            assertTrue(refused.get(0).message().startsWith("sourceText: \"" + named + "\" is not a .txt file beside "
                    + "guideline.yaml"), refused.toString());
        }
        Files.writeString(descriptor, Files.readString(descriptor).replaceFirst("(?m)^sourceText: .*$",
                "sourceText: quick-guide.da.txt"));
        Files.delete(rules.resolve(TestGuideline.FOLDER).resolve("quick-guide.da.txt"));
        List<RuleProblem> missing = Linter.lint(rules, LoadOptions.defaults().withoutCache()).findings().stream()
                .filter(RuleProblem::isError).toList();
        assertEquals(1, missing.size(), missing.toString());
        assertTrue(missing.get(0).file().endsWith("guideline.yaml") && missing.get(0).message().startsWith(
                "sourceText: \"quick-guide.da.txt\" is not a .txt file beside guideline.yaml"), missing.toString());
    }
}
