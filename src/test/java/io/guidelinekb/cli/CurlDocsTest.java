package io.guidelinekb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The curl commands of docs/cds-hooks.md, run as written with bash and curl against a served
 * {@code serve --no-auth}: only the port (the test's own), the scratch folder (the test's own) and
 * curl's {@code -f} (so that an HTTP error fails the run) differ from what a reader types.
 */
@io.guidelinekb.DocsTest
class CurlDocsTest {

    private static final String SECTION = "## Try each hook with curl";

    @TempDir
    Path temp;

    static String block(Path document, String section) throws Exception {
        String text = Files.readString(document);
        int start = text.indexOf("```sh", text.indexOf(section)) + "```sh".length();
        return text.substring(start, text.indexOf("```", start));
    }

    @Test
    void everyCurlOfTheHooksGuideWorksAsWritten() throws Exception {
        String written = block(Path.of("docs/cds-hooks.md"), SECTION);
        Path audit = temp.resolve("audit.log");
        try (OperationsTest.Served served = OperationsTest.serve(temp, "--rules", "rules", "serve", "--no-auth", "--port", "0",
                "--audit", audit.toString())) {
            String port = served.url().substring(served.url().lastIndexOf(':') + 1);
            Path script = Files.writeString(temp.resolve("curl.sh"), written.replace("127.0.0.1:8080", "127.0.0.1:" + port)
                    .replace("/tmp/", temp + "/").replace("curl -s ", "curl -sf "));
            Process run = new ProcessBuilder("bash", "-eo", "pipefail", script.toString())
                    .redirectErrorStream(true).redirectOutput(temp.resolve("out.txt").toFile()).start();
            assertTrue(run.waitFor(60, TimeUnit.SECONDS), "the commands end");
            String out = Files.readString(temp.resolve("out.txt"), StandardCharsets.UTF_8);

            assertEquals(0, run.exitValue(), "every command of docs/cds-hooks.md succeeds as written:\n" + out);
            assertTrue(out.contains("\"hook\":\"order-select\""), "discovery: " + out);
            assertTrue(out.contains("cds_requests_seconds_count{hook=\"order-select\""), "metrics: " + out);
            assertTrue(Files.readString(audit).contains("\"overridden\""), "the feedback reached the audit log");
        }
    }

    @Test
    void theTokenOfTheDeploymentGuideIsAcceptedAsWritten() throws Exception {
        Path document = Path.of("docs/deployment.md");
        String setup = block(document, "To try the service with a token of your own");
        String call = block(document, "and call it from another");
        String launcher = ProcessHandle.current().info().command().orElse("java") + " -cp "
                + System.getProperty("java.class.path") + " " + Main.class.getName();
        String keys = temp.resolve("dev-keys").toString();
        String[] lines = setup.strip().split("\n");
        assertTrue(lines[0].startsWith("bin/guideline-kb dev-token ") && lines[1].startsWith("bin/guideline-kb serve "),
                setup);
        Process keysMade = new ProcessBuilder("bash", "-c", lines[0].replace("bin/guideline-kb", launcher)
                .replace("target/dev-keys", keys)).redirectErrorStream(true)
                .redirectOutput(temp.resolve("token.txt").toFile()).start();
        assertTrue(keysMade.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, keysMade.exitValue(), Files.readString(temp.resolve("token.txt")));
        String[] serve = lines[1].substring("bin/guideline-kb ".length()).replace("target/dev-keys", keys)
                .replace("--port 8080", "--port 0").split(" ");
        try (OperationsTest.Served served = OperationsTest.serve(temp, serve)) {
            String port = served.url().substring(served.url().lastIndexOf(':') + 1);
            // the token is minted for the URL called: the test's port in both
            Path script = Files.writeString(temp.resolve("call.sh"), call.replace("bin/guideline-kb", launcher)
                    .replace("target/dev-keys", keys).replace("127.0.0.1:8080", "127.0.0.1:" + port)
                    .replace("curl -H", "curl -sf -H"));
            Process run = new ProcessBuilder("bash", "-eo", "pipefail", script.toString()).redirectErrorStream(true)
                    .redirectOutput(temp.resolve("call.txt").toFile()).start();
            assertTrue(run.waitFor(60, TimeUnit.SECONDS), "the call ends");
            String out = Files.readString(temp.resolve("call.txt"), StandardCharsets.UTF_8);

            assertEquals(0, run.exitValue(), "the documented call succeeds with its token:\n" + out);
            assertTrue(out.contains("\"services\""), out);
        }
    }
}
