package io.guidelinekb.cli;

/**
 * Colour on a terminal: only when standard output is one and {@code NO_COLOR} is not set
 * (no-color.org), so that files, pipes and tests get plain text.
 */
final class Ansi {

    static final Ansi NONE = new Ansi(false);

    private final boolean enabled;

    private Ansi(boolean enabled) {
        this.enabled = enabled;
    }

    /** Colour when there is a console and {@code noColor} (the NO_COLOR variable) is unset or empty. */
    static Ansi of(boolean console, String noColor) {
        return new Ansi(console && (noColor == null || noColor.isEmpty()));
    }

    static Ansi forStdout() {
        return of(System.console() != null, System.getenv("NO_COLOR"));
    }

    String red(String text) {
        return wrap("31", text);
    }

    String green(String text) {
        return wrap("32", text);
    }

    String yellow(String text) {
        return wrap("33", text);
    }

    String bold(String text) {
        return wrap("1", text);
    }

    private String wrap(String code, String text) {
        return enabled && !text.isEmpty() ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
