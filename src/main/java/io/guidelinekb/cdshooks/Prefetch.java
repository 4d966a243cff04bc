package io.guidelinekb.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Prefetch first; what is missing is fetched from the request's {@code fhirServer} only when that
 * server is on the allow-list (no other outbound call: a request cannot make the service reach an
 * address of its choosing), with the request's access token and a short timeout.
 */
final class Prefetch {

    /** The patient's data cannot be had: the service answers 412, as CDS Hooks says. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final List<String> allowed;

    Prefetch(List<String> allowed) {
        this.allowed = allowed;
    }

    /** The request with its prefetch complete: patient, conditions, observations. */
    ObjectNode complete(ObjectNode request, String patientId) throws Unavailable {
        ObjectNode prefetch = request.has("prefetch") && request.get("prefetch").isObject()
                ? (ObjectNode) request.get("prefetch") : request.putObject("prefetch");
        if (hasPatient(prefetch, patientId)) {
            return request;
        }
        String server = request.path("fhirServer").asText(null);
        if (server == null) {
            throw new Unavailable("the patient is not in prefetch and there is no fhirServer");
        }
        String base = ServiceOptions.withoutSlash(server);
        if (!allowed.contains(base)) {
            throw new Unavailable("the patient is not in prefetch and fhirServer is not on the allow-list");
        }
        String token = request.path("fhirAuthorization").path("access_token").asText(null);
        String id = URLEncoder.encode(patientId, StandardCharsets.UTF_8);
        for (Map.Entry<String, String> query : Map.of("patient", "Patient/" + id,
                "conditions", "Condition?patient=" + id, "observations", "Observation?patient=" + id).entrySet()) {
            if (!prefetch.hasNonNull(query.getKey())) {
                prefetch.set(query.getKey(), get(base + "/" + query.getValue(), token));
            }
        }
        return request;
    }

    private static boolean hasPatient(JsonNode prefetch, String patientId) {
        for (JsonNode value : prefetch) {
            if ("Patient".equals(value.path("resourceType").asText()) && patientId.equals(value.path("id").asText())) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode get(String url, String token) throws Unavailable {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Accept", "application/fhir+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new Unavailable("the FHIR server answered " + response.statusCode());
            }
            return Cards.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new Unavailable("the FHIR server cannot be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
    }
}
