package io.guidelinekb.cdshooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment files as far as this machine allows (no container engine runs here): the image's
 * entry point is started with its exact options and arguments, its paths mapped to this checkout, and
 * the probes the Kubernetes manifest names are asked of it, as is a hook with a signed token.
 */
@io.guidelinekb.IntegrationTest
class DeploymentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path DEPLOY = Path.of("deploy");

    @TempDir
    Path temp;

    private static List<String> entryPoint() throws Exception {
        String line = Files.readAllLines(DEPLOY.resolve("Dockerfile")).stream().filter(l -> l.startsWith("ENTRYPOINT "))
                .findFirst().orElseThrow();
        List<String> command = new ArrayList<>();
        JSON.readTree(line.substring("ENTRYPOINT ".length())).forEach(part -> command.add(part.asText()));
        return command;
    }

    private static List<JsonNode> manifests() throws Exception {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(DEPLOY.resolve("kubernetes.yaml").toFile())) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
        }
        return documents;
    }

    private static JsonNode kind(String kind) throws Exception {
        return manifests().stream().filter(d -> d.path("kind").asText().equals(kind)).findFirst().orElseThrow();
    }

    @Test
    void theImageBuildsWithMavenAndRunsOnAJre17AsANonRootUser() throws Exception {
        String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
        assertTrue(dockerfile.contains("FROM maven:3.9-eclipse-temurin-17 AS build"), "built with Maven");
        assertTrue(dockerfile.contains("FROM eclipse-temurin:17-jre\n"), "run on a JRE 17");
        assertTrue(dockerfile.contains("\nUSER 10001:10001\n"), "as a user that is not root");
        List<String> command = entryPoint();
        assertEquals(List.of("--rules", "/rules", "serve", "--config", "/etc/guideline-kb/serve.yaml"),
                command.subList(command.size() - 5, command.size()), "rules and configuration are mounted");
    }

    @Test
    void theManifestRunsReplicasReadOnlyWithBothProbesAndTheMountsTheEntryPointReads() throws Exception {
        JsonNode deployment = kind("Deployment");
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        assertTrue(deployment.path("spec").path("replicas").asInt() > 1, "several replicas: the service keeps no state");
        assertEquals(true, container.path("securityContext").path("readOnlyRootFilesystem").asBoolean());
        assertEquals(true, pod.path("securityContext").path("runAsNonRoot").asBoolean());
        assertTrue(container.path("resources").path("limits").has("memory"));
        assertTrue(container.path("resources").path("requests").has("cpu"));
        assertEquals("/health/live", container.path("livenessProbe").path("httpGet").path("path").asText());
        assertEquals("/health/ready", container.path("readinessProbe").path("httpGet").path("path").asText());
        Map<String, JsonNode> mounts = new java.util.HashMap<>();
        container.path("volumeMounts").forEach(m -> mounts.put(m.path("mountPath").asText(), m));
        List<String> ruleMounts = mounts.keySet().stream().filter(m -> m.startsWith("/rules/")).toList();
        assertTrue(!ruleMounts.isEmpty(), "each guideline folder a mount under /rules, where the entry point reads them");
        ruleMounts.forEach(m -> assertTrue(mounts.get(m).path("readOnly").asBoolean(), m + " read-only"));
        assertTrue(mounts.containsKey("/etc/guideline-kb"), "the configuration where --config reads it");
        assertTrue(mounts.containsKey("/cache"), "a writable cache under the read-only root");
        assertEquals("guideline-kb", kind("Service").path("spec").path("selector").path("app").asText());
        assertEquals(YAML.readTree(DEPLOY.resolve("serve.yaml").toFile()),
                YAML.readTree(kind("ConfigMap").path("data").path("serve.yaml").asText()),
                "the ConfigMap holds deploy/serve.yaml");
        String unit = Files.readString(DEPLOY.resolve("guideline-kb.service"));
        List<String> command = entryPoint();
        String options = String.join(" ", command.subList(1, command.indexOf("-jar")));
        assertTrue(unit.contains("ExecStart=/usr/bin/java " + options + " -jar "), "systemd runs the image's JVM options");
        assertTrue(unit.contains(" serve --config /etc/guideline-kb/serve.yaml"));
    }

    /**
     * The rules as Kubernetes mounts a ConfigMap at each of the manifest's {@code /rules/<guideline>}:
     * the files in a timestamped folder, {@code ..data} linked to it, and one link per file through
     * {@code ..data}. Returns the folder that stands for {@code /rules}.
     */
    private Path kubernetesLayout(String stamp) throws Exception {
        Path rules = temp.resolve("rules");
        try (var folders = Files.list(io.guidelinekb.RulesFolder.LBP)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                Path mount = rules.resolve(folder.getFileName().toString());
                Path timestamped = mount.resolve("..2026_12_06_10_00_00." + stamp);
                Files.createDirectories(timestamped);
                try (var files = Files.list(folder)) {
                    for (Path file : files.toList()) {
                        Files.copy(file, timestamped.resolve(file.getFileName().toString()));
                        Path link = mount.resolve(file.getFileName().toString());
                        if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                            Files.createSymbolicLink(link, Path.of("..data", file.getFileName().toString()));
                        }
                    }
                }
                // Kubernetes' atomic swap: a new link, renamed over ..data
                Path next = mount.resolve("..data_tmp");
                Files.createSymbolicLink(next, timestamped.getFileName());
                Files.move(next, mount.resolve("..data"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return rules;
    }

    /** The image's entry point, started here: its JVM, its arguments, its paths mapped to this machine. */
    private record Started(Process process, String url, BufferedReader out) {
    }

    private Started start(Path rules, String... moreConfiguration) throws Exception {
        Path jwks = temp.resolve("jwks.json");
        Files.writeString(jwks, TokenVerifierTest.resource("spec-example-jwks.json"));
        Path config = temp.resolve("serve.yaml");
        // the image's configuration, on loopback and a free port, trusting the specification's example issuer
        Files.writeString(config, Files.readString(DEPLOY.resolve("serve.yaml"))
                .replace("host: 0.0.0.0", "host: 127.0.0.1").replace("port: 8080", "port: 0")
                .replaceAll("(?m)^public-url:.*$", "")
                .replaceAll("(?m)^  - https://ehr.hospital.example/=.*$", "  - " + TokenVerifierTest.ISSUER + "=" + jwks)
                + String.join("", java.util.Arrays.stream(moreConfiguration).map(line -> line + "\n").toList()));
        List<String> command = new ArrayList<>();
        List<String> image = entryPoint();
        for (int i = 0; i < image.size(); i++) {
            String part = image.get(i);
            switch (part) {
                case "java" -> command.add(ProcessHandle.current().info().command().orElse("java"));
                case "-jar" -> {
                    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.guidelinekb.cli.Main"));
                    i++;   // the image's jar: this checkout's classes
                }
                case "/rules" -> command.add(rules.toString());
                case "/etc/guideline-kb/serve.yaml" -> command.add(config.toString());
                default -> command.add(part);
            }
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(temp.resolve("err.txt").toFile());
        builder.environment().put("XDG_CACHE_HOME", temp.resolve("cache").toString());
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String url = null;
        for (String line; url == null && (line = out.readLine()) != null; ) {
            JsonNode parsed = JSON.readTree(line);    // the image logs JSON
            url = parsed.hasNonNull("url") ? parsed.get("url").asText().replace("/cds-services", "") : null;
        }
        assertTrue(url != null, "started: " + Files.readString(temp.resolve("err.txt")));
        return new Started(process, url, out);
    }

    @Test
    void theEntryPointStartsHereAnswersTheManifestsProbesAndAHookWithASignedToken() throws Exception {
        Started started = start(kubernetesLayout("000000001"));
        Process process = started.process();
        String url = started.url();
        try {
            JsonNode container = kind("Deployment").path("spec").path("template").path("spec").path("containers").get(0);
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                String path = container.path(probe).path("httpGet").path("path").asText();
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, answer.statusCode(), probe + " " + path + ": " + answer.body());
            }
            String hook = url + "/cds-services/fixture-lbp-order-select";
            String token = TokenVerifierTest.token(hook, Instant.now(), Instant.now().plusSeconds(240), UUID.randomUUID().toString());
            String request;
            try (var in = DeploymentTest.class.getResourceAsStream("/cds-hooks/order-select-lumbar-mri.json")) {
                request = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .replace("2026-02-17", LocalDate.now().minusDays(21).toString())
                        .replace("2026-03-09", LocalDate.now().toString());
            }
            HttpResponse<String> cards = HTTP.send(HttpRequest.newBuilder(URI.create(hook))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(request)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, cards.statusCode(), cards.body());
            assertEquals("warning", JSON.readTree(cards.body()).path("cards").get(0).path("indicator").asText());
            String metricsPath = kind("Deployment").path("spec").path("template").path("metadata").path("annotations")
                    .path("prometheus.io/path").asText();
            assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(url + metricsPath)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), "the scrape the manifest announces");
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void anAtomicSwapOfKubernetesDataIsOneChangeServedOnce() throws Exception {
        Path rules = kubernetesLayout("000000001");
        // a staging service that takes changes as they come (a pinned one, as the image runs, would not)
        Started started = start(rules, "reload: true");
        try {
            String before = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(started.url() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).get("knowledgeBaseVersion").asText();
            // a new ConfigMap version: Kubernetes writes a new timestamped folder and renames ..data over the old link
            try (var mounts = Files.list(rules)) {
                for (Path mount : mounts.toList()) {
                    Path next = mount.resolve("..2026_12_06_11_00_00.000000002");
                    Files.createDirectories(next);
                    try (var files = Files.list(mount.resolve("..data"))) {
                        for (Path file : files.toList()) {
                            Files.writeString(next.resolve(file.getFileName().toString()), Files.readString(file)
                                    + (file.toString().endsWith(".drl") ? "\n// edited\n" : "\n# edited\n"));
                        }
                    }
                    Path link = mount.resolve("..data_tmp");
                    Files.createSymbolicLink(link, next.getFileName());
                    Files.move(link, mount.resolve("..data"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            // the service says what it did, one JSON line each: wait for the reload, bounded by the watchdog
            ScheduledKill watchdog = new ScheduledKill(started.process(), 60);
            JsonNode reloaded = null;
            for (String line; reloaded == null && (line = started.out().readLine()) != null; ) {
                JsonNode parsed = JSON.readTree(line);
                if (parsed.path("message").asText().contains("rules reloaded")
                        || parsed.path("message").asText().contains("do not serve")) {
                    reloaded = parsed;
                }
            }
            watchdog.cancel();
            assertTrue(reloaded != null && reloaded.path("message").asText().contains("rules reloaded"), String.valueOf(reloaded));
            String after = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(started.url() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).get("knowledgeBaseVersion").asText();
            assertTrue(!after.equals(before), before + " → " + after);
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(started.url() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("guideline_kb_reloads_total{outcome=\"replaced\"} 1.0"), metrics.lines()
                    .filter(l -> l.contains("reloads")).toList().toString());
        } finally {
            started.process().destroy();
            started.process().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Ends a process that has not said what a test waits for within its time, so that a read returns. */
    private static final class ScheduledKill {
        private final java.util.concurrent.ScheduledFuture<?> kill;

        ScheduledKill(Process process, int seconds) {
            kill = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "watchdog");
                thread.setDaemon(true);
                return thread;
            }).schedule(process::destroyForcibly, seconds, TimeUnit.SECONDS);
        }

        void cancel() {
            kill.cancel(false);
        }
    }
}
