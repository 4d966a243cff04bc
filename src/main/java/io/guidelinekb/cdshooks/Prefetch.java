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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Prefetch first; what is missing is fetched from the request's {@code fhirServer} only when that
 * server is on the allow-list (no other outbound call: a request cannot make the service reach an
 * address of its choosing), with the request's access token. A hook call's reads run at once, all
 * under one deadline ({@link ServiceLimits#fetchDeadline()}) that covers every read and page; what
 * they may cost is counted on their bytes before anything is built ({@link JsonBudget}); and only so
 * many calls fetch at once. An answer counts only when it is what was asked for: the patient's own
 * Patient, or a Bundle. Whatever cannot be read in whole is {@link Unavailable}: no advice on it.
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

    /** As many calls are fetching as may: the service answers 503 with Retry-After. */
    static final class Busy extends Exception {
        Busy() {
            super("as many calls are reading FHIR servers as may at once; try again in a second");
        }
    }

    private static final Duration CONNECT = Duration.ofSeconds(3);
    private static final int MAX_ANSWER = 8 << 20;
    /** How long a call waits for a fetching slot before it is told to come back. */
    private static final long WAIT_FOR_SLOT_MILLIS = 250;
    /** RFC 6750's b64token: no space, no control character, nothing a header could be split on. */
    private static final java.util.regex.Pattern BEARER_TOKEN = java.util.regex.Pattern.compile("[A-Za-z0-9\\-._~+/]{1,8192}=*");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(CONNECT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** Pages a search may take, and entries: an EHR pages its searches; a patient's records fit in far fewer. */
    static final int MAX_PAGES = 10;
    static final int MAX_ENTRIES = 10_000;

    private final List<String> allowed;
    private final ServiceMetrics metrics;
    private final Duration deadline;
    private final Semaphore fetching;
    /** The reads of the calls fetching: three each at most, so never more threads than that. */
    private final java.util.concurrent.ExecutorService reads;

    Prefetch(List<String> allowed, ServiceMetrics metrics, ServiceLimits limits) {
        this.allowed = allowed;
        this.metrics = metrics;
        this.deadline = limits.fetchDeadline();
        this.fetching = new Semaphore(limits.fetchingAtOnce());
        java.util.concurrent.atomic.AtomicInteger number = new java.util.concurrent.atomic.AtomicInteger();
        this.reads = java.util.concurrent.Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "fhir-read-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Completes the request's prefetch. {@code queries} are the service's prefetch templates by key,
     * with {@code {id}} for the patient's id.
     */
    void complete(ObjectNode request, String patientId, Map<String, String> queries) throws Unavailable, Invalid, Busy {
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
            return;
        }
        String server = request.path("fhirServer").asText(null);
        String base = server == null ? null : ServiceOptions.withoutSlash(server);
        if (base == null || !allowed.contains(base)) {
            if (!patientGiven) {
                throw new Unavailable(server == null ? "the patient is not in prefetch and there is no fhirServer"
                        : "the patient is not in prefetch and fhirServer is not on the allow-list");
            }
            // Unknown is never absent: a record the service could not read may hold a red flag, so no
            // advice (and no "record this" prompt) is built on what is missing.
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
        try {
            if (!fetching.tryAcquire(WAIT_FOR_SLOT_MILLIS, TimeUnit.MILLISECONDS)) {
                metrics.fetchingBusy();
                throw new Busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        }
        try {
            fetch(prefetch, patientId, queries, wanted, base, token);
        } finally {
            fetching.release();
        }
    }

    /** Reads every wanted key at once, all within one deadline; the first that fails fails the call. */
    private void fetch(ObjectNode prefetch, String patientId, Map<String, String> queries, List<String> wanted,
                       String base, String token) throws Unavailable {
        long until = System.nanoTime() + deadline.toNanos();
        JsonBudget budget = new JsonBudget();
        String id = URLEncoder.encode(patientId, StandardCharsets.UTF_8);
        Map<String, Future<JsonNode>> pending = new LinkedHashMap<>();
        for (String key : wanted) {
            String url = base + "/" + queries.get(key).replace("{id}", id);
            boolean patient = key.equals("patient");
            pending.put(key, reads.submit(() -> patient ? patient(url, token, patientId, until, budget)
                    : search(base, url, token, key, until, budget)));
        }
        try {
            for (Map.Entry<String, Future<JsonNode>> read : pending.entrySet()) {
                long left = until - System.nanoTime();
                try {
                    prefetch.set(read.getKey(), read.getValue().get(Math.max(left, 0), TimeUnit.NANOSECONDS));
                    metrics.prefetchFetch(false);
                } catch (TimeoutException e) {
                    metrics.prefetchFetch(true);
                    throw new Unavailable(read.getKey() + ": not read within the deadline of " + deadline.toMillis()
                            + " ms for a hook call's FHIR reads; no advice is given on a record that could not be read");
                } catch (ExecutionException e) {
                    metrics.prefetchFetch(true);
                    throw e.getCause() instanceof Unavailable u ? u
                            : new Unavailable(read.getKey() + ": the FHIR server gave no usable answer");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        } finally {
            pending.values().forEach(future -> future.cancel(true));
        }
    }

    private static JsonNode patient(String url, String token, String patientId, long until, JsonBudget budget)
            throws Unavailable {
        JsonNode answer = parsed(get(url, token, until), budget.search(), 1, "patient");
        if (!isPatient(answer, patientId)) {
            // named by what was read, never by the patient's id: 4xx reasons go to the audit log
            throw new Unavailable("the FHIR server's answer for prefetch patient is not the patient's Patient");
        }
        return answer;
    }

    /**
     * A search and its further pages ({@code link} {@code next}), only on the same allow-listed server,
     * merged into one Bundle. A search that would pass a bound (pages, entries, values, the deadline)
     * is not read in whole: no advice is built on part of it.
     */
    private static JsonNode search(String base, String url, String token, String key, long until, JsonBudget budget)
            throws Unavailable {
        JsonBudget.Search counted = budget.search();
        ObjectNode merged = null;
        int pages = 0;
        String next = url;
        while (next != null) {
            if (pages == MAX_PAGES) {
                throw cutShort(key, "it pages past " + MAX_PAGES + " pages");
            }
            JsonNode page = parsed(get(next, token, until), counted, MAX_ENTRIES, key);
            if (!"Bundle".equals(page.path("resourceType").asText())) {
                throw new Unavailable("the FHIR server's answer for prefetch " + key + " is not a Bundle");
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
        }
        return merged;
    }

    private static Unavailable cutShort(String key, String why) {
        return new Unavailable(key + ": the FHIR server's search was cut short at a bound (" + why + "); no advice "
                + "is given on part of a record");
    }

    /** The answer as a tree, once its cost has been counted on its bytes. */
    private static JsonNode parsed(byte[] bytes, JsonBudget.Search counted, int maxEntries, String key)
            throws Unavailable {
        try {
            counted.take(bytes, maxEntries);
            JsonNode answer = Cards.JSON.readTree(bytes);
            if (answer == null || !answer.isObject()) {
                throw new Unavailable("the FHIR server's answer is not a FHIR resource");
            }
            return answer;
        } catch (JsonBudget.Exceeded e) {
            throw cutShort(key, e.getMessage());
        } catch (IOException e) {
            throw new Unavailable("the FHIR server's answer is not JSON");
        }
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

    /** One GET, bounded as a whole by what is left of the call's deadline and by its size. */
    private static byte[] get(String url, String token, long until) throws Unavailable {
        long left = until - System.nanoTime();
        if (left <= 0) {
            throw new Unavailable("the FHIR server gave no usable answer: the call's deadline passed");
        }
        Duration remaining = Duration.ofNanos(left);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(remaining)
                .header("Accept", "application/fhir+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<byte[]> response = BoundedGet.send(HTTP, request.build(), MAX_ANSWER, remaining);
            if (response.statusCode() != 200) {
                throw new Unavailable("the FHIR server answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new Unavailable("the FHIR server gave no usable answer: " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
    }
}
