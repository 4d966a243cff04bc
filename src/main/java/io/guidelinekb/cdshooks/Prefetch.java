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
 * address of its choosing), with the request's access token. Each fetch is bounded as a whole (5 s
 * to its last byte, 8 MiB), and an answer counts only when it is what was asked for: the patient's
 * own Patient, or a Bundle.
 */
final class Prefetch {

    /** The patient's data cannot be had: the service answers 412, as CDS Hooks says. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    /** The request is wrong: the service answers 400. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Duration WHOLE_FETCH = Duration.ofSeconds(5);
    private static final int MAX_ANSWER = 8 << 20;
    /** RFC 6750's b64token: no space, no control character, nothing a header could be split on. */
    private static final java.util.regex.Pattern BEARER_TOKEN = java.util.regex.Pattern.compile("[A-Za-z0-9\\-._~+/]{1,8192}=*");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final List<String> allowed;
    private final ServiceMetrics metrics;

    Prefetch(List<String> allowed, ServiceMetrics metrics) {
        this.allowed = allowed;
        this.metrics = metrics;
    }

    /**
     * Completes the request's prefetch. {@code queries} are the service's prefetch templates by key,
     * with {@code {id}} for the patient's id. Whatever cannot be read in whole (not sent and no
     * allow-listed server, an error, a search cut short at a bound) is {@link Unavailable}: 412.
     */
    List<String> complete(ObjectNode request, String patientId, Map<String, String> queries) throws Unavailable, Invalid {
        ObjectNode prefetch = request.has("prefetch") && request.get("prefetch").isObject()
                ? (ObjectNode) request.get("prefetch") : request.putObject("prefetch");
        // A prefetch the EHR could not fill comes as an OperationOutcome (CDS Hooks allows it): it is missing.
        List<String> failed = new java.util.ArrayList<>();
        prefetch.fields().forEachRemaining(field -> {
            if ("OperationOutcome".equals(field.getValue().path("resourceType").asText())) {
                failed.add(field.getKey());
            }
        });
        prefetch.remove(failed);
        boolean patientGiven = hasPatient(prefetch, patientId);
        List<String> wanted = queries.keySet().stream().filter(key -> !prefetch.hasNonNull(key)
                && !(key.equals("patient") && patientGiven)).toList();
        if (wanted.isEmpty()) {
            return List.of();
        }
        String server = request.path("fhirServer").asText(null);
        String base = server == null ? null : ServiceOptions.withoutSlash(server);
        if (base == null || !allowed.contains(base)) {
            // Unknown is never absent: a record the service could not read may hold a red flag, so no
            // advice (and no "record this" prompt) is built on what is missing.
            if (!patientGiven) {
                throw new Unavailable(server == null ? "the patient is not in prefetch and there is no fhirServer"
                        : "the patient is not in prefetch and fhirServer is not on the allow-list");
            }
            throw new Unavailable(String.join(", ", wanted) + (failed.isEmpty() ? " missing"
                    : " missing or not filled by the EHR (an OperationOutcome)") + ", and "
                    + (server == null ? "there is no fhirServer" : "fhirServer is not on the allow-list")
                    + " to read it from; no advice is given on a record that could not be read");
        }
        String token = request.path("fhirAuthorization").path("access_token").asText(null);
        if (token != null && !BEARER_TOKEN.matcher(token).matches()) {
            throw new Invalid("fhirAuthorization.access_token: not a bearer token (RFC 6750: letters, digits, "
                    + "-._~+/ and trailing =)");
        }
        String id = URLEncoder.encode(patientId, StandardCharsets.UTF_8);
        List<String> cutShort = new java.util.ArrayList<>();
        for (Map.Entry<String, String> query : queries.entrySet()) {
            if (wanted.contains(query.getKey())) {
                String url = base + "/" + query.getValue().replace("{id}", id);
                boolean patient = query.getKey().equals("patient");
                JsonNode answer;
                try {
                    answer = patient ? get(url, token) : search(base, url, token, () -> cutShort.add(query.getKey()));
                    if (patient ? !isPatient(answer, patientId) : !"Bundle".equals(answer.path("resourceType").asText())) {
                        // named by what was read, never by the patient's id: 4xx reasons go to the audit log
                        throw new Unavailable("the FHIR server's answer for prefetch " + query.getKey() + " is not "
                                + (patient ? "the patient's Patient" : "a Bundle"));
                    }
                } catch (Unavailable e) {
                    metrics.prefetchFetch(true);
                    throw e;
                }
                metrics.prefetchFetch(false);
                prefetch.set(query.getKey(), answer);
            }
        }
        if (!cutShort.isEmpty()) {
            throw new Unavailable(String.join(", ", cutShort) + ": the FHIR server's search was cut "
                    + "short at a bound (" + MAX_PAGES + " pages, " + MAX_ENTRIES + " entries or "
                    + WHOLE_SEARCH.toSeconds() + " s); no advice is given on part of a record");
        }
        return cutShort;
    }

    /** Pages a search may take, and entries: an EHR pages its searches; a patient's records fit in far fewer. */
    static final int MAX_PAGES = 10;
    static final int MAX_ENTRIES = 10_000;
    private static final Duration WHOLE_SEARCH = Duration.ofSeconds(10);

    /**
     * A search and its further pages ({@code link} {@code next}), only on the same allow-listed server,
     * merged into one Bundle; at a bound (pages, entries, bytes, time) it stops and keeps what it has.
     */
    private static JsonNode search(String base, String url, String token, Runnable cutShort) throws Unavailable {
        long deadline = System.nanoTime() + WHOLE_SEARCH.toNanos();
        ObjectNode merged = null;
        int pages = 0;
        String next = url;
        while (next != null) {
            JsonNode page = get(next, token);
            if (!"Bundle".equals(page.path("resourceType").asText())) {
                return page;   // refused by the caller, naming the prefetch key
            }
            if (merged == null) {
                merged = ((ObjectNode) page).deepCopy();
                merged.remove("link");
                if (!merged.path("entry").isArray()) {
                    merged.putArray("entry");
                }
            } else if (page.path("entry").isArray()) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) merged.get("entry")).addAll(
                        (com.fasterxml.jackson.databind.node.ArrayNode) page.get("entry"));
            }
            pages++;
            next = nextPage(page, base);
            if (next != null && (pages >= MAX_PAGES || merged.get("entry").size() >= MAX_ENTRIES
                    || System.nanoTime() > deadline)) {
                cutShort.run();
                next = null;
            }
        }
        return merged;
    }

    /** The next page's URL when it is on {@code base}; a link elsewhere is not followed. */
    private static String nextPage(JsonNode bundle, String base) {
        for (JsonNode link : bundle.path("link")) {
            String url = link.path("url").asText("");
            if ("next".equals(link.path("relation").asText()) && (url.startsWith(base + "/") || url.startsWith(base + "?"))) {
                return url;
            }
        }
        return null;
    }

    private static boolean hasPatient(JsonNode prefetch, String patientId) {
        for (JsonNode value : prefetch) {
            if (isPatient(value, patientId)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPatient(JsonNode resource, String patientId) {
        return resource != null && "Patient".equals(resource.path("resourceType").asText())
                && patientId.equals(resource.path("id").asText());
    }

    private static JsonNode get(String url, String token) throws Unavailable {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Accept", "application/fhir+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<byte[]> response = BoundedGet.send(HTTP, request.build(), MAX_ANSWER, WHOLE_FETCH);
            if (response.statusCode() != 200) {
                throw new Unavailable("the FHIR server answered " + response.statusCode());
            }
            JsonNode answer = Cards.JSON.readTree(response.body());
            if (answer == null || !answer.isObject()) {
                throw new Unavailable("the FHIR server's answer is not a FHIR resource");
            }
            return answer;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Unavailable("the FHIR server's answer is not JSON");
        } catch (IOException e) {
            throw new Unavailable("the FHIR server gave no usable answer: " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
    }
}
