package io.guidelinekb.bench;

import io.guidelinekb.ReloadingKnowledgeBase;
import io.guidelinekb.cdshooks.CdsHooksServer;
import io.guidelinekb.cdshooks.ServiceOptions;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;

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

    /**
     * Runs both loads against a real {@code serve} process started as the launcher starts it (its
     * JVM options, its full JIT), when the launcher is known (the property
     * {@code guidelinekb.bench.launcher}, which {@code bin/guideline-kb bench} sets); otherwise against
     * a service in this JVM. Returns order-select first, discovery second.
     */
    /** Where the service measured runs, as the figures say it. */
    static String where() {
        return System.getProperty("guidelinekb.bench.launcher") != null ? "a serve process" : "in this JVM";
    }

    static List<Load> run(Path rules) throws Exception {
        String launcher = System.getProperty("guidelinekb.bench.launcher");
        if (launcher != null) {
            return runProcess(Path.of(launcher), rules);
        }
        ServiceOptions options = new ServiceOptions("127.0.0.1", 0, io.guidelinekb.model.Language.DANISH, null, Map.of(), List.of(), List.of(), null,
                true);
        Clock clock = Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC);
        try (CdsHooksServer server = CdsHooksServer.start(options, ReloadingKnowledgeBase.load(rules), clock)) {
            return loads(server.uri().toString(), requestBody(LocalDate.of(2026, 3, 10)));
        }
    }

    /** What "serve" says when it listens: the address to call. */
    private static final java.util.regex.Pattern LISTENING = java.util.regex.Pattern.compile(
            "^serve: (http://127\\.0\\.0\\.1:\\d+)/cds-services");

    private static List<Load> runProcess(Path launcher, Path rules) throws Exception {
        Process serve = new ProcessBuilder(launcher.toString(), "--rules", rules.toString(), "serve", "--no-auth",
                "--host", "127.0.0.1", "--port", "0").redirectErrorStream(true).start();
        try {
            String uri = null;
            var lines = new java.io.BufferedReader(new java.io.InputStreamReader(serve.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + 60_000_000_000L;
            for (String line; uri == null && System.nanoTime() < deadline && (line = lines.readLine()) != null; ) {
                var m = LISTENING.matcher(line);
                if (m.find()) {
                    uri = m.group(1);
                }
            }
            if (uri == null) {
                throw new IllegalStateException("serve did not say where it listens within a minute");
            }
            Thread drain = new Thread(() -> lines.lines().forEach(line -> { }), "serve-output");
            drain.setDaemon(true);
            drain.start();
            // the process evaluates as of today: the example's onset three weeks ago keeps it in scope
            return loads(uri, requestBody(LocalDate.now(ZoneOffset.UTC)));
        } finally {
            serve.destroy();   // SIGTERM: the service stops gracefully
            serve.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            serve.destroyForcibly();
        }
    }

    /** The example order-select, with its onset three weeks before {@code today} and the order drafted the day before. */
    private static byte[] requestBody(LocalDate today) throws java.io.IOException {
        try (InputStream in = ServiceBench.class.getResourceAsStream("/cds-hooks/order-select-lumbar-mri.json")) {
            String body = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return body.replace("2026-02-17", today.minusDays(21).toString())
                    .replace("2026-03-09", today.minusDays(1).toString()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static List<Load> loads(String uri, byte[] body) throws Exception {
        HttpClient client = new HttpClient();
        client.setMaxConnectionsPerDestination(CLIENTS);
        client.start();
        try {
            String hook = uri + "/cds-services/fixture-lbp-order-select";
            String discovery = uri + "/cds-services";
            Request post = () -> client.POST(hook).body(new BytesRequestContent("application/json", body)).send();
            Request get = () -> client.GET(discovery);
            String answer = client.POST(hook).body(new BytesRequestContent("application/json", body)).send()
                    .getContentAsString();
            if (!answer.contains("\"FIX-LBP-04\"")) {
                throw new IllegalStateException("the order-select measured must give the MRI's warning card; it gave "
                        + answer);
            }
            warm(post);        // the JIT, the pools: an order-select runs far more code than discovery
            warm(get);
            Load orderSelect = load(post, REQUESTS);
            Load floor = load(get, REQUESTS);
            return List.of(orderSelect, floor);
        } finally {
            client.stop();
        }
    }

    /**
     * Sends requests for at least 10 s, then until two rounds of 4,000 in a row are within 5 % of each
     * other (at most 40 s in all): a service runs for days, and the fixed warm-up of 2,000 requests
     * measured the JIT more than the service (order-select rose from 1,000 to 7,800 requests/s over
     * its first 30,000 requests).
     */
    private static void warm(Request request) throws Exception {
        long start = System.nanoTime();
        double previous = 0;
        while (System.nanoTime() - start < 40_000_000_000L) {
            double rate = load(request, 4_000).requestsPerSecond();
            if (System.nanoTime() - start > 10_000_000_000L && Math.abs(rate - previous) <= 0.05 * rate) {
                return;
            }
            previous = rate;
        }
    }

    private interface Request {
        ContentResponse send() throws Exception;
    }

    private static Load load(Request request, int requests) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>(requests));
        long start = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    for (int i = 0; i < requests / CLIENTS && System.nanoTime() - start < MAX_NANOS; i++) {
                        long sent = System.nanoTime();
                        ContentResponse response = request.send();
                        if (response.getStatus() != 200) {
                            throw new IllegalStateException("status " + response.getStatus() + ": "
                                    + response.getContentAsString());
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
