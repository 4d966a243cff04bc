package io.guidelinekb.bench;

import io.guidelinekb.KnowledgeBase;
import java.nio.file.Path;

/** Run in a fresh JVM by the benchmark: prints how long the first knowledge-base build takes there. */
public final class ColdStart {

    private ColdStart() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        KnowledgeBase.load(Path.of(args[0]));
        System.out.println((System.nanoTime() - start) / 1_000_000);
    }
}
