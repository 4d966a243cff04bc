package io.guidelinekb.bench;

import io.guidelinekb.ReloadingKnowledgeBase;
import io.guidelinekb.cdshooks.CdsHooksServer;
import io.guidelinekb.cdshooks.ServiceOptions;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The CDS Hooks service under load, on loopback with a real HTTP client (point-of-care §5):
 * order-select with full prefetch at 16 concurrent clients, against the same server answering
 * discovery. Bounded in count and time; every request goes to 127.0.0.1.
 */
final class ServiceBench {

    /** What one load run measured. */
    record Load(double p50Ms, double p99Ms, double requestsPerSecond, int requests) {
    }

    static final int CLIENTS = 16;
    private static final int REQUESTS = 8_000;
    private static final long MAX_NANOS = 20_000_000_000L;

    private ServiceBench() {
    }

    /** Runs both loads; returns order-select first, discovery second. */
    static List<Load> run(Path rules) throws Exception {
        ServiceOptions options = new ServiceOptions("127.0.0.1", 0, false, null, Map.of(), List.of(), List.of(), null,
                true);
        Clock clock = Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC);
        try (CdsHooksServer server = CdsHooksServer.start(options, ReloadingKnowledgeBase.load(rules), clock)) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String body;
            try (InputStream in = ServiceBench.class.getResourceAsStream("/cds-hooks/order-select-lumbar-mri.json")) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            HttpRequest hook = HttpRequest.newBuilder(URI.create(server.uri() + "/cds-services/nkr-lbp-2016-order-select"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpRequest discovery = HttpRequest.newBuilder(URI.create(server.uri() + "/cds-services")).GET().build();
            load(client, hook, 2_000);        // warm-up: the JIT, the pools
            load(client, discovery, 2_000);
            Load orderSelect = load(client, hook, REQUESTS);
            Load floor = load(client, discovery, REQUESTS);
            return List.of(orderSelect, floor);
        }
    }

    private static Load load(HttpClient client, HttpRequest request, int requests) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>(requests));
        long start = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    for (int i = 0; i < requests / CLIENTS && System.nanoTime() - start < MAX_NANOS; i++) {
                        long sent = System.nanoTime();
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("status " + response.statusCode() + ": " + response.body());
                        }
                        latencies.add(System.nanoTime() - sent);
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            clients.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Load(percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.size() / seconds, sorted.size());
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }
}
