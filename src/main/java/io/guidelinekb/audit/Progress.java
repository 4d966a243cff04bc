package io.guidelinekb.audit;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of a batch on stderr: a live bar with count, rate and ETA on a terminal, a plain line
 * every few seconds otherwise (logs, CI). The ETA needs the input's size, known for files only.
 */
public final class Progress {

    /** How progress is shown. */
    public enum Mode {
        /** A live bar on a terminal, a plain line every few seconds otherwise. */
        AUTO,
        /** A live bar. */
        LIVE,
        /** A plain line every few seconds. */
        PLAIN,
        /** Nothing. */
        NONE;

        /** Progress in this mode on {@code err}, for an input of {@code totalBytes} (0 when unknown). */
        public Progress over(PrintWriter err, long totalBytes) {
            boolean live = this == LIVE || this == AUTO && System.console() != null;
            return new Progress(err, live, totalBytes, this != NONE);
        }
    }

    private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;
    private static final long LIVE_EVERY_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final boolean live;
    private final long totalBytes;
    private final boolean shown;
    /** The clock: the system's, or a test's that moves when told. */
    private final java.util.function.LongSupplier nanos;
    private final long start;
    private long records;
    private long bytes;
    private long lastShown;

    public Progress(PrintWriter err, boolean live, long totalBytes, boolean shown) {
        this(err, live, totalBytes, shown, System::nanoTime);
    }

    Progress(PrintWriter err, boolean live, long totalBytes, boolean shown, java.util.function.LongSupplier nanos) {
        this.err = err;
        this.live = live;
        this.totalBytes = totalBytes;
        this.shown = shown;
        this.nanos = nanos;
        this.start = nanos.getAsLong();
        this.lastShown = start;
    }

    public long records() {
        return records;
    }

    void advance(int moreRecords, long moreBytes) {
        records += moreRecords;
        bytes += moreBytes;
        long now = nanos.getAsLong();
        if (shown && now - lastShown >= (live ? LIVE_EVERY_NANOS : PLAIN_EVERY_NANOS)) {
            lastShown = now;
            show(now);
        }
    }

    /** Clears the live bar so that the summary starts on a clean line. */
    public void finish() {
        if (shown && live) {
            show(nanos.getAsLong());
            err.print('\n');
            err.flush();
        }
    }

    public double seconds() {
        return (nanos.getAsLong() - start) / 1e9;
    }

    private void show(long now) {
        double elapsed = Math.max((now - start) / 1e9, 1e-9);
        double rate = records / elapsed;
        String fraction = "";
        String eta = "";
        if (totalBytes > 0) {
            double done = Math.min(1.0, (double) bytes / totalBytes);
            fraction = String.format(Locale.ROOT, " %3.0f%%", done * 100);
            eta = done > 0 ? String.format(Locale.ROOT, ", ETA %s", duration(elapsed * (1 - done) / done)) : "";
            if (live) {
                int width = 30;
                int filled = (int) Math.round(done * width);
                fraction = " [" + "#".repeat(filled) + ".".repeat(width - filled) + "]" + fraction;
            }
        }
        String line = String.format(Locale.ROOT, "batch:%s %,d records, %,.0f records/s%s", fraction, records, rate, eta);
        if (live) {
            err.print("\r" + line + "   ");
        } else {
            err.println(line);
        }
        err.flush();
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : s + " s";
    }
}
