package io.guidelinekb.engine;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Drools' own start-up, once per JVM, on a thread of its own while the caller reads its rules:
 * finding its services and reading its configuration are a fifth of a short command's run, and
 * depend on no guideline. Whatever is not ready when a build needs it, the build does itself.
 */
public final class DroolsStart {

    private static final AtomicBoolean STARTED = new AtomicBoolean();

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

    private static void run() {
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
