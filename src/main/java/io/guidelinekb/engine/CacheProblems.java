package io.guidelinekb.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What went wrong with the rule cache in this process, by kind, for {@code /metrics}: the cache
 * never fails a load (the rules compile from DRL instead), so without a count its trouble is silent.
 */
public final class CacheProblems {

    /** The folder is a link, another user's, or writable by others: not used. */
    public static final String REFUSED = "refused";
    /** An entry did not read whole or did not carry this installation's mark: deleted and rebuilt. */
    public static final String DAMAGED = "damaged";
    /** The executable model of a content does not build: that content compiles from DRL from now on. */
    public static final String UNBUILDABLE = "unbuildable";
    /** An entry could not be written. */
    public static final String NOT_WRITTEN = "not-written";

    private static final Map<String, AtomicLong> COUNTS = new LinkedHashMap<>();

    static {
        for (String kind : new String[] {REFUSED, DAMAGED, UNBUILDABLE, NOT_WRITTEN}) {
            COUNTS.put(kind, new AtomicLong());
        }
    }

    private CacheProblems() {
    }

    static void count(String kind) {
        COUNTS.get(kind).incrementAndGet();
    }

    /**
     * How often each kind of problem happened in this process.
     *
     * @return counts by kind, every kind present
     */
    public static Map<String, AtomicLong> counts() {
        return java.util.Collections.unmodifiableMap(COUNTS);
    }

    /** A cause as a log line says it: its kind and the first line of its message, bounded. */
    static String reason(Throwable cause) {
        String message = cause.getMessage() == null ? "" : cause.getMessage().lines().findFirst().orElse("");
        String said = cause.getClass().getSimpleName() + (message.isBlank() ? "" : ": " + message);
        return said.length() <= 300 ? said : said.substring(0, 299) + "…";
    }
}
