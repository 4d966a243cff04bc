package io.guidelinekb.cdshooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.ConnectionStatistics;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The service's metrics, in the Prometheus text format at {@code GET /metrics}. Every label comes
 * from a fixed set (service ids of the rules in service, hooks, statuses, indicators, outcomes):
 * never a patient, an order, a card or anything else a caller sends.
 */
final class ServiceMetrics {

    /** The label of a request to a path that names no service of the version in service. */
    static final String OTHER = "other";
    private static final Set<String> INDICATORS = Set.of("info", "warning", "critical");

    private final MeterRegistry registry;
    private final PrometheusMeterRegistry prometheus;
    private final MultiGauge knowledgeBase;

    private ServiceMetrics(MeterRegistry registry, PrometheusMeterRegistry prometheus) {
        this.registry = registry;
        this.prometheus = prometheus;
        // an info metric by convention (value 1, the facts as labels); Prometheus' client reserves the _info suffix
        this.knowledgeBase = MultiGauge.builder("guideline_kb_knowledge_base")
                .description("The knowledge base in service: its content hash as a label, value 1").register(registry);
    }

    /** A Prometheus registry of its own, with the JVM's basics. */
    static ServiceMetrics prometheus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        // the rule cache never fails a load, so its trouble shows here or nowhere
        io.guidelinekb.engine.CacheProblems.counts().forEach((kind, count) -> io.micrometer.core.instrument.FunctionCounter
                .builder("guideline_kb_rule_cache_problems", count, java.util.concurrent.atomic.AtomicLong::doubleValue)
                .description("Rule cache problems in this process, by kind (the rules then compile from DRL)")
                .tag("problem", kind).register(registry));
        return new ServiceMetrics(registry, registry);
    }

    /** Into a registry the embedding application owns; {@link #scrape()} then has nothing to say. */
    static ServiceMetrics into(MeterRegistry registry) {
        return new ServiceMetrics(registry, registry instanceof PrometheusMeterRegistry p ? p : null);
    }

    /** Jetty's basics: its threads and its connections. */
    void jetty(QueuedThreadPool threads, ConnectionStatistics connections) {
        Gauge.builder("jetty_threads", threads, QueuedThreadPool::getThreads).description("Jetty's threads").register(registry);
        Gauge.builder("jetty_threads_busy", threads, QueuedThreadPool::getBusyThreads).register(registry);
        Gauge.builder("jetty_threads_max", threads, QueuedThreadPool::getMaxThreads).register(registry);
        Gauge.builder("jetty_connections_open", connections, ConnectionStatistics::getConnections)
                .description("Connections open now").register(registry);
        Gauge.builder("jetty_connections_total", connections, ConnectionStatistics::getConnectionsTotal).register(registry);
    }

    /**
     * One request answered.
     *
     * @param service a service id of the version in service, or {@link #OTHER}
     * @param hook    the hook, {@code feedback}, {@code discovery}, {@code health}, {@code metrics} or {@link #OTHER}
     */
    void request(String service, String hook, int status, long nanos) {
        Timer.builder("cds_requests").description("Requests answered, by service, hook and status")
                .tags("service", service, "hook", hook, "status", Integer.toString(status))
                .publishPercentileHistogram().register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One episode evaluated by a guideline, with the scope it came to. */
    void evaluation(String guideline, String scope) {
        Counter.builder("guideline_kb_evaluations").description("Episodes evaluated")
                .tags("guideline", guideline, "scope", scope).register(registry).increment();
    }

    /** One card sent. */
    void card(String service, String indicator) {
        Counter.builder("cds_cards").description("Cards sent, by indicator")
                .tags("service", service, "indicator", INDICATORS.contains(indicator) ? indicator : OTHER)
                .register(registry).increment();
    }

    /** One search the service fetched itself, for prefetch the EHR did not send. */
    void prefetchFetch(boolean failed) {
        Counter.builder("cds_prefetch_fetches").description("FHIR searches the service fetched itself")
                .tag("outcome", failed ? "failed" : "ok").register(registry).increment();
    }

    /** A reload of the rules: into service, or kept out (the old version serving on). */
    void reload(boolean replaced, String version) {
        Counter.builder("guideline_kb_reloads").description("Reloads of the rules, by outcome")
                .tag("outcome", replaced ? "replaced" : "failed").register(registry).increment();
        if (replaced) {
            inService(version);
        }
    }

    /** The version now in service, as the info metric's label. */
    void inService(String version) {
        knowledgeBase.register(List.of(MultiGauge.Row.of(Tags.of("version", version), 1)), true);
    }

    /** The Prometheus text format, or {@code null} when the registry is the application's own. */
    String scrape() {
        return prometheus == null ? null : prometheus.scrape();
    }

    /** A connection refused because its address held as many as it may. */
    void connectionRefused() {
        Counter.builder("cds_connections_refused").description("Connections refused: the address held as many as it may")
                .register(registry).increment();
    }

    /** A hook call that waited for a fetching slot and got none: 503. */
    void fetchingBusy() {
        Counter.builder("cds_fetching_busy").description("Hook calls answered 503: as many calls were fetching from "
                + "FHIR servers as may at once").register(registry).increment();
    }

    /** A card shown, by what it is about: a recommendation's id, an alert's ({@code alert:ID}), or its kind. */
    void cardShown(String about) {
        Counter.builder("cds_cards_shown").description("Cards shown, by the recommendation or alert they are about")
                .tag("about", about).register(registry).increment();
    }

    /**
     * A card's outcome, by what it is about, the outcome and the override reason: every label is the
     * knowledge base's own or a reason the card offered, never what a caller chose.
     */
    void cardOutcome(String about, String outcome, String reason) {
        Counter.builder("cds_card_outcomes").description("Feedback on cards: accepted, or overridden by reason")
                .tag("about", about).tag("outcome", outcome).tag("reason", reason == null ? "none" : reason)
                .register(registry).increment();
    }

    /** What a shadow run found for one call: none, added, removed, changed, failed, or not-tried. */
    void shadowDivergence(String kind) {
        Counter.builder("cds_shadow_divergences").description("Shadow runs of a candidate version, by what they found")
                .tag("kind", kind).register(registry).increment();
    }
}
