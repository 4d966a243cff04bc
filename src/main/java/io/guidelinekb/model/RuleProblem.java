package io.guidelinekb.model;

import java.util.Objects;

/**
 * One problem found in the rules, located in its file. Printed compiler-style:
 * {@code rules/nkr-lbp-2016/04-imaging.drl:12:8: error: …}.
 *
 * @param file     the file, as shown to people
 * @param line     1-based, or 0 when the problem concerns the whole file
 * @param column   1-based, or 0 when not known
 * @param severity error or warning
 * @param message  what is wrong, and what to write instead
 */
public record RuleProblem(String file, int line, int column, Severity severity, String message) {

    /** Whether the problem stops the rules from loading. */
    public enum Severity {
        /** The rules do not load. */
        ERROR,
        /** The rules load; an author should look. */
        WARNING;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Checks and copies the components.
     *
     * @param file     the file, as shown to people
     * @param line     1-based, or 0 when the problem concerns the whole file
     * @param column   1-based, or 0 when not known
     * @param severity error or warning
     * @param message  what is wrong, and what to write instead
     */
    public RuleProblem {
        Objects.requireNonNull(file, "file must not be null");
        Objects.requireNonNull(severity, "severity must not be null");
        Objects.requireNonNull(message, "message must not be null");
    }

    /**
     * An error.
     *
     * @param file    the file, as shown to people
     * @param line    1-based, or 0 when the problem concerns the whole file
     * @param column  1-based, or 0 when not known
     * @param message what is wrong, and what to write instead
     * @return the problem
     */
    public static RuleProblem error(String file, int line, int column, String message) {
        return new RuleProblem(file, line, column, Severity.ERROR, message);
    }

    /**
     * Whether this is an error.
     *
     * @return true for an error, false for a warning
     */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        StringBuilder where = new StringBuilder(file);
        if (line > 0) {
            where.append(':').append(line);
            if (column > 0) {
                where.append(':').append(column);
            }
        }
        return where + ": " + severity.label() + ": " + message;
    }
}
