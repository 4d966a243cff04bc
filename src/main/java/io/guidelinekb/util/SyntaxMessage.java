package io.guidelinekb.util;

/** A parser's syntax error made one readable line, for every YAML and JSON file the project reads. */
public final class SyntaxMessage {

    private SyntaxMessage() {
    }

    /**
     * SnakeYAML repeats the location and quotes a snippet with a caret; the location is already
     * given. Jackson names its own setting after a key given twice.
     */
    public static String readable(String message) {
        return message.replaceAll("(?s)\\s*in 'reader', line \\d+, column \\d+:.*?\\^", "")
                .replaceAll("(Duplicate field '[^']*') for `ObjectNode`.*", "$1")
                .replaceAll("(?s)Trailing token \\(of type [A-Z_]+\\) found after value.*", "content after the first "
                        + "document: a file holds one scenario or record (several records go one a line in .ndjson)")
                .replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
