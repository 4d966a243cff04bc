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
        assertTrue(mounts.get("/rules").path("readOnly").asBoolean(), "the rules read-only, where the entry point reads them");
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

    @Test
    void theEntryPointStartsHereAnswersTheManifestsProbesAndAHookWithASignedToken() throws Exception {
        Path jwks = temp.resolve("jwks.json");
        Files.writeString(jwks, TokenVerifierTest.resource("spec-example-jwks.json"));
        Path config = temp.resolve("serve.yaml");
        // the image's configuration, on loopback and a free port, trusting the specification's example issuer
        Files.writeString(config, Files.readString(DEPLOY.resolve("serve.yaml"))
                .replace("host: 0.0.0.0", "host: 127.0.0.1").replace("port: 8080", "port: 0")
                .replaceAll("(?m)^public-url:.*$", "")
                .replaceAll("(?m)^  - https://ehr.hospital.example/=.*$", "  - " + TokenVerifierTest.ISSUER + "=" + jwks));
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
                case "/rules" -> command.add(Path.of("rules").toAbsolutePath().toString());
                case "/etc/guideline-kb/serve.yaml" -> command.add(config.toString());
                default -> command.add(part);
            }
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(temp.resolve("err.txt").toFile());
        builder.environment().put("XDG_CACHE_HOME", temp.resolve("cache").toString());
        Process process = builder.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String url = null;
            for (String line; url == null && (line = out.readLine()) != null; ) {
                JsonNode parsed = JSON.readTree(line);    // the image logs JSON
                url = parsed.hasNonNull("url") ? parsed.get("url").asText().replace("/cds-services", "") : null;
            }
            assertTrue(url != null, "started: " + Files.readString(temp.resolve("err.txt")));
            JsonNode container = kind("Deployment").path("spec").path("template").path("spec").path("containers").get(0);
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                String path = container.path(probe).path("httpGet").path("path").asText();
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, answer.statusCode(), probe + " " + path + ": " + answer.body());
            }
            String hook = url + "/cds-services/nkr-lbp-2016-order-select";
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
}
