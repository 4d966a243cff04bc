package io.guidelinekb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.RulesFolder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code diff --base} over a scenario that names a word only the changed rules have: a difference, never a crash. */
@io.guidelinekb.IntegrationTest
class DiffNewWordTest {

    @TempDir
    Path temp;

    @Test
    void anEpisodeTheBaseCannotReadIsADifferenceNotAnInternalError() throws Exception {
        RulesFolder changed = RulesFolder.copyOfLbp(temp.resolve("changed"));
        Path vocabulary = changed.file("vocabulary.yaml");
        Files.writeString(vocabulary, Files.readString(vocabulary).replace("  NSAID: {da: NSAID, en: NSAIDs}\n",
                "  NSAID: {da: NSAID, en: NSAIDs}\n  NEWDRUG: {da: nyt lægemiddel, en: new drug}\n"));
        Path scenario = Files.writeString(temp.resolve("new.yaml"), """
                name: a new intervention proposed
                asOf: 2026-03-10
                patient: {id: p1, age: 50}
                episode:
                  id: e1
                  durationWeeks: 3
                  painLocation: [LOW_BACK]
                  redFlagsScreened: true
                  proposedInterventions: [NEWDRUG]
                expect:
                  scope: IN_SCOPE
                """);
        StringWriter out = new StringWriter();

        int code = Main.run(new PrintWriter(out), new PrintWriter(out), "--rules", changed.root().toString(), "diff",
                "--base", RulesFolder.copyOfLbp(temp.resolve("base")).root().toString(), scenario.toString());

        assertEquals(1, code, out.toString());
        assertTrue(out.toString().contains("the base rules cannot evaluate it: NEWDRUG is not an intervention"),
                out.toString());
    }
}
