package io.guidelinekb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.model.RuleLoadException;
import io.guidelinekb.RulesFolder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change reaches patients as a reviewed release: lint's checks and the scenarios refuse it, or it
 * is written whole with its digests, its scenarios' results and its diff against the release before;
 * a release loads only as it was made.
 */
@io.guidelinekb.IntegrationTest
class ReleaseTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private record Run(int code, String out) {
    }

    private static Run release(Path rules, Path out, String date, String scenarios) {
        StringWriter text = new StringWriter();
        int code = Main.run(new PrintWriter(text), new PrintWriter(text), "--rules", rules.toString(), "release",
                "--scenarios", scenarios, "--out", out.toString(), "--date", date);
        return new Run(code, text.toString());
    }

    private static Path only(Path out, String prefix) throws Exception {
        try (Stream<Path> releases = Files.list(out)) {
            return releases.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
        }
    }

    @Test
    void aReleaseIsWrittenWholeLoadsAsMadeAndTheNextOneSaysWhatChanges() throws Exception {
        // as it is, with the source text its guideline.yaml names: the release carries it and loads with it
        RulesFolder rules = RulesFolder.copyOfLbpAsItIs(temp.resolve("work"));
        Path out = temp.resolve("releases");
        String scenarios = "src/test/resources/fixture/facts/fixture-lbp/boundaries";

        Run first = release(rules.root(), out, "2026-12-01", scenarios);
        assertEquals(0, first.code(), first.out());
        Path one = only(out, "2026-12-01-");
        JsonNode manifest = JSON.readTree(one.resolve("release.json").toFile());
        KnowledgeBase loaded = KnowledgeBase.loadRelease(one);
        assertEquals(manifest.get("knowledgeBaseVersion").asText(), loaded.version());
        assertEquals("1.0", manifest.at("/guidelines/0/version").asText());
        assertEquals(14, manifest.at("/scenarios/passed").asInt());
        assertTrue(manifest.get("files").has("fixture-lbp/00-scope.drl"), manifest.toString());
        assertTrue(manifest.get("files").has("fixture-lbp/quick-guide.da.txt"), manifest.toString());
        assertTrue(Files.readString(one.resolve("diff.txt")).startsWith("the first release"));

        rules.replace("00-scope.drl", "ageYearsAtMost < 16 )", "ageYearsAtMost < 18 )");
        Run refused = release(rules.root(), out, "2026-12-02", scenarios);
        assertEquals(1, refused.code(), "the boundary scenarios fail with 18: " + refused.out());
        assertTrue(refused.out().contains("release refused: ") && refused.out().contains("scenarios failed"), refused.out());

        Run second = release(rules.root(), out, "2026-12-02", "src/test/resources/fixture/facts/fixture-lbp/recommendations");
        assertEquals(0, second.code(), second.out());
        Path two = only(out, "2026-12-02-");
        assertEquals(one.getFileName().toString(), JSON.readTree(two.resolve("release.json").toFile()).get("previous").asText());
        assertTrue(Files.readString(two.resolve("diff.txt")).startsWith("diff " + one.resolve("rules")),
                Files.readString(two.resolve("diff.txt")));
    }

    @Test
    void aReleaseThatIsNotAsItWasMadeDoesNotLoadAndSaysWhichFile() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp.resolve("work"));
        Path out = temp.resolve("releases");
        assertEquals(0, release(rules.root(), out, "2026-12-01", "src/test/resources/fixture/facts/fixture-lbp/boundaries").code());
        Path one = only(out, "2026-12-01-");
        Path imaging = one.resolve("rules/fixture-lbp/04-imaging.drl");
        String original = Files.readString(imaging);

        Files.writeString(imaging, original.replace("@evidence(\"⊕\")", "@evidence(\"⊕⊕⊕⊕\")"));
        RuleLoadException changed = assertThrows(RuleLoadException.class, () -> KnowledgeBase.loadRelease(one));
        Files.writeString(imaging, original);
        Files.writeString(one.resolve("rules/fixture-lbp/99-added.drl"), "package fixture_lbp;\n");
        RuleLoadException added = assertThrows(RuleLoadException.class, () -> KnowledgeBase.loadRelease(one));

        assertTrue(changed.getMessage().contains("04-imaging.drl") && changed.getMessage().contains("is not the file that "
                + "was released"), changed.getMessage());
        assertTrue(added.getMessage().contains("99-added.drl") && added.getMessage().contains("is not in the release's "
                + "manifest"), added.getMessage());
    }

    @Test
    void rulesThatLintRefusesAreNeverReleased() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp.resolve("work"))
                .replace("04-imaging.drl", "Scope( status == ScopeStatus.IN_SCOPE, $episode : episode )",
                        "Scope( $episode : episode )");
        Path out = temp.resolve("releases");

        Run refused = release(rules.root(), out, "2026-12-01", "src/test/resources/fixture/facts/fixture-lbp/boundaries");

        assertEquals(1, refused.code(), refused.out());
        assertTrue(refused.out().contains("release refused: lint found"), refused.out());
        assertFalse(Files.exists(out) && Files.list(out).findAny().isPresent(), "nothing written");
    }

    @Test
    void serveTakesARelease() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp.resolve("work"));
        Path out = temp.resolve("releases");
        assertEquals(0, release(rules.root(), out, "2026-12-01", "src/test/resources/fixture/facts/fixture-lbp/boundaries").code());
        Path one = only(out, "2026-12-01-");
        Files.writeString(one.resolve("rules/fixture-lbp/99-added.drl"), "package fixture_lbp;\n");

        CliTest.Run run = CliTest.run("serve", "--port", "0", "--no-auth", "--release", one.toString());

        assertEquals(2, run.exitCode(), "a release that is not as it was made is not served: " + run.err());
        assertTrue(run.err().contains("99-added.drl"), run.err());
    }
}
