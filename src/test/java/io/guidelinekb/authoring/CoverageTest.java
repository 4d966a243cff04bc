package io.guidelinekb.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.model.RuleInfo;
import io.guidelinekb.Shipped;
import io.guidelinekb.util.InvalidInputException;
import io.guidelinekb.scenario.Scenario;
import io.guidelinekb.scenario.ScenarioReader;
import io.guidelinekb.scenario.ScenarioRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageTest {

    static final String AGE = "facts/nkr-lbp-2016/scope/age-under-16-out-of-scope.yaml";
    static final String MRI = "facts/nkr-lbp-2016/recommendations/imaging-mri-proposed-triggers-04.yaml";
    static final String SELF_CARE = "facts/nkr-lbp-2016/recommendations/self-care-gain-not-expected-withholds-02.yaml";

    static Coverage of(String... files) throws InvalidInputException {
        List<Scenario> scenarios = new java.util.ArrayList<>();
        for (String file : files) {
            scenarios.add(ScenarioReader.read(Path.of(file), Shipped.knowledgeBase()));
        }
        return Coverage.of(Shipped.knowledgeBase(), scenarios);
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
        assertEquals(List.of(), coverage.recommendations().get("NKR-LBP-02").given(),
                "given in the MRI scenario, which does not check it: no coverage");
        assertEquals(List.of(MRI), coverage.recommendations().get("NKR-LBP-04").given(), "it names 04 under given");
        assertEquals(List.of(SELF_CARE), coverage.recommendations().get("NKR-LBP-02").withheld(),
                "out of scope, every recommendation is silent: that is not withholding");
        assertEquals(List.of(), coverage.recommendations().get("NKR-LBP-04").withheld());
        assertEquals(List.of(MRI), coverage.recommendations().get("NKR-LBP-04").triggered());
        assertEquals(List.of(AGE), coverage.reasons().get("AGE_UNDER_16"));
    }

    @Test
    void listsWhatWasNeverExercised() throws Exception {
        Coverage coverage = of(MRI);

        List<String> never = coverage.rulesNeverFired().stream().map(RuleInfo::name).toList();
        assertTrue(never.contains("Scope: patient is under 16 years old"), never.toString());
        assertTrue(!never.contains("NKR-LBP-04 Do not routinely offer MRI or X-ray"), never.toString());
        assertEquals(List.of("NKR-LBP-01", "NKR-LBP-02", "NKR-LBP-03", "NKR-LBP-05", "NKR-LBP-06", "NKR-LBP-07",
                "NKR-LBP-08", "NKR-LBP-09", "NKR-LBP-10"), coverage.recommendationsNeverTriggered());
        assertEquals(Shipped.vocabulary().terms(io.guidelinekb.model.Vocabulary.Section.SCOPE_REASONS).size(),
                coverage.reasonsNeverProduced().size());
        assertEquals(List.of("NKR-LBP-02"), coverage.recommendationsNeverWithheld(),
                "only a rule that asks more than the scope can withhold its recommendation");
    }

    @Test
    void theShippedSuiteExercisesEverything() throws Exception {
        List<Scenario> all = new java.util.ArrayList<>();
        for (Path file : ScenarioRun.findScenarioFiles(List.of(Path.of("facts")))) {
            all.add(ScenarioReader.read(file,io.guidelinekb.Shipped.knowledgeBase()));
        }
        Coverage coverage = Coverage.of(Shipped.knowledgeBase(), all);
        assertEquals(List.of(), coverage.rulesNeverFired());
        assertEquals(List.of(), coverage.recommendationsNeverTriggered());
        assertEquals(List.of(), coverage.recommendationsNeverWithheld());
        assertEquals(List.of(), coverage.reasonsNeverProduced());
    }
}
