package io.guidelinekb.util;

/** Whether an author's text can be shown as it is on a terminal, in HTML and in Markdown. */
public final class SafeText {

    private SafeText() {
    }

    /**
     * Why a text an author wrote may not be shown as it is, or null. Texts reach terminals, HTML reports and
     * the Markdown of CDS Hooks cards: a control character (ESC, a newline) could rewrite a terminal
     * or forge a line, a tag or a {@code javascript:} link could run in a browser.
     */
    public static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            int type = Character.getType(text.charAt(i));
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                return "holds the control character U+" + String.format("%04X", (int) text.charAt(i))
                        + "; write plain text on one line";
            }
        }
        if (HTML_TAG.matcher(text).find()) {
            return "holds an HTML tag; write plain text (cards and reports format it)";
        }
        if (text.indexOf(':') >= 0 && withoutWhitespace(text.toLowerCase(java.util.Locale.ROOT)).contains("javascript:")) {
            return "holds a javascript: link; link to the guideline with https only";
        }
        return null;
    }

    /** {@code text} without what the regex {@code \s} matches, with no regex to compile each call. */
    private static String withoutWhitespace(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (" \t\n\u000B\f\r".indexOf(c) < 0) {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    private static final java.util.regex.Pattern HTML_TAG = java.util.regex.Pattern.compile("<\\s*/?\\s*[A-Za-z!]");
}
