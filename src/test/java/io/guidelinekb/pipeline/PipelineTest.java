package io.guidelinekb.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.model.RuleLoadException;
import io.guidelinekb.model.RuleProblem;
import io.guidelinekb.authoring.Linter;
import io.guidelinekb.engine.RuleCache;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lint, load and reload run one pipeline: whatever lint calls an error, load refuses with the same
 * words, and rules that passed come back from the cache with the warnings they gave. On the test
 * guideline of src/test/resources.
 */
class PipelineTest {

    static final Path FIXTURE = io.guidelinekb.TestGuideline.FIXTURE;

    @TempDir
    Path temp;

    static Path fixture(Path temp, String file, UnaryOperator<String> change) throws Exception {
        return io.guidelinekb.TestGuideline.copy(temp, file, change);
    }

    private static final String RECOMMENDATION = "01-test-recommendation.drl";

    /** Each a change that some stage calls an error: compile, catalogue, sandbox, declaration, descriptor, probes. */
    private static final List<Breakage> BREAKAGES = List.of(
            new Breakage(RECOMMENDATION, t -> t.replace("insert( Recommendation.given", "insert( Recommendationx.given"),
                    "Recommendationx"),
            new Breakage(RECOMMENDATION, t -> t.replace("@strength(\"√\")", "@strength(\"strong\")"), "@strength"),
            new Breakage(RECOMMENDATION, t -> t.replace("Scope( status == ScopeStatus.IN_SCOPE, $episode : episode )",
                    "Scope( $episode : episode )"), "does not require Scope"),
            new Breakage(RECOMMENDATION, t -> t.replace("@summaryEn(\"A test recommendation.\")",
                    "@summaryEn(\"" + "A test recommendation, ".repeat(8) + "\")"), "characters"),
            new Breakage("guideline.yaml", t -> t.substring(0, t.indexOf("\n# The audit report's title")) + "\n",
                    "no report.title in Danish"),
            new Breakage(RECOMMENDATION, t -> t.replace("then\n    insert( Recommendation.given( kcontext, $episode ) );",
                    "then\n    throw new IllegalStateException(\"boom\");"), "on the probe episodes"),
            new Breakage(RECOMMENDATION, t -> t.replace("then\n    insert(", "then\n    System.exit(1);\n    insert("),
                    "System"));

    record Breakage(String file, UnaryOperator<String> change, String said) {
    }

    @Test
    void whatLintCallsAnErrorLoadRefusesInTheSameWords() throws Exception {
        int n = 0;
        for (Breakage breakage : BREAKAGES) {
            Path rules = fixture(temp.resolve("case-" + n++), breakage.file(), breakage.change());

            Linter.Report lint = Linter.lint(rules, io.guidelinekb.LoadOptions.defaults().withoutCache());
            RuleLoadException load = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules, io.guidelinekb.LoadOptions.defaults().withoutCache()),
                    breakage.said());

            List<String> lintErrors = lint.findings().stream().filter(RuleProblem::isError).map(RuleProblem::toString)
                    .sorted().toList();
            assertFalse(lintErrors.isEmpty(), breakage.said());
            assertTrue(lintErrors.stream().anyMatch(e -> e.contains(breakage.said())), lintErrors.toString());
            assertEquals(lintErrors, load.problems().stream().map(RuleProblem::toString).sorted().toList(), breakage.said());
            assertTrue(lint.knowledgeBase().isEmpty());
        }
    }

    @Test
    void aBrokenVocabularyLineIsOneErrorAtItsLineWithWhatFollowsFromItCounted() throws Exception {
        Path rules = fixture(temp, "vocabulary.yaml", t -> t.replace("  MRI: {da: MR-scanning, en: MRI}",
                "  MRI: {da: MR-scanning, en: MRI"));

        Linter.Report lint = Linter.lint(rules, io.guidelinekb.LoadOptions.defaults().withoutCache());
        RuleLoadException load = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules, io.guidelinekb.LoadOptions.defaults().withoutCache()));

        assertEquals(1, lint.errors(), lint.findings().toString());
        RuleProblem root = lint.findings().stream().filter(RuleProblem::isError).findFirst().orElseThrow();
        assertTrue(root.file().endsWith("test-adult-back-pain/vocabulary.yaml") && root.line() == 4, root.toString());
        assertTrue(root.message().startsWith("not valid YAML"), root.message());
        assertTrue(root.message().matches(".* \\(and \\d+ more errors that follow from it, since a vocabulary with an "
                + "error is read as empty: fix this first\\)"), root.message());
        assertEquals(List.of(root), load.problems());
    }

    @Test
    void rulesThatPassedComeBackFromTheCacheWithTheWarningsTheyGave() throws Exception {
        Path rules = fixture(temp, RECOMMENDATION, t -> t.replace("@evidence(\"NONE\")", "@evidence(\"LOW\")"));
        RuleCache cache = RuleCache.at(temp.resolve("cache")).fillingAtFirstMiss();

        Pipeline.Built first = Pipeline.run(io.guidelinekb.engine.RuleSources.read(rules), cache, null);
        Pipeline.Built second = Pipeline.run(io.guidelinekb.engine.RuleSources.read(rules), cache, null);
        KnowledgeBase loaded = io.guidelinekb.Loading.load(rules, cache);

        assertEquals(1, cache.fills());
        assertEquals(2, cache.hits());
        assertTrue(first.findings().stream().anyMatch(w -> w.message().contains("good-practice statement but declares "
                + "evidence LOW")), first.findings().toString());
        assertEquals(first.findings(), second.findings());
        assertEquals(first.findings(), loaded.warnings());
    }

    @Test
    void aBrokenGuidelineDoesNotStopAnotherLoadedByName() throws Exception {
        Path rules = fixture(temp, "guideline.yaml", t -> t.substring(0, t.indexOf("\n# The audit report's title")) + "\n");
        io.guidelinekb.TestGuideline.copyAs(rules, "test-other");

        assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules, io.guidelinekb.LoadOptions.defaults().withoutCache()));
        KnowledgeBase alone = KnowledgeBase.load(rules, io.guidelinekb.LoadOptions.defaults().withOnlyGuideline("test-other"));

        assertEquals(List.of("test-other"), alone.guidelines().stream().map(g -> g.id()).toList());
        RuleLoadException missing = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules, io.guidelinekb.LoadOptions.defaults().withOnlyGuideline("test-none")));
        assertTrue(missing.getMessage().contains("holds no guideline test-none; its guidelines: test-adult-back-pain, "
                + "test-other"), missing.getMessage());
    }
}
