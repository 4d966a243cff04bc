package io.guidelinekb.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.model.RuleLoadException;
import io.guidelinekb.model.RuleProblem;
import io.guidelinekb.RulesFolder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@io.guidelinekb.IntegrationTest
class LinterTest {

    @TempDir
    Path temp;

    static List<String> messages(Linter.Report report) {
        return report.findings().stream().map(RuleProblem::toString).toList();
    }

    @Test
    void aGoodPracticeStatementWithAGradeIsQuestionedUnlessTheRuleQuotesTheSourceStatingIt() throws Exception {
        Linter.Report stated = Linter.lint(RulesFolder.LBP);
        RulesFolder unquoted = RulesFolder.copyOfLbp(temp).replace("03-targeted-intervention.drl",
                "    @sourceStates(\"√ (⊕)\")\n", "");

        Linter.Report report = Linter.lint(unquoted.root());

        assertEquals(List.of(), stated.findings(), "the quick guide prints √ with (⊕), and 03 quotes it");
        assertEquals(1, report.warnings(), messages(report).toString());
        RuleProblem warning = report.findings().get(0);
        assertTrue(warning.file().endsWith(Path.of("fixture-lbp", "03-targeted-intervention.drl").toString()));
        assertTrue(warning.message().startsWith("FIX-LBP-03 (GOOD_PRACTICE √) is a good-practice statement but declares "
                + "evidence VERY_LOW (⊕)"), warning.message());
    }

    @Test
    void aStrongRecommendationOnLowEvidenceIsAWarningToConfirm() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp).replace("05-manual-therapy.drl", "@strength(\"↑\")",
                "@strength(\"↑↑\")");
        int line = rules.lineOf("05-manual-therapy.drl", "@evidence");

        Linter.Report report = Linter.lint(rules.root());

        assertEquals(0, report.errors(), messages(report).toString());
        assertTrue(messages(report).contains(rules.file("05-manual-therapy.drl") + ":" + line + ":5: warning: FIX-LBP-05 "
                + "(STRONG_FOR ↑↑) is a strong recommendation on LOW evidence; GRADE allows this only in particular "
                + "situations: confirm against the source"), messages(report).toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            file I/O import    | import io.guidelinekb.model.*;  | import java.io.File;                | import java.io.File is not allowed in rules
            network import     | import io.guidelinekb.model.*;  | import java.net.*;                  | import java.net.* is not allowed in rules
            concurrency import | import io.guidelinekb.model.*;  | import java.util.concurrent.*;      | import java.util.concurrent.* is not allowed in rules
            function import    | import io.guidelinekb.model.*;  | import function java.lang.System.exit; | brings in code from outside the rules
            System call        | insert( Recommendation.given( kcontext, $episode ) ); | System.exit( 1 ); | System is not allowed in rules (process and system access)
            Runtime call       | insert( Recommendation.given( kcontext, $episode ) ); | Runtime.getRuntime().exec( "rm" ); | Runtime is not allowed in rules (process and system access)
            thread             | insert( Recommendation.given( kcontext, $episode ) ); | new Thread().start(); | Thread is not allowed in rules (threads)
            reflection         | insert( Recommendation.given( kcontext, $episode ) ); | $episode.getClass().getDeclaredFields(); | getClass is not allowed in rules (reflection)
            class loading      | insert( Recommendation.given( kcontext, $episode ) ); | ClassLoader.getSystemClassLoader(); | ClassLoader is not allowed in rules (class loading)
            qualified name     | insert( Recommendation.given( kcontext, $episode ) ); | java.nio.file.Files.delete( null ); | java.nio.file.Files is from package java.nio.file, which rules may not use
            global             | import io.guidelinekb.model.*;  | import io.guidelinekb.model.*;\\nglobal java.util.List services; | global is not allowed
            """)
    void theSafetyPolicyRefusesCodeThatReachesOutsideTheRules(String kind, String from, String to, String message)
            throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp).replace("04-imaging.drl", from, to.replace("\\n", "\n"));

        Linter.Report report = Linter.lint(rules.root());
        RuleLoadException refused = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules.root()));

        assertTrue(report.errors() > 0, kind);
        RuleProblem first = report.findings().stream().filter(RuleProblem::isError).findFirst().orElseThrow();
        assertEquals(rules.file("04-imaging.drl").toString(), first.file());
        assertTrue(first.line() > 0 && first.column() > 0, first.toString());
        assertTrue(messages(report).stream().anyMatch(m -> m.contains(message)), messages(report) + " lacks " + message);
        assertTrue(refused.getMessage().contains(message), "load applies the same policy: " + refused.getMessage());
    }

    @Test
    void forbiddenWordsInCommentsAndTextAreNotCode() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp)
                .replace("04-imaging.drl", "@en(\"Do not", "// System.exit is only a comment here\n    @en(\"Thread: Do not");
        Linter.Report report = Linter.lint(rules.root());
        assertEquals(0, report.errors(), messages(report).toString());
    }

    @Test
    void aRecommendationThatDoesNotRequireInScopeIsAnError() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp).replace("04-imaging.drl",
                "Scope( status == ScopeStatus.IN_SCOPE, $episode : episode )", "Scope( $episode : episode )");
        int line = rules.lineOf("04-imaging.drl", "rule \"FIX-LBP-04");

        Linter.Report report = Linter.lint(rules.root());

        assertEquals(List.of(rules.file("04-imaging.drl") + ":" + line + ":1: error: FIX-LBP-04 does not require "
                        + "Scope( status == ScopeStatus.IN_SCOPE ): it could recommend for an episode that is out of "
                        + "scope or undetermined"),
                messages(report).stream().filter(m -> m.contains("error")).toList());
    }

    @Test
    void aRecommendationRequiringAnotherStatusCanNeverFireInScope() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp).replace("04-imaging.drl",
                "status == ScopeStatus.IN_SCOPE", "status == ScopeStatus.UNDETERMINED");

        Linter.Report report = Linter.lint(rules.root());

        assertTrue(messages(report).stream().anyMatch(m -> m.contains("error: FIX-LBP-04 can never fire together with "
                + "an in-scope status")), messages(report).toString());
    }

    @Test
    void aRecommendationWhoseConditionsContradictTheScopeIsReportedByTheProbe() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp).replace("07-supervised-exercise.drl",
                "$episode : episode )\n", "$episode : episode )\n    Episode( this == $episode, daysSinceOnset > 100 )\n");

        Linter.Report report = Linter.lint(rules.root());

        assertEquals(0, report.errors(), messages(report).toString());
        assertTrue(messages(report).stream().anyMatch(m -> m.contains("warning: FIX-LBP-07 was given to none of the")
                && m.contains("in-scope probe episodes")), messages(report).toString());
    }

    @Test
    void aSummaryThatDropsTheWordOfItsStrengthIsAWarningAtTheSummary() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp)
                .replace("05-manual-therapy.drl", "@summaryDa(\"Overvej manuel", "@summaryDa(\"Tilbyd manuel")
                .replace("08-paracetamol.drl", "@summaryEn(\"Offer paracetamol only after careful consideration:",
                        "@summaryEn(\"Do not offer paracetamol:");
        int five = rules.lineOf("05-manual-therapy.drl", "@summaryDa");
        int eight = rules.lineOf("08-paracetamol.drl", "@summaryEn");

        Linter.Report report = Linter.lint(rules.root());

        assertTrue(messages(report).stream().anyMatch(m -> m.contains("05-manual-therapy.drl:" + five + ":5: warning: "
                + "FIX-LBP-05: @summaryDa drops \"Overvej\", which the guideline's text uses for its strength (WEAK_FOR ↑)")),
                messages(report).toString());
        assertTrue(messages(report).stream().anyMatch(m -> m.contains("08-paracetamol.drl:" + eight + ":5: warning: "
                + "FIX-LBP-08: @summaryEn drops \"careful consideration\"")), messages(report).toString());
        assertEquals(0, report.errors());
        assertEquals(0, Linter.lint(RulesFolder.LBP).findings().size(), "the shipped summaries keep their words");
    }

    @Test
    void anAlertSummaryOver139CharactersIsAnErrorAndAMissingOneAWarning() throws Exception {
        // 132 characters and the symbols the card adds, " (↓, ⊕).": 140
        String long132 = "x".repeat(132);
        RulesFolder rules = RulesFolder.copyOfLbp(temp)
                .replace("04-imaging.drl", "@summaryEn(\"Do not routinely offer MRI or X-ray for new-onset low back pain.\")",
                        "@summaryEn(\"" + long132 + "\")")
                .replace("07-supervised-exercise.drl",
                        "    @summaryDa(\"Overvej superviseret fysisk træning i tillæg til vanlig behandling.\")\n", "");
        int line = rules.lineOf("04-imaging.drl", "@summaryEn");

        Linter.Report report = Linter.lint(rules.root());

        assertEquals(1, report.errors(), messages(report).toString());
        assertTrue(messages(report).contains(rules.file("04-imaging.drl") + ":" + line + ":5: error: FIX-LBP-04: "
                + "@summaryEn is 140 characters with its symbols; an alert's summary must be at most 139 (CDS Hooks cards want fewer "
                + "than 140)"), messages(report).toString());
        assertTrue(messages(report).stream().anyMatch(m -> m.contains("warning: FIX-LBP-07 has no @summaryDa(…)")),
                messages(report).toString());
    }

    @Test
    void aCarelessJoinCannotMixEpisodesSoLintHasNothingToSay() throws Exception {
        // Each episode is evaluated alone, even in a batch: the join can only ever meet its own episode.
        RulesFolder rules = RulesFolder.copyOfLbp(temp).write("99-careless.drl", RulesFolder.CARELESS_JOIN);

        Linter.Report report = Linter.lint(rules.root());

        assertEquals(0, report.errors(), messages(report).toString());
        assertTrue(messages(report).stream().noneMatch(m -> m.contains("evaluated together")), messages(report).toString());
    }

    @Test
    void rulesThatFireWithoutEndAreAnErrorAtTheRuleNotACrash() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp).write("99-endless.drl",
                RulesFolder.onTheProbesToo(RulesFolder.ENDLESS_FIRING));
        int line = rules.lineOf("99-endless.drl", "rule \"Every alert breeds more\"");

        Linter.Report report = Linter.lint(rules.root());

        assertEquals(1, report.errors(), messages(report).toString());
        assertTrue(messages(report).stream().anyMatch(m -> m.startsWith(rules.file("99-endless.drl") + ":" + line
                + ":1: error: on the probe episodes: rule \"Every alert breeds more\" hit a resource limit")),
                messages(report).toString());
    }

    @Test
    void duplicateIdsAndUnknownTriggersAreErrors() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp)
                .replace("10-nsaid.drl", "@recommendation(\"FIX-LBP-10\")", "@recommendation(\"FIX-LBP-09\")")
                .replace("06-acupuncture.drl", "@concerns(\"ACUPUNCTURE: against\")", "@concerns(\"ACUPUNCTURE: against, CUPPING: against\")");

        Linter.Report report = Linter.lint(rules.root());

        assertEquals(3, report.errors(), messages(report).toString());
        assertTrue(messages(report).stream().anyMatch(m -> m.contains("recommendation FIX-LBP-09 is already given by rule")));
        assertTrue(messages(report).stream().anyMatch(m -> m.matches(".*guideline.yaml:\\d+:3: error: no rule of this "
                + "guideline declares FIX-LBP-10; declared: .*")), "the descriptor's note on 10 has lost its rule");
        assertTrue(messages(report).stream().anyMatch(m -> m.contains("\"CUPPING\", which is not an intervention")));
    }

    @Test
    void aSyntaxErrorIsAFindingNotAnException() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp).replace("04-imaging.drl", "then", "than");
        Linter.Report report = Linter.lint(rules.root());
        assertTrue(report.errors() >= 1, messages(report).toString());
        assertTrue(report.findings().get(0).file().endsWith("04-imaging.drl"), messages(report).toString());
    }

    @Test
    void aRuleThatRelatesFactsOtherThanByIdGivesWhatItGivesAlone() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp).replace("00-scope.drl",
                "Patient( id == $patientId, ageYearsAtMost != null, ageYearsAtMost < 16 )",
                "Patient( ageYearsAtMost != null, ageYearsAtMost < 16 )");

        Linter.Report report = Linter.lint(rules.root());

        assertEquals(0, report.errors(), messages(report).toString());
        assertTrue(messages(report).stream().noneMatch(m -> m.contains("evaluated together")), messages(report).toString());
    }

    @Test
    void metadataThatIsNoKeyIsAnErrorNotSilentlyDropped() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp)
                .replace("07-supervised-exercise.drl", "    @section(", "    @comment(\"Because.\")\n    @section(")
                .replace("05-manual-therapy.drl", "    @section(", "    @Strength(\"↑\")\n    @rationale(\"Why.\")\n    @section(");
        int line = rules.lineOf("07-supervised-exercise.drl", "@comment(");

        Linter.Report report = Linter.lint(rules.root());

        assertEquals(3, report.errors(), messages(report).toString());
        assertTrue(messages(report).stream().anyMatch(m -> m.contains("@rationale is not a metadata key: did you mean "
                + "@rationaleDa?")), messages(report).toString());
        assertTrue(messages(report).stream().anyMatch(m -> m.startsWith(rules.file("07-supervised-exercise.drl") + ":"
                + line + ":") && m.endsWith("@comment is not a metadata key; keys: @"
                + String.join(", @", io.guidelinekb.model.RecommendationDefinition.KEYS))), messages(report).toString());
        assertTrue(messages(report).stream().anyMatch(m -> m.contains("@Strength is not a metadata key (did you mean "
                + "@strength?)")), messages(report).toString());
    }
}
