package io.guidelinekb;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition with a bound, for tests: never a fixed pause. It looks again every few
 * milliseconds and returns as soon as the condition holds, so a fast machine waits little and a slow
 * one is given the bound.
 */
public final class Waiting {

    private static final long EVERY_NANOS = Duration.ofMillis(10).toNanos();

    private Waiting() {
    }

    /**
     * Waits until {@code condition} holds, or {@code bound} has passed.
     *
     * @return whether the condition held
     */
    public static boolean until(Duration bound, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0 || Thread.currentThread().isInterrupted()) {
                return condition.getAsBoolean();
            }
            LockSupport.parkNanos(EVERY_NANOS);
        }
        return true;
    }
}
