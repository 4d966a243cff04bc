package io.guidelinekb.bench;

/**
 * Run in a fresh JVM by the benchmark with a command's own flags, class path and class-data archive:
 * what any command pays before it does anything.
 */
public final class EmptyMain {

    private EmptyMain() {
    }

    public static void main(String[] args) {
        // nothing: the JVM's start and exit are the measure
    }
}
