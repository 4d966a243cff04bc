package io.guidelinekb.util;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The characters of codes. SNOMED CT, LOINC, ICD-10, SKS, ATC and ICPC-2 codes, and the URIs of their
 * systems, are ASCII without spaces: a code pasted from a web page may carry a no-break space or a
 * zero-width character that no record will ever match.
 */
public final class CodeCharacters {

    private CodeCharacters() {
    }

    /**
     * The first character a code cannot hold, named: {@code U+00A0 NO-BREAK SPACE at character 34}.
     *
     * @param text a code, or {@code system|code}
     * @return its description, or {@code null} when every character is a visible ASCII one
     */
    public static String firstUnusual(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (c < 0x21 || c > 0x7e) {
                String name = Character.getName(c);
                return String.format(Locale.ROOT, "U+%04X %s at character %d", c,
                        name == null ? "(unassigned)" : name, text.codePointCount(0, i) + 1);
            }
            i += Character.charCount(c);
        }
        return null;
    }

    /** The text with every character outside visible ASCII written as {@code \\u00A0}, so that a message shows it. */
    public static String visible(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(c -> {
            if (c < 0x21 || c > 0x7e) {
                out.append(String.format(Locale.ROOT, "\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /**
     * A code or system as a record sent it, made comparable: NFC-normalised, and without the spaces,
     * no-break spaces and invisible format characters (zero-width space, byte-order mark) around it.
     * What is inside stays: a code that still matches nothing is reported as unbound.
     *
     * @param text as sent, or {@code null}
     * @return the text to match, or {@code null}
     */
    public static String normalise(String text) {
        if (text == null) {
            return null;
        }
        String nfc = Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
        int start = 0;
        int end = nfc.length();
        while (start < end && blank(nfc.charAt(start))) {
            start++;
        }
        while (end > start && blank(nfc.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == nfc.length() ? nfc : nfc.substring(start, end);
    }

    private static boolean blank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT;
    }
}
