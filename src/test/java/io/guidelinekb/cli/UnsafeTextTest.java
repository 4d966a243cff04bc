package io.guidelinekb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.model.RuleProblem;
import io.guidelinekb.RulesFolder;
import io.guidelinekb.authoring.Linter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text from rules and from input that would act on whoever reads it: an escape sequence on a
 * terminal, a tag or a {@code javascript:} link in a browser, an id that is markup. Metadata is
 * refused by the loader and {@code lint}, input ids by the FHIR reader, and what a rule writes at
 * run time reaches the terminal escaped.
 */
@io.guidelinekb.IntegrationTest
class UnsafeTextTest {

    private static final String ESC = "\u001b";

    @TempDir
    Path temp;

    @Test
    void metadataWithAControlCharacterATagOrAJavascriptLinkIsAnErrorAtItsAnnotation() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp)
                .replace("04-imaging.drl", "@en(\"Do not routinely", "@en(\"" + ESC + "[2JDo not routinely")
                .replace("05-manual-therapy.drl", "@en(\"", "@en(\"<img src=x onerror=alert(1)> ")
                .replace("06-acupuncture.drl", "@en(\"", "@en(\"see JavaScript:alert(1) ");
        int line04 = rules.lineOf("04-imaging.drl", "@en(");

        Linter.Report lint = Linter.lint(rules.root());

        assertEquals(3, lint.errors(), lint.findings().toString());
        assertTrue(lint.findings().stream().map(RuleProblem::toString).anyMatch(m -> m.startsWith(
                rules.file("04-imaging.drl") + ":" + line04 + ":") && m.endsWith("@en holds the control character "
                + "U+001B; write plain text on one line")), lint.findings().toString());
        assertTrue(lint.findings().stream().anyMatch(p -> p.message().endsWith("@en holds an HTML tag; write plain text "
                + "(cards and reports format it)")), lint.findings().toString());
        assertTrue(lint.findings().stream().anyMatch(p -> p.message().endsWith("@en holds a javascript: link; link to "
                + "the guideline with https only")), lint.findings().toString());
        CliTest.Run load = CliTest.run("--rules", rules.root().toString(), "evaluate",
                "src/test/resources/fixture/facts/fixture-lbp/recommendations/imaging-mri-proposed-triggers-04.yaml");
        assertEquals(2, load.exitCode(), load.err());
        assertFalse(load.err().contains(ESC), "the error itself shows no raw escape");
    }

    @Test
    void anAlertARuleForgesWithAnEscapeSequenceIsRefusedAtItsLineAndNeverReachesTheTerminal() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp).write("99-escape.drl", """
                package fixture_lbp;
                import io.guidelinekb.model.*;
                rule "Alert with an escape sequence"
                when
                    $episode : Episode()
                then
                    insert( new Alert( $episode.id(), "CAUDA_EQUINA", Vocabulary.AlertLevel.CRITICAL, "ESC[2Jryd", "ESC[2Jclear" ) );
                end
                """.replace("ESC", ESC));

        CliTest.Run run = CliTest.run("--rules", rules.root().toString(), "evaluate",
                "src/test/resources/fixture/facts/fixture-lbp/recommendations/imaging-mri-proposed-triggers-04.yaml");

        assertEquals(2, run.exitCode(), run.err());
        assertFalse(run.out().contains(ESC) || run.err().contains(ESC), run.out() + run.err());
        assertTrue(run.err().contains("99-escape.drl:3: error: rule \"Alert with an escape sequence\": an alert is the "
                + "vocabulary's: insert( Alert.of( $episode, \"ID\" ) ), never new Alert(...)"), run.err());
    }

    @Test
    void anAlertTextWithAnEscapeSequenceInTheVocabularyIsALoadErrorAtItsLine() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp);
        Path vocabulary = rules.file("vocabulary.yaml");
        Files.writeString(vocabulary, Files.readString(vocabulary).replace("Akut henvisning:", "ESC[2JAkut henvisning:"
                .replace("ESC", "\\e")));

        CliTest.Run run = CliTest.run("--rules", rules.root().toString(), "evaluate",
                "src/test/resources/fixture/facts/fixture-lbp/recommendations/imaging-mri-proposed-triggers-04.yaml");

        assertEquals(2, run.exitCode(), run.err());
        assertFalse(run.err().contains(ESC), run.err());
        assertTrue(run.err().contains("vocabulary.yaml:" + lineOf(vocabulary, "Akut henvisning") + ":"), run.err());
        assertTrue(run.err().contains("control character U+001B"), run.err());
    }

    private static int lineOf(Path file, String text) throws java.io.IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " is not in " + file);
    }

    @Test
    void aFhirOrderWhoseIdIsNoFhirIdIsRefusedNamingIt() throws Exception {
        String bundle = Files.readString(Path.of("examples/fhir/mri-and-supervised-exercise.bundle.json"))
                .replaceFirst("\"id\": \"mri-1\"", "\"id\": \"mri-1<script>\"");
        Path file = Files.writeString(temp.resolve("bad-id.bundle.json"), bundle);
        assertTrue(bundle.contains("mri-1<script>"), "the example has the order mri-1");

        CliTest.Run run = CliTest.run("evaluate", "--as-of", "2026-03-10", file.toString());

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("ServiceRequest id \"mri-1<script>\" is not a FHIR id (1 to 64 letters, digits, "
                + "- and .)"), run.err());
    }

    @Test
    void anOrderCodedInASystemNoBindingNamesIsNamedNotSilentlyIgnored() throws Exception {
        String bundle = Files.readString(Path.of("examples/fhir/mri-and-supervised-exercise.bundle.json"))
                .replace("\"system\": \"http://loinc.org\", \"code\": \"24968-0\"",
                        "\"system\": \"https://region.example/fhir/CodeSystem/procedures\", \"code\": \"MR-LUMBAR\"");
        Path file = Files.writeString(temp.resolve("sks-mri.bundle.json"), bundle);
        assertTrue(bundle.contains("MR-LUMBAR"));

        CliTest.Run run = CliTest.run("evaluate", "--as-of", "2026-03-10", file.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("orders whose codes no binding names, so the guideline cannot weigh them: "
                + "https://region.example/fhir/CodeSystem/procedures|MR-LUMBAR (bind them in bindings.yaml)"), run.out());
        assertFalse(run.out().contains("against: MRI"), "an unbound MRI order is not an MRI to the rules");
    }
}
