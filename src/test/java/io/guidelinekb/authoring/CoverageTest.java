package io.guidelinekb.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.model.RuleInfo;
import io.guidelinekb.LbpFixture;
import io.guidelinekb.util.InvalidInputException;
import io.guidelinekb.scenario.Scenario;
import io.guidelinekb.scenario.ScenarioReader;
import io.guidelinekb.scenario.ScenarioRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageTest {

    static final String AGE = "src/test/resources/fixture/facts/fixture-lbp/scope/age-under-16-out-of-scope.yaml";
    static final String MRI = "src/test/resources/fixture/facts/fixture-lbp/recommendations/imaging-mri-proposed-triggers-04.yaml";
    static final String SELF_CARE = "src/test/resources/fixture/facts/fixture-lbp/recommendations/self-care-gain-not-expected-withholds-02.yaml";

    static Coverage of(String... files) throws InvalidInputException {
        List<Scenario> scenarios = new java.util.ArrayList<>();
        for (String file : files) {
            scenarios.add(ScenarioReader.read(Path.of(file), LbpFixture.knowledgeBase()));
        }
        return Coverage.of(LbpFixture.knowledgeBase(), scenarios);
    }

    static List<String> firedBy(Coverage coverage, String rule) {
        return coverage.rules().entrySet().stream().filter(e -> e.getKey().name().equals(rule)).findFirst()
                .orElseThrow().getValue();
    }

    @Test
    void countsWhatEachScenarioExercised() throws Exception {
        Coverage coverage = of(AGE, MRI, SELF_CARE);

        assertEquals(List.of(AGE), firedBy(coverage, "Scope: patient is under 16 years old"));
        assertEquals(List.of(MRI, SELF_CARE), firedBy(coverage, "Scope: in scope when no exclusion holds and nothing is missing"));
        assertEquals(List.of(), coverage.recommendations().get("FIX-LBP-02").given(),
                "given in the MRI scenario, which does not check it: no coverage");
        assertEquals(List.of(MRI), coverage.recommendations().get("FIX-LBP-04").given(), "it names 04 under given");
        assertEquals(List.of(SELF_CARE), coverage.recommendations().get("FIX-LBP-02").withheld(),
                "out of scope, every recommendation is silent: that is not withholding");
        assertEquals(List.of(), coverage.recommendations().get("FIX-LBP-04").withheld());
        assertEquals(List.of(MRI), coverage.recommendations().get("FIX-LBP-04").triggered());
        assertEquals(List.of(AGE), coverage.reasons().get("AGE_UNDER_16"));
    }

    @Test
    void listsWhatWasNeverExercised() throws Exception {
        Coverage coverage = of(MRI);

        List<String> never = coverage.rulesNeverFired().stream().map(RuleInfo::name).toList();
        assertTrue(never.contains("Scope: patient is under 16 years old"), never.toString());
        assertTrue(!never.contains("FIX-LBP-04 Do not routinely offer MRI or X-ray"), never.toString());
        assertEquals(List.of("FIX-LBP-01", "FIX-LBP-02", "FIX-LBP-03", "FIX-LBP-05", "FIX-LBP-06", "FIX-LBP-07",
                "FIX-LBP-08", "FIX-LBP-09", "FIX-LBP-10"), coverage.recommendationsNeverTriggered());
        assertEquals(LbpFixture.vocabulary().terms(io.guidelinekb.model.Vocabulary.Section.SCOPE_REASONS).size(),
                coverage.reasonsNeverProduced().size());
        assertEquals(List.of("FIX-LBP-02"), coverage.recommendationsNeverWithheld(),
                "only a rule that asks more than the scope can withhold its recommendation");
    }

    @Test
    void theShippedSuiteExercisesEverything() throws Exception {
        List<Scenario> all = new java.util.ArrayList<>();
        for (Path file : ScenarioRun.findScenarioFiles(List.of(Path.of("src/test/resources/fixture/facts")))) {
            all.add(ScenarioReader.read(file,io.guidelinekb.LbpFixture.knowledgeBase()));
        }
        Coverage coverage = Coverage.of(LbpFixture.knowledgeBase(), all);
        assertEquals(List.of(), coverage.rulesNeverFired());
        assertEquals(List.of(), coverage.recommendationsNeverTriggered());
        assertEquals(List.of(), coverage.recommendationsNeverWithheld());
        assertEquals(List.of(), coverage.reasonsNeverProduced());
    }
}
