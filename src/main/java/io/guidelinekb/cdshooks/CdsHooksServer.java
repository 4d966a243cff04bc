package io.guidelinekb.cdshooks;

import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.ReloadingKnowledgeBase;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ConnectionStatistics;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The CDS Hooks 2.0 service over HTTP, on Jetty 12's core handlers: {@code GET /cds-services},
 * {@code POST /cds-services/{id}}, {@code POST /cds-services/{id}/feedback} and {@code GET /health}.
 * Every {@code /cds-services} call needs a bearer token for the URL called (unless started without
 * authentication, for tests). Bodies over 1 MiB get 413; CORS only for the allow-listed origins;
 * a stop finishes the requests in flight first.
 */
public final class CdsHooksServer implements AutoCloseable {

    private static final String BASE = "/cds-services";

    private final Server server;
    private final AuditLog audit;
    private final URI uri;
    private final ServiceMetrics metrics;

    private HookService hooks;

    private CdsHooksServer(Server server, AuditLog audit, URI uri, ServiceMetrics metrics) {
        this.server = server;
        this.audit = audit;
        this.uri = uri;
        this.metrics = metrics;
    }

    /** Starts the service; {@code port} 0 takes a free one. */
    public static CdsHooksServer start(ServiceOptions options, ReloadingKnowledgeBase knowledgeBase, Clock clock)
            throws Exception {
        AuditLog audit = AuditLog.to(options.audit());
        ServiceMetrics metrics = ServiceMetrics.prometheus();
        if (knowledgeBase.isServing()) {
            metrics.inService(knowledgeBase.current().version());
        }
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("cds");
        Server server = new Server(threads);
        ConnectionStatistics connections = new ConnectionStatistics();
        metrics.jetty(threads, connections);
        ServerConnector connector = new ServerConnector(server);
        connector.addBean(connections);
        connector.setHost(options.host());
        connector.setPort(options.port());
        // a connection that sends nothing for 10 s is closed; one client may hold at most so many
        connector.setIdleTimeout(10_000);
        connector.addBean(new PerClientConnections(options.limits().connectionsPerClient(), metrics));
        server.addConnector(connector);
        HookService hooks = new HookService(knowledgeBase, options, audit, clock, metrics);
        Routes routes = new Routes(options, hooks,
                options.noAuth() ? null : new TokenVerifier(options.trusted(), clock), metrics);
        server.setHandler(new GracefulHandler(routes));
        server.setStopTimeout(10_000);
        server.start();
        routes.port = connector.getLocalPort();
        URI uri = URI.create("http://" + options.host() + ":" + connector.getLocalPort());
        CdsHooksServer started = new CdsHooksServer(server, audit, uri, metrics);
        started.hooks = hooks;
        return started;
    }

    /**
     * Tries a candidate version of the rules on every call after it is answered (a shadow run): its
     * cards are never shown, and where they would differ the audit log says so, marked shadow.
     *
     * @param candidate the rules to try
     * @return this service
     */
    public CdsHooksServer shadowing(KnowledgeBase candidate) {
        hooks.shadowing(candidate);
        return this;
    }

    /** Waits, at most {@code seconds}, until every shadow run queued has run; true when none is left. */
    public boolean shadowRunsDone(long seconds) throws InterruptedException {
        ShadowRuns shadow = hooks.shadow();
        return shadow == null || shadow.idle(seconds);
    }

    /** Counts a reload of the rules, and names the version in service. */
    public void reloaded(ReloadingKnowledgeBase.Reload reload) {
        metrics.reload(reload.replaced(), reload.version());
    }

    /** What a version lacks to be served: the words of each guideline's cards. Empty when it can serve. */
    public static List<String> missingWords(KnowledgeBase knowledgeBase) {
        return Cards.missingWords(knowledgeBase);
    }

    /** Where the service listens, e.g. {@code http://127.0.0.1:8080}. */
    public URI uri() {
        return uri;
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    /** Returns when the service has stopped (a SIGTERM, or {@link #close()}). */
    public void awaitStop() throws InterruptedException {
        server.join();
    }

    /** Finishes the requests in flight, then stops and closes the audit log. */
    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            audit.close();
        }
    }

    private static final class Routes extends Handler.Abstract {
        private final ServiceOptions options;
        private final HookService service;
        private final TokenVerifier verifier;
        private final ServiceMetrics metrics;
        volatile int port;

        Routes(ServiceOptions options, HookService service, TokenVerifier verifier, ServiceMetrics metrics) {
            this.options = options;
            this.service = service;
            this.verifier = verifier;
            this.metrics = metrics;
        }

        @Override
        @SuppressWarnings("removal")
        public boolean handle(Request request, Response response, Callback callback) {
            long start = System.nanoTime();
            String path = Request.getPathInContext(request);
            if (path.equals("/metrics") && request.getMethod().equals("GET")) {
                return metrics(response, callback, start);
            }
            HookService.Answer early;
            try {
                cors(request, response);
                early = route(request);
            } catch (RuntimeException e) {
                early = HookService.Answer.error(500, "internal error; the service's log says why");
                ServiceLog.internalError(e);
            }
            if (early != NEEDS_BODY) {
                finish(request, response, callback, early, start);
                return true;
            }
            if (request.getLength() > ServiceOptions.MAX_BODY) {
                if (request.getLength() <= DRAINED) {
                    // read and dropped, so that a client still sending gets its 413 rather than a reset connection
                    Content.Source.consumeAll(request, Callback.from(() -> finish(request, response, callback, tooLarge(),
                            start), failure -> finish(request, response, callback, tooLarge(), start)));
                } else {
                    finish(request, response, callback, tooLarge(), start);
                }
                return true;
            }
            // The body is read without holding a thread: a client trickling it a byte at a time holds a
            // connection, not a thread, and the probes keep theirs. A body not whole within 10 s gets 408.
            // Jetty 12.1 marks this reader for removal; its Promise-based successor read no body here
            // (every request 400) and was left for a Jetty upgrade to revisit.
            Content.Source.asByteArrayAsync(request, ServiceOptions.MAX_BODY)
                    .orTimeout(BODY_SECONDS, java.util.concurrent.TimeUnit.SECONDS)
                    .whenComplete((body, failure) -> {
                        HookService.Answer answer;
                        try {
                            answer = failure == null ? withBody(path, body) : unread(failure);
                        } catch (RuntimeException e) {
                            answer = HookService.Answer.error(500, "internal error; the service's log says why");
                            ServiceLog.internalError(e);
                        }
                        finish(request, response, callback, answer, start);
                    });
            return true;
        }

        /** What {@link #route} answers when the answer needs the request's body. */
        private static final HookService.Answer NEEDS_BODY = new HookService.Answer(0, null);

        private static HookService.Answer tooLarge() {
            return HookService.Answer.error(413, "request body: over " + ServiceOptions.MAX_BODY + " bytes");
        }

        /** Why a body could not be read, as its answer: over the size, too slow, or broken off. */
        private static HookService.Answer unread(Throwable failure) {
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof java.util.concurrent.TimeoutException) {
                return HookService.Answer.error(408, "request body: not sent within " + BODY_SECONDS + " s");
            }
            if (cause instanceof IllegalArgumentException || cause instanceof java.nio.BufferOverflowException) {
                return tooLarge();
            }
            return HookService.Answer.error(400, "request body: cannot be read");
        }

        private HookService.Answer withBody(String path, byte[] body) {
            String rest = path.substring(BASE.length() + 1);
            if (rest.endsWith("/feedback")) {
                return service.feedback(rest.substring(0, rest.length() - "/feedback".length()), body);
            }
            return service.hook(rest, body);
        }

        private void finish(Request request, Response response, Callback callback, HookService.Answer answer, long start) {
            String path = Request.getPathInContext(request);
            write(request, response, callback, answer);
            String[] labels = path.startsWith("/health") ? new String[] {ServiceMetrics.OTHER, "health"}
                    : service.labels(path);
            long took = System.nanoTime() - start;
            metrics.request(labels[0], labels[1], response.getStatus(), took);
            ServiceLog.request(labels[0], labels[1], response.getStatus(), took);
        }

        /** The Prometheus text format; no token, and no label a caller chose. */
        private boolean metrics(Response response, Callback callback, long start) {
            String text = metrics.scrape();
            response.setStatus(text == null ? 404 : 200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            metrics.request(ServiceMetrics.OTHER, "metrics", response.getStatus(), System.nanoTime() - start);
            response.write(true, java.nio.ByteBuffer.wrap((text == null ? "" : text)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)), callback);
            return true;
        }

        private void write(Request request, Response response, Callback callback, HookService.Answer answer) {
            if (answer != null && answer.status() >= 400 && answer.status() < 500 && !answer.audited()) {
                service.refused(Request.getPathInContext(request), answer.status(), answer.body().path("error").asText());
            }
            if (answer == null) {
                response.setStatus(204);
                callback.succeeded();
                return;
            }
            response.setStatus(answer.status());
            if (answer.status() == 413 || answer.status() == 408) {
                // a body left unread cannot be followed by another request on the same connection
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
            }
            if (answer.status() == 503 && answer.body().has("retryAfterSeconds")) {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, answer.body().get("retryAfterSeconds").asText());
            }
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            try {
                response.write(true, java.nio.ByteBuffer.wrap(Cards.JSON.writeValueAsBytes(answer.body())), callback);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                callback.failed(e);
            }
        }

        private HookService.Answer route(Request request) {
            String path = Request.getPathInContext(request);
            String method = request.getMethod();
            if (method.equals("OPTIONS")) {
                return null;
            }
            if (path.equals("/health") && method.equals("GET")) {
                return service.health();
            }
            if (path.equals("/health/live") && method.equals("GET")) {
                return service.live();
            }
            if (path.equals("/health/ready") && method.equals("GET")) {
                return service.ready(options.trusted().values());
            }
            if (!path.equals(BASE) && !path.startsWith(BASE + "/")) {
                return HookService.Answer.error(404, "no such resource; the services are under " + BASE);
            }
            if (verifier != null) {
                Optional<String> refused = verifier.refuse(request.getHeaders().get(HttpHeader.AUTHORIZATION),
                        publicUrl() + path);
                if (refused.isPresent()) {
                    ServiceLog.refused(401, path, refused.get());
                    service.refused(path, 401, refused.get());
                    return HookService.Answer.unauthorized();
                }
            }
            if (!service.serving()) {
                return HookService.Answer.error(503, "no version of the rules has loaded yet; /health/ready says why");
            }
            if (path.equals(BASE)) {
                return method.equals("GET") ? service.discovery()
                        : HookService.Answer.error(405, "discovery is GET " + BASE);
            }
            if (!method.equals("POST")) {
                return HookService.Answer.error(405, "hooks and feedback are POST");
            }
            String rest = path.substring(BASE.length() + 1);
            if (!rest.endsWith("/feedback") && rest.contains("/")) {
                return HookService.Answer.error(404, "no such resource");
            }
            return NEEDS_BODY;
        }

        private String publicUrl() {
            return options.publicUrl() != null ? ServiceOptions.withoutSlash(options.publicUrl())
                    : "http://" + options.host() + ":" + port;
        }

        /**
         * The whole body within this time: the idle timeout only bounds each wait, so a client that
         * sends a byte now and then would otherwise hold its connection for as long as it liked.
         */
        static final int BODY_SECONDS = 10;

        /** A declared body up to this size past the limit is read and dropped before its 413; a larger one is not read. */
        private static final int DRAINED = 4 * ServiceOptions.MAX_BODY;

        private void cors(Request request, Response response) {
            String origin = request.getHeaders().get(HttpHeader.ORIGIN);
            if (origin != null && options.corsOrigins().contains(origin)) {
                response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
                response.getHeaders().put(HttpHeader.VARY, "Origin");
                response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS");
                response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Content-Type");
            }
        }
    }

}
