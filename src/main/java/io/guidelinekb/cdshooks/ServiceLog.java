package io.guidelinekb.cdshooks;

import io.guidelinekb.util.Identifiers;

/**
 * The service's own log on stderr. Every value that came with a request (a path, a claim, an
 * algorithm, a header) is escaped and shortened before it is written, so that a caller cannot forge
 * log lines with a newline, U+2028 or U+0085; no token is ever written, nor an exception's message,
 * which may quote one.
 */
final class ServiceLog {

    private static final int MAX_VALUE = 200;

    private ServiceLog() {
    }

    /** {@code value} safe for one log line: control and line-separator characters as {@code \\uXXXX}, at most 200 characters. */
    static String escape(String value) {
        if (value == null) {
            return "null";
        }
        String shown = value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) + "…" : value;
        return Identifiers.printable(shown);
    }

    static void refused(int status, String path, String reason) {
        System.err.println("cds-hooks: " + status + " for " + escape(path) + ": " + reason);
    }

    /** Where it failed, without the message: an exception's message may quote what a request sent. */
    static void internalError(Throwable e) {
        StackTraceElement[] frames = e.getStackTrace();
        System.err.println("cds-hooks: internal error: " + e.getClass().getName()
                + (frames.length == 0 ? "" : " at " + frames[0]));
    }
}
