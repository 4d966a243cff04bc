package io.guidelinekb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.TestGuideline;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code diff --base} says what a change declares as well as what it does to the episodes: a
 * recommendation added, a grade and a text changed, an alert with its words, a new guideline; and
 * exits 0 when nothing differs, 1 when something does. On the test guideline of src/test/resources.
 */
@io.guidelinekb.IntegrationTest
class DiffDeclarationsTest {

    private static final String ALERTS = """
            redFlags:
              CAUDA_EQUINA: {da: cauda equina-syndrom, en: cauda equina syndrome}
            alerts:
              CAUDA_EQUINA: {level: critical, da: "Henvis akut", en: "Refer acutely"}
            """;

    @TempDir
    Path temp;

    private Path scenario() throws Exception {
        Path facts = Files.createDirectories(temp.resolve("facts").resolve(TestGuideline.FOLDER));
        return Files.writeString(facts.resolve("mri.yaml"), """
                name: an MRI for three weeks of low back pain
                asOf: 2026-03-10
                patient: {id: p1, age: 50}
                episode:
                  id: e1
                  durationWeeks: 3
                  findings: {LOW_BACK_PAIN: true}
                  redFlags: [CAUDA_EQUINA]
                  proposedInterventions: [MRI]
                expect:
                  scope: OUT_OF_SCOPE
                """);
    }

    private static int diff(Path changed, Path base, Path scenario, StringWriter out) {
        return Main.run(new PrintWriter(out), new PrintWriter(out), "--rules", changed.toString(), "diff", "--base",
                base.toString(), scenario.toString());
    }

    private static Path withAlerts(Path temp) throws Exception {
        return TestGuideline.copy(temp, "vocabulary.yaml", t -> t + ALERTS);
    }

    @Test
    void sameRulesDifferInNothingAndExitZero() throws Exception {
        StringWriter out = new StringWriter();

        int code = diff(withAlerts(temp.resolve("a")), withAlerts(temp.resolve("b")), scenario(), out);

        assertEquals(0, code, out.toString());
        assertTrue(out.toString().endsWith("no episode differs\n"), out.toString());
    }

    @Test
    void whatAChangeDeclaresIsListedBeforeTheEpisodesAndANewGuidelineToo() throws Exception {
        Path base = withAlerts(temp.resolve("base"));
        Path changed = TestGuideline.copy(temp.resolve("changed"), "vocabulary.yaml", t -> t + ALERTS.replace(
                "Henvis akut", "Henvis akut til rygkirurgisk afdeling"));
        Path rule = changed.resolve(TestGuideline.FOLDER).resolve("01-test-recommendation.drl");
        String test01 = Files.readString(rule);
        Files.writeString(rule, test01.replace("@evidence(\"NONE\")", "@evidence(\"⊕\")\n    @sourceStates(\"√ (⊕)\")"));
        Files.writeString(rule.resolveSibling("02-second.drl"), test01.replace("TEST-01", "TEST-02")
                .replace("A test recommendation", "A second test recommendation"));
        TestGuideline.copyAs(changed, "test-other");
        Path otherFacts = Files.createDirectories(temp.resolve("facts").resolve("test-other"));
        Files.writeString(otherFacts.resolve("other.yaml"), Files.readString(scenario()).replace("redFlags: [CAUDA_EQUINA]\n  ", "")
                .replace("OUT_OF_SCOPE", "IN_SCOPE"));
        StringWriter out = new StringWriter();

        int code = diff(changed, base, temp.resolve("facts"), out);

        String text = out.toString();
        assertEquals(1, code, text);
        assertTrue(text.contains("declarations:\n"), text);
        assertTrue(text.contains("  guideline test-other: new (0.1), with 1 recommendations\n"), text);
        assertTrue(text.contains("  TEST-01 evidence: \"NONE\" → \"VERY_LOW ⊕\"\n"), text);
        assertTrue(text.contains("  TEST-01 summary (en): \"A test recommendation (√).\" → \"A test recommendation (√, ⊕).\"\n"),
                text);
        assertTrue(text.contains("  TEST-02: new, GOOD_PRACTICE √: En testanbefaling uden klinisk indhold.\n"), text);
        assertTrue(text.contains("  alert CAUDA_EQUINA text (da): \"Henvis akut\" → \"Henvis akut til rygkirurgisk "
                + "afdeling\"\n"), text);
        assertTrue(text.contains("(episode e1, test-other, a new guideline)\n  scope: IN_SCOPE, recommendations: "
                + "[TEST-01]"), text);
    }
}
