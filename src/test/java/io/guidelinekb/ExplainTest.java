package io.guidelinekb;

import io.guidelinekb.model.Case;
import io.guidelinekb.model.ConditionCheck;
import io.guidelinekb.model.ExplainedResult;
import io.guidelinekb.model.RecommendationExplanation;
import io.guidelinekb.model.RuleExplanation;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guidelinekb.util.InvalidInputException;
import io.guidelinekb.model.Patient;
import io.guidelinekb.scenario.ScenarioReader;
import io.guidelinekb.scenario.ScenarioRun;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ExplainTest {

    static RuleExplanation rule(ExplainedResult explained, String name) {
        return explained.explanation().scopeRules().stream().filter(r -> r.rule().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no explanation for rule " + name));
    }

    static RecommendationExplanation recommendation(ExplainedResult explained, String id) {
        return explained.explanation().recommendations().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow();
    }

    static ConditionCheck last(RuleExplanation rule) {
        return rule.conditions().get(rule.conditions().size() - 1);
    }

    @Test
    void aWithheldRecommendationNamesTheConditionThatFailedAndTheValueItSaw() {
        ExplainedResult explained = LbpFixture.knowledgeBase().explain(new Case(Patient.aged("p", 45),
                EvaluationTest.inScopeEpisode("e", "p").finding("SELF_CARE_GAIN_EXPECTED", false).build()));

        RecommendationExplanation education = recommendation(explained, "FIX-LBP-02");
        assertEquals(RecommendationExplanation.Outcome.WITHHELD, education.outcome());
        assertEquals(false, education.rule().fired());
        ConditionCheck failed = last(education.rule());
        assertEquals(ConditionCheck.Verdict.FAILED, failed.verdict());
        assertEquals("Scope( episode.finding(\"SELF_CARE_GAIN_EXPECTED\") != false )", failed.condition());
        assertEquals("episode.finding(\"SELF_CARE_GAIN_EXPECTED\") = false", failed.observed());
    }

    @Test
    void scopeRulesThatDidNotFireShowTheValuesAgainstTheThresholds() {
        ExplainedResult explained = LbpFixture.knowledgeBase().explain(new Case(Patient.aged("p", 45),
                EvaluationTest.inScopeEpisode("e", "p").build()));

        ConditionCheck age = last(rule(explained, "Scope: patient is under 16 years old"));
        assertEquals("Patient( ageYearsAtMost < 16 )", age.condition());
        assertEquals(ConditionCheck.Verdict.FAILED, age.verdict());
        assertEquals("ageYearsAtMost = 45", age.observed());
        ConditionCheck duration = last(rule(explained, "Scope: pain has lasted more than 12 weeks"));
        assertEquals("daysSinceOnsetAtLeast = 21, durationWeeks = unknown", duration.observed());
        RuleExplanation inScope = rule(explained, "Scope: in scope when no exclusion holds and nothing is missing");
        assertEquals(1, inScope.firings());
        assertEquals(List.of("Scope(IN_SCOPE)"), inScope.concluded());
        assertEquals("none found", last(inScope).observed());
    }

    @Test
    void aTriggeredRecommendationSaysByWhatAndOutOfScopeSaysWhyNothingIsGiven() {
        ExplainedResult triggered = LbpFixture.knowledgeBase().explain(new Case(Patient.aged("p", 45),
                EvaluationTest.inScopeEpisode("e", "p").propose("MRI").build()));
        RecommendationExplanation imaging = recommendation(triggered, "FIX-LBP-04");
        assertEquals(RecommendationExplanation.Outcome.TRIGGERED, imaging.outcome());
        assertEquals(java.util.Set.of("MRI"), imaging.triggeredBy());

        ExplainedResult excluded = LbpFixture.knowledgeBase().explain(new Case(Patient.aged("p", 45),
                EvaluationTest.inScopeEpisode("e", "p").redFlags("CAUDA_EQUINA")
                        .propose("MRI").build()));
        RecommendationExplanation silent = recommendation(excluded, "FIX-LBP-04");
        assertEquals(RecommendationExplanation.Outcome.WITHHELD, silent.outcome());
        assertEquals("status = OUT_OF_SCOPE", last(silent.rule()).observed());
        assertEquals(List.of("ScopeFinding(RED_FLAG_CAUDA_EQUINA)"),
                rule(excluded, "Scope: a red flag is present").concluded());
    }

    /**
     * The explainer reads conditions outside the engine; on every scenario it must agree with the
     * engine: a rule that fired shows only conditions that held, one that did not ends on a failure.
     */
    @TestFactory
    Stream<DynamicTest> theExplanationAgreesWithTheEngineOnEveryScenario() throws InvalidInputException {
        List<Path> files = ScenarioRun.findScenarioFiles(List.of(Path.of("src/test/resources/fixture/facts")));
        return files.stream().map(file -> DynamicTest.dynamicTest(file.toString(), () -> {
            ExplainedResult explained = LbpFixture.knowledgeBase().explain(ScenarioReader.read(file,LbpFixture.knowledgeBase()).input());
            Stream.concat(explained.explanation().scopeRules().stream(),
                    explained.explanation().recommendations().stream().map(RecommendationExplanation::rule))
                    .forEach(rule -> {
                        boolean allHeld = rule.conditions().stream().allMatch(ConditionCheck::held);
                        assertEquals(rule.fired(), allHeld, rule.rule() + ": " + rule.conditions());
                        if (!rule.fired()) {
                            assertEquals(ConditionCheck.Verdict.FAILED, last(rule).verdict(), rule.toString());
                        }
                    });
        }));
    }
}
