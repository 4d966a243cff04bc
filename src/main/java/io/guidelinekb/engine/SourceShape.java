package io.guidelinekb.engine;

import io.guidelinekb.model.RuleProblem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a rule file must look like before Drools sees it: it begins with its package, and its
 * brackets nest at most {@value #MAX_DEPTH} deep. Drools' parser recurses once per bracket, so a
 * condition nested a few hundred deep overflows its stack; and a file that is not DRL at all (a link
 * to some other file named {@code .drl}) would have its first words quoted in Drools' errors.
 */
final class SourceShape {

    static final int MAX_DEPTH = 40;

    private SourceShape() {
    }

    static List<RuleProblem> check(RuleSources.RuleFile file) {
        String text = new String(file.content(), StandardCharsets.UTF_8);
        List<RuleProblem> problems = new ArrayList<>();
        Scan scan = new Scan(text);
        String first = scan.firstWord();
        if (!"package".equals(first)) {
            problems.add(RuleProblem.error(file.displayPath(), 1, 1, "does not begin with a package declaration; a "
                    + "rule file begins with \"package <name>;\" (its content is not shown, in case it is no rule file)"));
            return problems;
        }
        int[] deepest = scan.tooDeep();
        if (deepest != null) {
            problems.add(RuleProblem.error(file.displayPath(), deepest[0], deepest[1], "brackets nested more than "
                    + MAX_DEPTH + " deep; split the condition or the code into several"));
        }
        return problems;
    }

    /** Walks the text outside comments, strings and character literals. */
    private static final class Scan {
        private final String text;

        Scan(String text) {
            this.text = text;
        }

        String firstWord() {
            int i = skipSpaceAndComments(0);
            int start = i;
            while (i < text.length() && Character.isJavaIdentifierPart(text.charAt(i))) {
                i++;
            }
            return text.substring(start, i);
        }

        /** The line and column of the first bracket past the limit, or null. */
        int[] tooDeep() {
            int depth = 0;
            int line = 1;
            int column = 1;
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                int skipped = skipSpaceAndComments(i);
                if (skipped == i && (c == '"' || c == '\'')) {
                    skipped = skipQuoted(i, c);
                }
                if (skipped > i) {
                    for (int k = i; k < skipped; k++) {
                        if (text.charAt(k) == '\n') {
                            line++;
                            column = 1;
                        } else {
                            column++;
                        }
                    }
                    i = skipped;
                    continue;
                }
                if (c == '(' || c == '[' || c == '{') {
                    if (++depth > MAX_DEPTH) {
                        return new int[] {line, column};
                    }
                } else if (c == ')' || c == ']' || c == '}') {
                    depth = Math.max(0, depth - 1);
                }
                column++;
                i++;
            }
            return null;
        }

        private int skipSpaceAndComments(int i) {
            while (i < text.length()) {
                if (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == '\uFEFF') {
                    i++;
                } else if (text.startsWith("//", i) || text.startsWith("#", i)) {
                    int end = text.indexOf('\n', i);
                    i = end < 0 ? text.length() : end;
                } else if (text.startsWith("/*", i)) {
                    int end = text.indexOf("*/", i + 2);
                    i = end < 0 ? text.length() : end + 2;
                } else {
                    break;
                }
            }
            return i;
        }

        private int skipQuoted(int i, char quote) {
            int k = i + 1;
            while (k < text.length() && text.charAt(k) != quote && text.charAt(k) != '\n') {
                k += text.charAt(k) == '\\' ? 2 : 1;
            }
            return Math.min(k + 1, text.length());
        }
    }
}
