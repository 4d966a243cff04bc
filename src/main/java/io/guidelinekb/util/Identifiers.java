package io.guidelinekb.util;

/**
 * What an id may hold. A newline or other control character in an id could forge lines of a
 * report ("scope: IN_SCOPE" under another patient's heading), so none is allowed.
 */
public final class Identifiers {

    /** Longer ids are not ids but payloads. */
    public static final int MAX_LENGTH = 200;

    private Identifiers() {
    }

    /** What is wrong with {@code id}, or {@code null} when it may be used. */
    public static String problem(String id) {
        if (id.length() > MAX_LENGTH) {
            return "is " + id.length() + " characters long; an id has at most " + MAX_LENGTH;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (unprintable(c)) {
                return "contains the control character U+" + String.format("%04X", (int) c)
                        + " at position " + (i + 1) + "; only printable text is allowed";
            }
        }
        return null;
    }

    /** A character that must never reach a terminal or report raw: controls, format and line separators. */
    private static boolean unprintable(char c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** {@code text} with every unprintable character shown as {@code \\uXXXX}: safe to print. */
    public static String printable(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (unprintable(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                out.append(String.format("\\u%04X", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
