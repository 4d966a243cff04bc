package io.guidelinekb.bench;

import io.guidelinekb.KnowledgeBase;
import java.nio.file.Path;

/**
 * Run in a fresh JVM by the benchmark: prints how long the first knowledge-base build takes there,
 * from a folder or, given {@link #CLASSPATH}, from the jar's rules.
 */
public final class ColdStart {

    static final String CLASSPATH = "classpath:";

    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        if (args[0].equals(CLASSPATH)) {
            KnowledgeBase.loadFromClasspath();
        } else {
            KnowledgeBase.load(Path.of(args[0]));
        }
        System.out.println((System.nanoTime() - start) / 1_000_000);
    }
}
