package io.guidelinekb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guidelinekb.RulesFolder;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} as a new user runs it: a child JVM, on a loopback port, stopped with SIGTERM. */
@io.guidelinekb.IntegrationTest
class ServeCommandTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    /** The example order-select request, dated so that its pain began three weeks before today. */
    static String exampleForToday() throws Exception {
        try (InputStream in = ServeCommandTest.class.getResourceAsStream("/cds-hooks/order-select-lumbar-mri.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("2026-02-17", LocalDate.now().minusDays(21).toString())
                    .replace("2026-03-09", LocalDate.now().toString());
        }
    }

    private record Served(Process process, String url, BufferedReader out) {
    }

    private Served serve(String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "serve", "--port", "0"));
        if (!List.of(options).contains("--rules")) {
            command.addAll(List.of("--rules", CliTest.RULES));
        }
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectError(temp.resolve("err.txt").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("serve: http://127.0.0.1:")) {
                return new Served(process, line.substring("serve: ".length(), line.indexOf("/cds-services")), out);
            }
        }
        throw new AssertionError("serve did not start: " + Files.readString(temp.resolve("err.txt")));
    }

    @Test
    void aNewUsersMriRequestGetsOneDanishWarningAndExerciseNoneThenSigtermStopsIt() throws Exception {
        Path audit = temp.resolve("audit.jsonl");
        Served served = serve("--no-auth", "--audit", audit.toString());
        try {
            HttpResponse<String> mri = HTTP.send(HttpRequest.newBuilder(URI.create(served.url()
                    + "/cds-services/fixture-lbp-order-select")).POST(HttpRequest.BodyPublishers.ofString(
                    exampleForToday())).build(), HttpResponse.BodyHandlers.ofString());
            String exercise = exampleForToday().replace("\"system\": \"http://loinc.org\", \"code\": \"24968-0\"",
                    "\"system\": \"http://snomed.info/sct\", \"code\": \"229065009\"");
            HttpResponse<String> follows = HTTP.send(HttpRequest.newBuilder(URI.create(served.url()
                    + "/cds-services/fixture-lbp-order-select")).POST(HttpRequest.BodyPublishers.ofString(exercise))
                    .build(), HttpResponse.BodyHandlers.ofString());

            JsonNode cards = new ObjectMapper().readTree(mri.body()).get("cards");
            assertEquals(1, cards.size(), mri.body());
            assertEquals("FIX-LBP-04", cards.get(0).at("/source/topic/code").asText());
            assertTrue(cards.get(0).get("summary").asText().startsWith("Tilbyd ikke rutinemæssigt MR-scanning"));
            assertEquals("ServiceRequest/mri-1", cards.get(0).at("/suggestions/0/actions/0/resourceId").asText());
            assertEquals(0, new ObjectMapper().readTree(follows.body()).get("cards").size(), follows.body());
            assertTrue(Files.readString(temp.resolve("err.txt")).contains("WARNING: --no-auth"));
        } finally {
            served.process().destroy();
        }
        assertTrue(served.process().waitFor(30, TimeUnit.SECONDS), "SIGTERM stops it");
        assertEquals(2, Files.readAllLines(audit).size(), "both calls are in the audit log");
    }

    @Test
    void anAuthenticatedServiceAnswersAWrongToken401() throws Exception {
        Path jwks = temp.resolve("jwks.json");
        try (InputStream in = ServeCommandTest.class.getResourceAsStream("/cds-hooks/spec-example-jwks.json")) {
            Files.write(jwks, in.readAllBytes());
        }
        Served served = serve("--trust", "https://fhir-ehr.example.com/=" + jwks);
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(served.url()
                    + "/cds-services/fixture-lbp-order-select")).header("Authorization", "Bearer wrong.token.here")
                    .POST(HttpRequest.BodyPublishers.ofString(exampleForToday())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, response.statusCode());
        } finally {
            served.process().destroy();
            served.process().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void withoutTrustOrNoAuthItRefusesToStart() {
        CliTest.Run run = CliTest.run("serve", "--port", "0");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("serve: no trusted client; give --trust ISSUER=JWKS-FILE"), run.err());
    }

    @Test
    void aJwksUrlThatCannotBeFetchedStopsTheStartAndOneOverPlainHttpIsRefused() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();     // nothing listens there once closed
        }
        CliTest.Run unreachable = CliTest.run("serve", "--port", "0", "--trust",
                "https://ehr.example/=http://127.0.0.1:" + closed + "/jwks.json");
        assertEquals(2, unreachable.exitCode());
        assertTrue(unreachable.err().startsWith("--trust https://ehr.example/=http://127.0.0.1:" + closed
                + "/jwks.json: http://127.0.0.1:" + closed + "/jwks.json: cannot fetch its JWK Set"), unreachable.err());

        CliTest.Run plain = CliTest.run("serve", "--port", "0", "--trust", "https://ehr.example/=http://ehr.example/jwks.json");
        assertEquals(2, plain.exitCode());
        assertTrue(plain.err().contains("a JWK Set is fetched over https only (http only on loopback)"), plain.err());
    }

    /** The next line of serve's output that starts with {@code prefix}, within a minute. */
    private static String lineStartingWith(Served served, String prefix) throws Exception {
        CompletableFuture<String> found = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = served.out().readLine()) != null) {
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                }
                return null;
            } catch (java.io.IOException e) {
                return null;
            }
        });
        return found.get(60, TimeUnit.SECONDS);
    }

    @Test
    void aScanThatFailsAndARuleThatOverflowsTheParserLeaveTheOldRulesServing() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp.resolve("copy"));
        Served served = serve("--no-auth", "--reload", "--rules", rules.root().toString());
        try {
            // a loop of links makes every scan fail, as a file vanishing mid-scan does: serve waits it out
            Path loop = Files.createSymbolicLink(rules.file("loop"), rules.root());
            assertTrue(lineStartingWith(served, "serve: the rules folder could not be scanned") != null);
            assertTrue(served.process().isAlive(), "serve survives a scan that fails");
            HttpResponse<String> during = HTTP.send(HttpRequest.newBuilder(URI.create(served.url() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, during.statusCode(), during.body());
            Files.delete(loop);

            rules.write("99-deep.drl", "package fixture_lbp;\nimport io.guidelinekb.model.*;\nrule \"deep\"\nwhen\n"
                    + "    Episode( " + "(".repeat(300) + "durationWeeks == 3" + ")".repeat(300) + " )\nthen\nend\n");
            assertTrue(lineStartingWith(served, "serve: the changed rules do not serve") != null);
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(served.url() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
            assertTrue(served.process().isAlive());
            HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create(served.url() + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ready.statusCode(), "the version before keeps serving: " + ready.body());
            assertTrue(ready.body().contains("\"refusedChange\"") && ready.body().contains("99-deep.drl"),
                    "and the refused change is shown with its reasons: " + ready.body());
        } finally {
            served.process().destroy();
            served.process().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aReleaseIsServedAsItWasMade() throws Exception {
        java.io.StringWriter text = new java.io.StringWriter();
        int made = Main.run(new java.io.PrintWriter(text), new java.io.PrintWriter(text), "--rules", CliTest.RULES, "release", "--scenarios",
                "src/test/resources/fixture/facts/fixture-lbp/boundaries", "--out", temp.resolve("releases").toString(), "--date", "2026-12-01");
        assertEquals(0, made, text.toString());
        Path release;
        try (var releases = Files.list(temp.resolve("releases"))) {
            release = releases.filter(p -> !p.getFileName().toString().startsWith(".")).findFirst().orElseThrow();
        }
        String version = "sha256:" + release.getFileName().toString().substring("2026-12-01-".length());

        Served served = serve("--no-auth", "--release", release.toString());
        try {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(served.url() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(health.body().contains(version), health.body());
        } finally {
            served.process().destroy();
            served.process().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPinnedServiceWhoseRulesDoNotLoadSaysWhyAndStops() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp.resolve("broken"));
        rules.write("99-broken.drl", "package fixture_lbp;\nrule \"broken\"\nwhen\n    Nothing(\nthen\nend\n");

        CliTest.Run run = CliTest.run("--rules", rules.root().toString(), "serve", "--port", "0", "--no-auth");

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("99-broken.drl") && run.err().contains("nothing to serve (--reload waits for a change "
                + "that loads)"), run.err());
    }

    @Test
    void theReadmesServeCommandStartsAsWrittenAndWantsATokenForTheServices() throws Exception {
        String line = Files.readAllLines(Path.of("README.md")).stream()
                .filter(l -> l.startsWith("bin/guideline-kb serve ")).findFirst().orElseThrow();
        List<String> args = new ArrayList<>(List.of(line.substring("bin/guideline-kb serve ".length()).split("\\s+")));
        args.set(args.indexOf("--port") + 1, "0");     // any free port, for a test
        Served served = serve(args.subList(args.indexOf("--port") + 2, args.size()).toArray(String[]::new));
        try {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(served.url() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> discovery = HTTP.send(HttpRequest.newBuilder(URI.create(served.url()
                    + "/cds-services")).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, health.statusCode(), health.body());
            assertEquals(401, discovery.statusCode(), "no token, no services");
        } finally {
            served.process().destroy();
            served.process().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
