package io.guidelinekb.engine;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Drools' own start-up, once per JVM, on a thread of its own while the caller reads its rules:
 * starting the logging (SLF4J looks for its provider in every jar), finding Drools' services and
 * reading its configuration are a third of a short command's run, and depend on no guideline.
 * Whatever is not ready when a build needs it, the build does itself.
 */
public final class DroolsStart {

    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final CountDownLatch LOGGING = new CountDownLatch(1);
    /** Longer than any start of the logging; past it, a caller goes on (at worst SLF4J warns of a race). */
    private static final long LOGGING_BOUND_SECONDS = 30;

    private DroolsStart() {
    }

    /** Starts it, the first time only. */
    public static void begin() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(DroolsStart::run, "drools-start");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Waits until the logging has started, beginning the start if need be: SLF4J started from two
     * threads at once prints a warning on stderr, so whatever may log waits for it here.
     */
    public static void awaitLogging() {
        begin();
        try {
            LOGGING.await(LOGGING_BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run() {
        try {
            org.slf4j.LoggerFactory.getILoggerFactory();
        } finally {
            LOGGING.countDown();
        }
        try {
            java.security.MessageDigest.getInstance("SHA-256");   // the JDK's providers, for the cache's key
            org.kie.api.KieServices services = org.kie.api.KieServices.get();
            services.newKieBaseConfiguration();
            services.newKieSessionConfiguration();
            ClassLoader loader = DroolsStart.class.getClassLoader();
            Class.forName("org.drools.modelcompiler.KiePackagesBuilder", true, loader);
            Class.forName("org.drools.kiesession.rulebase.KnowledgeBaseFactory", true, loader);
        } catch (ClassNotFoundException | java.security.NoSuchAlgorithmException | RuntimeException | LinkageError e) {
            // a head start only: the build itself meets and reports whatever is wrong
        }
    }
}
