package io.guidelinekb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed values of this session's inputs: each named with its file or flag, exit 2, no stack trace. */
class NewInputsTest {

    @TempDir
    Path temp;

    private static void refused(CliTest.Run run, String... said) {
        assertEquals(2, run.exitCode(), run.out() + run.err());
        for (String part : said) {
            assertTrue(run.err().contains(part), "«" + part + "» in: " + run.err());
        }
        assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), run.err());
    }

    @Test
    void serveLimitsThatAreNotPositiveAreNamed() {
        refused(CliTest.run("serve", "--port", "0", "--no-auth", "--connections-per-client", "0"),
                "--connections-per-client, --fetch-deadline-ms and --fetching-at-once must be positive (got 0, 3000, 16)");
        refused(CliTest.run("serve", "--port", "0", "--no-auth", "--release", temp.toString(), "--reload"),
                "--release serves the release as it was made; --reload would serve changes to it");
    }

    @Test
    void aShadowReportOfALineThatIsNotJsonNamesTheFileAndLine() throws Exception {
        Path audit = Files.writeString(temp.resolve("audit.jsonl"), "{\"event\":\"call\"}\nnot json\n");
        refused(CliTest.run("shadow-report", audit.toString()), audit + ":2: not a JSON line of an audit log");
        refused(CliTest.run("shadow-report", temp.resolve("missing.jsonl").toString()), "missing.jsonl: cannot read");
    }

    @Test
    void aReleaseWhoseManifestIsNotOneIsNamed() throws Exception {
        Path release = Files.createDirectories(temp.resolve("2026-12-01-abc/rules"));
        Files.writeString(release.getParent().resolve("release.json"), "{\"format\": 2}");
        refused(CliTest.run("serve", "--port", "0", "--no-auth", "--release", release.getParent().toString()),
                "release.json", "is not a release's manifest");
        Files.writeString(release.getParent().resolve("release.json"), "{not json");
        refused(CliTest.run("serve", "--port", "0", "--no-auth", "--release", release.getParent().toString()),
                "release.json", "cannot be read as a release's manifest");
    }

    @Test
    void aDevKeyThatIsNotOneIsNamed() throws Exception {
        Path keys = Files.createDirectories(temp.resolve("keys"));
        Files.writeString(keys.resolve("dev-private-jwk.json"), "{\"kty\":\"nonsense\"}");
        refused(CliTest.run("dev-token", "--url", "http://127.0.0.1:1/cds-services", "--keys", keys.toString()),
                "dev-private-jwk.json is not a private EC key (JWK)");
    }

    @Test
    void aReleaseIntoTheRulesFolderItselfIsRefused() throws Exception {
        refused(CliTest.run("release", "--scenarios", "src/test/resources/fixture/facts/fixture-lbp/boundaries", "--out",
                CliTest.RULES + "/releases"), "--out " + CliTest.RULES + "/releases is inside the rules folder");
    }
}
