package io.guidelinekb.cdshooks;

import io.guidelinekb.util.Identifiers;

/**
 * The service's own log on stderr. Every value that came with a request (a path, a claim, an
 * algorithm, a header) is escaped and shortened before it is written, so that a caller cannot forge
 * log lines with a newline, U+2028 or U+0085; no token is ever written, nor an exception's message,
 * which may quote one.
 */
public final class ServiceLog {

    /** How lines are written: text for a terminal, or one JSON object a line for a log collector. */
    public enum Format {
        /** {@code cds-hooks: 401 for /cds-services: …} on stderr. */
        TEXT,
        /** One JSON object a line on stdout: time, level, logger, message, and the fields of the event. */
        JSON
    }

    private static final int MAX_VALUE = 200;
    private static volatile Format format = Format.TEXT;
    private static volatile java.io.PrintStream json = System.out;
    /** The hookInstance of the request this thread serves, once it is read; for the request's log line. */
    private static final ThreadLocal<String> HOOK_INSTANCE = new ThreadLocal<>();

    private ServiceLog() {
    }

    /** Sets how the service logs, for the whole process: a command line's choice, made once at start. */
    public static void format(Format chosen) {
        format = chosen;
        json = System.out;
    }

    /** Whether lines are JSON. */
    public static boolean json() {
        return format == Format.JSON;
    }

    /** One JSON line: the event's fields after time, level, logger and message. Values are shortened, never tokens. */
    public static void event(String level, String logger, String message, java.util.Map<String, Object> fields) {
        com.fasterxml.jackson.databind.node.ObjectNode line = Cards.JSON.createObjectNode()
                .put("time", java.time.Instant.now().toString()).put("level", level).put("logger", logger)
                .put("message", shorten(message));
        fields.forEach((key, value) -> {
            if (value instanceof Number number) {
                line.put(key, number.doubleValue() == Math.rint(number.doubleValue()) && !(value instanceof Double)
                        ? number.longValue() : number.doubleValue());
            } else if (value != null) {
                line.put(key, shorten(String.valueOf(value)));
            }
        });
        java.io.PrintStream out = json;
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    private static String shorten(String value) {
        return value == null ? null : value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) + "…" : value;
    }

    static void hookInstance(String hookInstance) {
        HOOK_INSTANCE.set(hookInstance);
    }

    /** The hook instance of the call this thread is answering, or null. */
    static String currentHookInstance() {
        return HOOK_INSTANCE.get();
    }

    /** A request answered: in JSON only, since a terminal does not want a line per call. */
    static void request(String service, String hook, int status, long nanos) {
        String hookInstance = HOOK_INSTANCE.get();
        HOOK_INSTANCE.remove();
        if (json()) {
            java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
            fields.put("service", service);
            fields.put("hook", hook);
            fields.put("hookInstance", hookInstance);
            fields.put("status", status);
            fields.put("durationMs", Math.round(nanos / 1e4) / 100.0);
            event(status >= 500 ? "ERROR" : status >= 400 ? "WARN" : "INFO", "cds-hooks", "request", fields);
        }
    }

    /** {@code value} safe for one log line: control and line-separator characters as {@code \\uXXXX}, at most 200 characters. */
    static String escape(String value) {
        if (value == null) {
            return "null";
        }
        return Identifiers.printable(shorten(value));
    }

    static void refused(int status, String path, String reason) {
        if (json()) {
            event("WARN", "cds-hooks", "refused", java.util.Map.of("status", status, "path", escape(path),
                    "reason", reason));
        } else {
            System.err.println("cds-hooks: " + status + " for " + escape(path) + ": " + reason);
        }
    }

    /** Where it failed, without the message: an exception's message may quote what a request sent. */
    static void internalError(Throwable e) {
        StackTraceElement[] frames = e.getStackTrace();
        String where = e.getClass().getName() + (frames.length == 0 ? "" : " at " + frames[0]);
        if (json()) {
            event("ERROR", "cds-hooks", "internal error", java.util.Map.of("error", where));
        } else {
            System.err.println("cds-hooks: internal error: " + where);
        }
    }

    /** Connections refused from one address since the last time this was said (at most once a minute). */
    static void connectionsRefused(String address, int limit, long refused) {
        String message = refused + " connection(s) refused from " + address + ": it held " + limit
                + " open, as many as one address may (--connections-per-client)";
        if (json()) {
            event("WARN", "cds-hooks", message, java.util.Map.of("client", address, "refused", refused));
        } else {
            System.err.println("cds-hooks: " + message);
        }
    }
}
