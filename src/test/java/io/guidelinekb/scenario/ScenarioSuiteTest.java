package io.guidelinekb.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.LbpFixture;
import io.guidelinekb.util.InvalidInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Runs every scenario under facts/, one test per file, named after it. */
class ScenarioSuiteTest {

    static final Path FACTS = Path.of("src/test/resources/fixture/facts");

    @TestFactory
    Stream<DynamicTest> everyScenarioUnderFacts() throws InvalidInputException {
        List<Path> files = ScenarioRun.findScenarioFiles(List.of(FACTS));
        assertTrue(files.size() >= 50, "expected the full suite under facts/, found " + files.size() + " files");
        return files.stream().map(file -> DynamicTest.dynamicTest(FACTS.relativize(file).toString(), file.toUri(), () -> {
            ScenarioRun.Outcome outcome = ScenarioRun.run(LbpFixture.knowledgeBase(), file);
            assertEquals(List.of(), outcome.problems(), file + " " + outcome.verdict());
            assertEquals(ScenarioRun.Verdict.PASSED, outcome.verdict());
        }));
    }

    @org.junit.jupiter.api.Test
    void theWholeSuiteGivesTheSameResultsEvaluatedTogetherAsAlone() throws InvalidInputException {
        List<Path> files = ScenarioRun.findScenarioFiles(List.of(FACTS));
        List<ScenarioRun.Outcome> outcomes = ScenarioRun.runAll(LbpFixture.knowledgeBase(), files);
        assertEquals(files.size(), outcomes.size());
        assertEquals(List.of(), outcomes.stream().filter(o -> !o.passed()).toList());
    }
}
