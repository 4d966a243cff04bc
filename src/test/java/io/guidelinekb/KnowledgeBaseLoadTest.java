package io.guidelinekb;

import io.guidelinekb.model.RuleLoadException;
import io.guidelinekb.model.RuleProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.model.Episode;
import io.guidelinekb.model.Patient;
import io.guidelinekb.model.ScopeStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeBaseLoadTest {

    @TempDir
    Path temp;

    @Test
    void shippedRulesLoadWithTenRecommendationsInOrder() {
        KnowledgeBase kb = LbpFixture.knowledgeBase();
        assertEquals(List.of("FIX-LBP-01", "FIX-LBP-02", "FIX-LBP-03", "FIX-LBP-04", "FIX-LBP-05", "FIX-LBP-06",
                        "FIX-LBP-07", "FIX-LBP-08", "FIX-LBP-09", "FIX-LBP-10"),
                kb.recommendations().stream().map(r -> r.id()).toList());
        assertTrue(kb.version().matches("sha256:[0-9a-f]{12}"), kb.version());
    }

    @Test
    void aSyntaxErrorIsReportedWithFileLineAndColumn() {
        RulesFolder rules = RulesFolder.copyOfLbp(temp)
                .replace("04-imaging.drl", "    Scope( status == ScopeStatus.IN_SCOPE, $episode : episode )",
                        "    Scope( status == )");
        int line = rules.lineOf("04-imaging.drl", "Scope( status == )");

        RuleLoadException e = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules.root()));

        RuleProblem problem = e.problems().get(0);
        assertEquals(rules.file("04-imaging.drl").toString(), problem.file());
        assertEquals(line, problem.line());
        assertTrue(problem.column() > 0, "column: " + problem);
        assertTrue(problem.isError());
        assertTrue(problem.toString().startsWith(rules.file("04-imaging.drl") + ":" + line + ":" + problem.column()
                + ": error: "), problem.toString());
    }

    @Test
    void anUnknownTypeInAConstraintIsReportedInItsFile() {
        RulesFolder rules = RulesFolder.copyOfLbp(temp)
                .replace("10-nsaid.drl", "Scope( status == ScopeStatus.IN_SCOPE", "Scoop( status == ScopeStatus.IN_SCOPE");

        RuleLoadException e = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules.root()));

        assertTrue(e.problems().stream().anyMatch(p -> p.file().equals(rules.file("10-nsaid.drl").toString())
                && p.isError() && p.message().contains("Scoop")), e.getMessage());
    }

    @Test
    void aStrengthOutsideTheVocabularyNamesTheAnnotationAndWhatIsAllowed() {
        RulesFolder rules = RulesFolder.copyOfLbp(temp)
                .replace("06-acupuncture.drl", "@strength(\"↓\")", "@strength(\"MAYBE\")");
        int line = rules.lineOf("06-acupuncture.drl", "@strength");

        RuleLoadException e = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules.root()));

        assertEquals(1, e.problems().size(), e.getMessage());
        RuleProblem problem = e.problems().get(0);
        assertEquals(rules.file("06-acupuncture.drl").toString(), problem.file());
        assertEquals(line, problem.line());
        assertTrue(problem.message().contains("@strength(\"MAYBE\") is not allowed"), problem.message());
        assertTrue(problem.message().contains("WEAK_AGAINST (↓)"), problem.message());
    }

    @Test
    void aTriggerWithoutADirectionDoesNotLoadAndSaysWhatToWrite() {
        RulesFolder rules = RulesFolder.copyOfLbp(temp)
                .replace("04-imaging.drl", "@concerns(\"MRI: against, XRAY: against\")", "@concerns(\"MRI: against, XRAY\")");
        int line = rules.lineOf("04-imaging.drl", "@concerns");

        RuleLoadException e = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules.root()));

        assertEquals(1, e.problems().size(), e.getMessage());
        RuleProblem problem = e.problems().get(0);
        assertEquals(rules.file("04-imaging.drl").toString(), problem.file());
        assertEquals(line, problem.line());
        assertEquals(5, problem.column(), "the column of @concerns");
        assertTrue(problem.message().contains("@concerns gives XRAY no direction"), problem.message());
        assertTrue(problem.message().contains("write \"XRAY: against\""), problem.message());
        assertTrue(problem.message().contains("or \"XRAY: with\""), problem.message());
    }

    @Test
    void aDirectionOutsideTheVocabularyOrAnInterventionGivenTwiceIsRefused() {
        RulesFolder rules = RulesFolder.copyOfLbp(temp)
                .replace("04-imaging.drl", "@concerns(\"MRI: against, XRAY: against\")",
                        "@concerns(\"MRI: against, XRAY: for, MRI: with\")");

        RuleLoadException e = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules.root()));

        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("@concerns gives XRAY no direction (\"XRAY: for\")"), e.getMessage());
        assertTrue(e.getMessage().contains("@concerns names MRI twice"), e.getMessage());
    }

    @Test
    void aWrongFieldOrConstantNamesWhatExistsWithFileLineAndColumn() {
        RulesFolder rules = RulesFolder.copyOfLbp(temp)
                .replace("00-scope.drl", "ageYearsAtMost != null, ageYearsAtMost < 16 )", "ageYearsAtMost != null, age < 16 )")
                .replace("04-imaging.drl", "status == ScopeStatus.IN_SCOPE", "status == ScopeStatus.INSCOPE");
        int ageLine = rules.lineOf("00-scope.drl", "age < 16");
        int statusLine = rules.lineOf("04-imaging.drl", "ScopeStatus.INSCOPE");

        RuleLoadException e = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules.root()));

        assertEquals(2, e.problems().size(), e.getMessage());
        RuleProblem age = e.problems().stream().filter(p -> p.file().endsWith("00-scope.drl")).findFirst().orElseThrow();
        assertEquals(ageLine, age.line());
        assertTrue(age.column() > 0, age.toString());
        assertTrue(age.message().startsWith("Patient has no field \"age\" (did you mean ageYears?); its fields: id, "
                + "birthDate, ageYears, ageYearsAtLeast, ageYearsAtMost [Drools: Unable to Analyse Expression age < 16"), age.message());
        RuleProblem status = e.problems().stream().filter(p -> p.file().endsWith("04-imaging.drl")).findFirst()
                .orElseThrow();
        assertEquals(statusLine, status.line(), "Drools gave no line; the expression is found");
        assertTrue(status.message().startsWith("ScopeStatus has no constant INSCOPE (did you mean IN_SCOPE?); its "
                + "constants: IN_SCOPE, OUT_OF_SCOPE, UNDETERMINED"), status.message());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "05-manual-therapy.drl|FIX-LBP-05 Consider manual joint mobilisation in addition to usual care",
        "04-imaging.drl|FIX-LBP-04 Do not routinely offer MRI or X-ray"})
    void aCopiedRuleFileIsOneErrorOnTheCopyNamingTheOriginal(String original, String name) throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp);
        rules.write("11-copy.drl", java.nio.file.Files.readString(rules.file(original)));

        RuleLoadException e = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules.root()));

        assertEquals(1, e.problems().size(), e.getMessage());
        RuleProblem problem = e.problems().get(0);
        assertEquals(rules.file("11-copy.drl").toString(), problem.file());
        assertTrue(problem.message().startsWith("rule name \"" + name + "\" is already used at " + rules.file(original)
                + ":"), problem.message());
    }

    @Test
    void aMissingSemicolonInAConsequenceIsPlacedOnItsLine() {
        RulesFolder rules = RulesFolder.copyOfLbp(temp).replace("04-imaging.drl",
                "    insert( Recommendation.given( kcontext, $episode ) );",
                "    String note = \"imaging\"\n    insert( Recommendation.given( kcontext, $episode ) );");
        int line = rules.lineOf("04-imaging.drl", "String note");

        RuleLoadException e = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules.root()));

        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals(line, e.problems().get(0).line());
        assertEquals("    String note = \"imaging\"".length() + 1, e.problems().get(0).column());
        assertTrue(e.problems().get(0).message().startsWith("this statement of the consequence does not end with ';'"),
                e.getMessage());
    }

    @Test
    void misspelledMetadataKeysSayWhatWasMeant() {
        RulesFolder rules = RulesFolder.copyOfLbp(temp)
                .replace("04-imaging.drl", "@strength(", "@strenght(")
                .replace("06-acupuncture.drl", "@concerns(", "@concern(")
                .replace("07-supervised-exercise.drl", "@da(", "@dk(");
        int line = rules.lineOf("04-imaging.drl", "@strenght");

        RuleLoadException e = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules.root()));

        assertEquals(3, e.problems().size(), e.getMessage());
        RuleProblem strength = e.problems().stream().filter(p -> p.file().endsWith("04-imaging.drl")).findFirst()
                .orElseThrow();
        assertEquals(line, strength.line());
        assertTrue(strength.message().contains("@strenght is not a metadata key: did you mean @strength?"),
                strength.message());
        assertTrue(e.getMessage().contains("@concern is not a metadata key: did you mean @concerns?"), e.getMessage());
        assertTrue(e.getMessage().contains("@dk is not a metadata key: did you mean @da?"), e.getMessage());
    }

    @Test
    void missingMetadataIsReportedAtTheRule() {
        RulesFolder rules = RulesFolder.copyOfLbp(temp)
                .replace("07-supervised-exercise.drl", "    @evidence(\"⊕⊕\")\n", "");
        int ruleLine = rules.lineOf("07-supervised-exercise.drl", "rule \"FIX-LBP-07");

        RuleLoadException e = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules.root()));

        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals(ruleLine, e.problems().get(0).line());
        assertTrue(e.problems().get(0).message().contains("missing @evidence"), e.getMessage());
        assertTrue(e.problems().get(0).message().contains("VERY_LOW (⊕)"), e.getMessage());
    }

    @Test
    void anInterventionOutsideTheVocabularyInConcernsIsAnError() {
        RulesFolder rules = RulesFolder.copyOfLbp(temp)
                .replace("04-imaging.drl", "@concerns(\"MRI: against, XRAY: against\")", "@concerns(\"MRI: against, PET: against\")");

        RuleLoadException e = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules.root()));

        assertTrue(e.getMessage().contains("\"PET\", which is not an intervention"), e.getMessage());
    }

    @Test
    void twoRulesGivingTheSameIdAreRefused() {
        RulesFolder rules = RulesFolder.copyOfLbp(temp)
                .replace("10-nsaid.drl", "@recommendation(\"FIX-LBP-10\")", "@recommendation(\"FIX-LBP-09\")");

        RuleLoadException e = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules.root()));

        assertTrue(e.getMessage().contains("recommendation FIX-LBP-09 is already given by rule \"FIX-LBP-09"),
                e.getMessage());
    }

    @Test
    void aPackageThatDoesNotMatchItsFolderIsRefused() {
        RulesFolder rules = RulesFolder.copyOfLbp(temp)
                .replace("05-manual-therapy.drl", "package fixture_lbp;", "package somewhere_else;");

        RuleLoadException e = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules.root()));

        assertEquals(rules.file("05-manual-therapy.drl") + ":1:1: error: package somewhere_else does not match its "
                + "folder; write: package fixture_lbp;", e.getMessage());
    }

    @Test
    void aMissingOrEmptyFolderIsAProblemNotACrash() throws Exception {
        RuleLoadException missing = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(temp.resolve("nope")));
        assertEquals(temp.resolve("nope") + ": error: no such directory", missing.getMessage());

        Path empty = Files.createDirectory(temp.resolve("empty"));
        RuleLoadException none = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(empty));
        assertEquals(empty + ": error: no .drl files in this folder", none.getMessage());
    }

    @Test
    void changingTheAgeThresholdInTheDrlChangesTheOutcomeWithoutJava() throws Exception {
        LocalDate asOf = LocalDate.of(2026, 3, 10);
        Patient seventeen = Patient.aged("p", 17);
        Episode episode = Episode.builder("e", "p", asOf).durationDays(10).finding("LOW_BACK_PAIN", true)
                .finding("RED_FLAGS_SCREENED", true).build();
        assertEquals(ScopeStatus.IN_SCOPE, LbpFixture.knowledgeBase().evaluate(seventeen, episode).status());

        RulesFolder rules = RulesFolder.copyOfLbp(temp)
                .replace("00-scope.drl", "ageYearsAtMost < 16", "ageYearsAtMost < 18");
        KnowledgeBase changed = KnowledgeBase.load(rules.root());

        assertEquals(ScopeStatus.OUT_OF_SCOPE, changed.evaluate(seventeen, episode).status());
        assertNotEquals(LbpFixture.knowledgeBase().version(), changed.version());
    }

    @Test
    void theVersionIsAHashOfTheRulesContent() throws Exception {
        RulesFolder copy = RulesFolder.copyOfLbpAsItIs(temp);
        assertEquals(LbpFixture.knowledgeBase().version(), KnowledgeBase.load(copy.root()).version());
    }

    @Test
    void aRuleNestedTooDeepIsAnAuthorErrorAtItsLineNotAStackOverflow() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp).write("99-deep.drl", "package fixture_lbp;\n"
                + "import io.guidelinekb.model.*;\nrule \"deep\"\nwhen\n    Episode( " + "(".repeat(300)
                + "durationWeeks == 3" + ")".repeat(300) + " )\nthen\nend\n");

        RuleLoadException refused = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules.root()));
        io.guidelinekb.authoring.Linter.Report lint = io.guidelinekb.authoring.Linter.lint(rules.root());

        String expected = rules.file("99-deep.drl") + ":5:53: error: brackets nested more than 40 deep; split the "
                + "condition or the code into several";
        assertEquals(List.of(expected), refused.problems().stream().map(RuleProblem::toString).toList());
        assertTrue(lint.findings().stream().map(RuleProblem::toString).anyMatch(expected::equals),
                lint.findings().toString());
    }

    @Test
    void aDrlLinkToAFileThatIsNoRuleIsRefusedWithoutQuotingIt() throws Exception {
        Path secret = Files.writeString(temp.resolve("secret.txt"), "hunter2 is the password\n");
        RulesFolder rules = RulesFolder.copyOfLbp(temp);
        Files.createSymbolicLink(rules.file("99-link.drl"), secret);

        RuleLoadException refused = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules.root()));

        assertEquals(List.of(rules.file("99-link.drl") + ":1:1: error: does not begin with a package declaration; a rule "
                + "file begins with \"package <name>;\" (its content is not shown, in case it is no rule file)"),
                refused.problems().stream().map(RuleProblem::toString).toList());
        assertTrue(refused.problems().stream().noneMatch(p -> p.message().contains("hunter2")));
    }

    @Test
    void aRulesFolderOrGuidelineFolderReachedThroughALinkLoadsAsTheFolderItself() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp);
        Path linkedRoot = Files.createSymbolicLink(temp.resolve("rules-link"), rules.root());
        Path outer = Files.createDirectories(temp.resolve("outer"));
        Files.createSymbolicLink(outer.resolve(RulesFolder.GUIDELINE), rules.root().resolve(RulesFolder.GUIDELINE));

        KnowledgeBase direct = KnowledgeBase.load(rules.root());

        assertEquals(direct.version(), KnowledgeBase.load(linkedRoot).version());
        assertEquals(direct.version(), KnowledgeBase.load(outer).version());
        assertEquals(direct.rules().size(), KnowledgeBase.load(outer).rules().size());
    }

    @Test
    void whatLintCallsAnErrorInADeclarationIsNeverLoadedNorServedByAReload() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp.resolve("declarations"));
        ReloadingKnowledgeBase serving = ReloadingKnowledgeBase.load(rules.root());
        String before = serving.current().version();
        String tooLong = "Tilbyd ikke rutinemæssigt MR-scanning eller røntgen " + "ved nyopståede lænderygsmerter ".repeat(4)
                .strip() + ".";
        String shown = tooLong.substring(0, tooLong.length() - 1) + " (↓, ⊕).";
        java.nio.file.Path imaging = rules.file("04-imaging.drl");
        String original = Files.readString(imaging);
        Files.writeString(imaging, original.replaceFirst("@summaryDa\\(\"[^\"]*\"\\)", "@summaryDa(\"" + tooLong + "\")"));

        RuleLoadException summary = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules.root()));
        ReloadingKnowledgeBase.Reload reload = serving.reload();

        assertTrue(summary.getMessage().contains("04-imaging.drl") && summary.getMessage().contains("@summaryDa is "
                + shown.codePointCount(0, shown.length()) + " characters"), summary.getMessage());
        assertTrue(!reload.replaced(), "the reload keeps the version in service");
        assertEquals(before, serving.current().version());

        Files.writeString(imaging, original.replace("Scope( status == ScopeStatus.IN_SCOPE, $episode : episode )",
                "Scope( $episode : episode )"));
        RuleLoadException unguarded = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules.root()));
        assertTrue(unguarded.getMessage().contains("does not require Scope( status == ScopeStatus.IN_SCOPE )"),
                unguarded.getMessage());
    }
}
