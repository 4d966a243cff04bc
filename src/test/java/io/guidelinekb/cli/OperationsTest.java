package io.guidelinekb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guidelinekb.RulesFolder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operations team needs of {@code serve}: metrics, probes, JSON logs, a configuration file. */
@io.guidelinekb.IntegrationTest
class OperationsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATIENT = "p-68";
    private static final String HOOK_INSTANCE = "5f1c7d2e-9a4b-4c36-8d11-0b6e3f2a9c71";

    @TempDir
    Path temp;

    /** A serve child JVM on a free loopback port; its stdout lines are kept as they come. */
    record Served(Process process, String url, List<String> lines) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    static Served serve(Path temp, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        if (!List.of(arguments).contains("--rules")) {
            command.addAll(List.of("--rules", CliTest.RULES));
        }
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectError(temp.resolve("serve-err.txt").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new CopyOnWriteArrayList<>();
        Pattern url = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+)/cds-services");
        String line;
        while ((line = out.readLine()) != null) {
            lines.add(line);
            Matcher found = url.matcher(line);
            if (found.find()) {
                Thread reader = new Thread(() -> {
                    try {
                        for (String more; (more = out.readLine()) != null; ) {
                            lines.add(more);
                        }
                    } catch (java.io.IOException e) {
                        // the process ended
                    }
                });
                reader.setDaemon(true);
                reader.start();
                return new Served(process, found.group(1), lines);
            }
        }
        throw new AssertionError("serve did not start: " + lines + Files.readString(temp.resolve("serve-err.txt")));
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET whose failure to connect is not yet an answer: null. */
    static HttpResponse<String> getQuietly(String url) {
        try {
            return get(url);
        } catch (Exception e) {
            return null;
        }
    }

    static HttpResponse<String> post(String url, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double sample(String metrics, String name, String... labels) {
        for (String line : metrics.lines().toList()) {
            if (line.startsWith(name + "{") && java.util.Arrays.stream(labels).allMatch(line::contains)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return -1;
    }

    @Test
    void metricsCountRequestsByServiceHookAndStatusWithoutPatientData() throws Exception {
        try (Served served = serve(temp, "serve", "--port", "0", "--no-auth")) {
            String hook = served.url() + "/cds-services/fixture-lbp-order-select";
            assertEquals(200, post(hook, ServeCommandTest.exampleForToday()).statusCode());
            assertEquals(200, post(hook, ServeCommandTest.exampleForToday()).statusCode());
            assertEquals(400, post(hook, "{}").statusCode());
            assertEquals(404, post(served.url() + "/cds-services/" + PATIENT + "-order-select", "{}").statusCode());
            assertEquals(200, get(served.url() + "/cds-services").statusCode());

            HttpResponse<String> scraped = get(served.url() + "/metrics");
            String metrics = scraped.body();

            assertEquals(200, scraped.statusCode());
            assertTrue(scraped.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            String service = "service=\"fixture-lbp-order-select\"";
            assertEquals(2, sample(metrics, "cds_requests_seconds_count", service, "hook=\"order-select\"",
                    "status=\"200\""), metrics);
            assertEquals(1, sample(metrics, "cds_requests_seconds_count", service, "status=\"400\""), metrics);
            assertEquals(1, sample(metrics, "cds_requests_seconds_count", "service=\"other\"", "status=\"404\""),
                    "a path that names no service is counted under other: " + metrics);
            assertTrue(sample(metrics, "cds_requests_seconds_bucket", service, "status=\"200\"", "le=\"") >= 0,
                    "durations as a histogram");
            assertEquals(2, sample(metrics, "cds_cards_total", service, "indicator=\"warning\""), metrics);
            assertEquals(2, sample(metrics, "guideline_kb_evaluations_total", "guideline=\"fixture-lbp\"",
                    "scope=\"IN_SCOPE\""), metrics);
            assertEquals(1, sample(metrics, "guideline_kb_knowledge_base", "version=\"sha256:"), metrics);
            // one pool may hold nothing at the moment of the scrape (a survivor space after a collection)
            assertTrue(metrics.lines().filter(line -> line.startsWith("jvm_memory_used_bytes{"))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum() > 0,
                    "the JVM's basics: " + metrics);
            assertTrue(sample(metrics, "jetty_threads") > 0 || metrics.contains("jetty_threads "), "Jetty's basics");
            assertFalse(metrics.contains(PATIENT), "no patient id in a label");
            assertFalse(metrics.contains(HOOK_INSTANCE), "no hook instance in a label");
            assertFalse(metrics.matches("(?s).*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}.*"),
                    "no card uuid in a label");
        }
    }

    @Test
    void probesSayLiveAlwaysAndReadyOnlyOnceRulesServe() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp);
        String good = Files.readString(rules.file("04-imaging.drl"));
        rules.write("04-imaging.drl", good.replace("then", "then broken("));
        try (Served served = serve(temp, "--rules", rules.root().toString(), "serve", "--port", "0", "--no-auth", "--reload")) {
            assertEquals(200, get(served.url() + "/health/live").statusCode());
            HttpResponse<String> notReady = get(served.url() + "/health/ready");
            assertEquals(503, notReady.statusCode(), notReady.body());
            assertTrue(notReady.body().contains("no version of the rules has loaded yet"), notReady.body());
            assertEquals(503, post(served.url() + "/cds-services/fixture-lbp-order-select",
                    ServeCommandTest.exampleForToday()).statusCode(), "no rules, no cards");

            rules.write("04-imaging.drl", good);
            java.util.concurrent.atomic.AtomicReference<HttpResponse<String>> last = new java.util.concurrent.atomic.AtomicReference<>();
            io.guidelinekb.Waiting.until(java.time.Duration.ofSeconds(30), () -> {
                last.set(getQuietly(served.url() + "/health/ready"));
                return last.get() != null && last.get().statusCode() == 200;
            });
            HttpResponse<String> ready = last.get();
            assertEquals(200, ready.statusCode(), "ready once the rules load: " + served.lines());
            assertEquals("ready", JSON.readTree(ready.body()).path("status").asText());
            assertEquals(200, post(served.url() + "/cds-services/fixture-lbp-order-select",
                    ServeCommandTest.exampleForToday()).statusCode());
            assertEquals(1, sample(get(served.url() + "/metrics").body(), "guideline_kb_reloads_total",
                    "outcome=\"replaced\""));
        }
    }

    @Test
    void jsonLogsAreOneObjectALineWithTheRequestsFieldsAndNoPatientData() throws Exception {
        try (Served served = serve(temp, "serve", "--port", "0", "--no-auth", "--log-format", "json")) {
            assertEquals(200, post(served.url() + "/cds-services/fixture-lbp-order-select",
                    ServeCommandTest.exampleForToday()).statusCode());
            assertEquals(404, get(served.url() + "/nowhere").statusCode());
            io.guidelinekb.Waiting.until(java.time.Duration.ofSeconds(5), () -> served.lines().stream().anyMatch(l ->
                    l.contains("\"message\":\"request\"") && l.contains("\"status\":200"))
                    && served.lines().stream().anyMatch(l -> l.contains("\"status\":404")));
            JsonNode request = null;
            {
                for (String line : served.lines()) {
                    JsonNode parsed = JSON.readTree(line);
                    for (String field : List.of("time", "level", "logger", "message")) {
                        assertTrue(parsed.hasNonNull(field), field + " in " + line);
                    }
                    if (parsed.path("message").asText().equals("request") && parsed.path("status").asInt() == 200) {
                        request = parsed;
                    }
                }
            }
            assertTrue(request != null, "a line for the hook call: " + served.lines());
            assertEquals("fixture-lbp-order-select", request.path("service").asText());
            assertEquals(HOOK_INSTANCE, request.path("hookInstance").asText());
            assertTrue(request.path("durationMs").isNumber());
            assertEquals("INFO", request.path("level").asText());
            assertFalse(String.join("\n", served.lines()).contains(PATIENT), "no patient id in the log");
            assertTrue(served.lines().stream().anyMatch(l -> l.contains("\"status\":404")), "refusals are lines too");
        }
    }

    @Test
    void aConfigurationFileHoldsWhatFlagsHoldAndAFlagWins() throws Exception {
        Path config = temp.resolve("serve.yaml");
        Files.writeString(config, """
                rules: %s
                port: 0
                lang: en
                no-auth: true
                log-format: json
                """.formatted(io.guidelinekb.RulesFolder.LBP.toAbsolutePath()));
        String language;
        try (Served served = serve(temp, "serve", "--config", config.toString())) {
            language = post(served.url() + "/cds-services/fixture-lbp-order-select",
                    ServeCommandTest.exampleForToday()).body();
            assertTrue(JSON.readTree(served.lines().get(0)).hasNonNull("message"), "json logs, from the file");
        }
        String flags;
        try (Served served = serve(temp, "serve", "--port", "0", "--no-auth", "--lang", "en")) {
            flags = post(served.url() + "/cds-services/fixture-lbp-order-select", ServeCommandTest.exampleForToday()).body();
        }
        assertEquals(summaries(flags), summaries(language), "the file and the flags give the same cards");
        assertTrue(summaries(language).get(0).startsWith("Do not routinely"), language);
        try (Served served = serve(temp, "serve", "--config", config.toString(), "--lang", "da")) {
            String danish = post(served.url() + "/cds-services/fixture-lbp-order-select",
                    ServeCommandTest.exampleForToday()).body();
            assertTrue(summaries(danish).get(0).startsWith("Tilbyd ikke"), "the flag wins: " + danish);
        }
    }

    private static List<String> summaries(String answer) throws Exception {
        List<String> summaries = new ArrayList<>();
        JSON.readTree(answer).path("cards").forEach(card -> summaries.add(card.path("summary").asText()));
        return summaries;
    }

    @Test
    void aMalformedConfigurationIsNamedByFileAndKeyWithoutAStackTrace() throws Exception {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("port: eighty\n", ": port: expected a whole number");
        cases.put("port: 0\nno-auth: yes please\n", ": no-auth: expected true or false");
        cases.put("port: 0\nlang: fr\n", ": lang: expected da or en");
        cases.put("port: 0\nlog-format: xml\n", ": log-format: expected text or json");
        cases.put("port: 0\nport: 1\n", ":2: port is given twice");
        cases.put("- port\n", ": expected a map of serve's options");
        cases.put("port: [0\n", ": not YAML");
        int n = 0;
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            Path config = temp.resolve("bad-" + n++ + ".yaml");
            Files.writeString(config, bad.getKey());
            CliTest.Run run = CliTest.run("serve", "--config", config.toString());
            assertEquals(2, run.exitCode(), bad.getKey() + run.err());
            assertTrue(run.err().contains(config + bad.getValue()), bad.getKey() + " → " + run.err());
            assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        }
        CliTest.Run missing = CliTest.run("serve", "--config", temp.resolve("absent.yaml").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains(temp.resolve("absent.yaml") + ": no such file"), missing.err());
        CliTest.Run format = CliTest.run("serve", "--no-auth", "--log-format", "xml");
        assertEquals(2, format.exitCode());
        assertTrue(format.err().contains("--log-format"), format.err());
    }

    @Test
    void anUnknownKeyInTheConfigurationIsNamedWithItsLine() throws Exception {
        Path config = temp.resolve("serve.yaml");
        Files.writeString(config, "port: 0\nno-auth: true\nprot: 8080\n");
        CliTest.Run run = CliTest.run("serve", "--config", config.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(config + ":3: unknown key \"prot\" (did you mean port?)"), run.err());
    }
}
