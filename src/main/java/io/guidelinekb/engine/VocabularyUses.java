package io.guidelinekb.engine;

import io.guidelinekb.model.RuleProblem;
import io.guidelinekb.model.Vocabulary;
import io.guidelinekb.model.Vocabulary.Section;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every vocabulary id a rule file names, checked against its guideline's vocabulary when the rules
 * load: {@code proposes("MRI")}, {@code hasRedFlag("CAUDA_EQUINA")}, {@code finding("LEG_RADIATION")},
 * {@code ScopeFinding.of($episode, "AGE_UNDER_16")}, {@code ScopeFinding.ofRedFlag($episode, "…")} and
 * {@code Alert.of($episode, "CAUDA_EQUINA")}. A misspelt id is an error at its line and column, not a
 * condition that silently never holds.
 */
final class VocabularyUses {

    private record Use(Pattern pattern, Section section) {
    }

    private static final String ARGUMENT = "\\s*\\(\\s*\"([^\"\\\\]*)\"(?=\\s*\\))";
    private static final String SECOND_ARGUMENT = "\\s*\\(\\s*[^;\"()]*(?:\\([^;\"()]*\\)[^;\"()]*)*,\\s*\"([^\"\\\\]*)\"(?=\\s*\\))";
    private static final List<Use> USES = List.of(
            new Use(Pattern.compile("\\bproposes" + ARGUMENT), Section.INTERVENTIONS),
            new Use(Pattern.compile("\\bhasRedFlag" + ARGUMENT), Section.RED_FLAGS),
            new Use(Pattern.compile("\\bfinding" + ARGUMENT), Section.FINDINGS),
            new Use(Pattern.compile("\\bScopeFinding\\s*\\.\\s*of" + SECOND_ARGUMENT), Section.SCOPE_REASONS),
            new Use(Pattern.compile("\\bScopeFinding\\s*\\.\\s*ofRedFlag" + SECOND_ARGUMENT), Section.RED_FLAGS),
            new Use(Pattern.compile("\\bAlert\\s*\\.\\s*of" + SECOND_ARGUMENT), Section.ALERTS));

    private VocabularyUses() {
    }

    static List<RuleProblem> check(RuleSources.RuleFile file, Vocabulary vocabulary) {
        String source = withoutComments(new String(file.content(), StandardCharsets.UTF_8));
        List<RuleProblem> problems = new ArrayList<>();
        for (Use use : USES) {
            Matcher m = use.pattern().matcher(source);
            while (m.find()) {
                String id = m.group(1);
                if (!vocabulary.has(use.section(), id)) {
                    int[] at = lineAndColumn(source, m.start(1) - 1);
                    problems.add(RuleProblem.error(file.displayPath(), at[0], at[1],
                            vocabulary.unknownMessage(use.section(), id)));
                }
            }
        }
        problems.sort(java.util.Comparator.comparingInt(RuleProblem::line).thenComparingInt(RuleProblem::column));
        return problems;
    }

    /** Comments blanked out, every line and column kept: an id in a comment is no use of it. */
    static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source);
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfString(source, i, c);
            } else if (source.startsWith("//", i)) {
                while (i < source.length() && source.charAt(i) != '\n') {
                    out.setCharAt(i++, ' ');
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? source.length() : end + 2;
                for (; i < end; i++) {
                    if (source.charAt(i) != '\n') {
                        out.setCharAt(i, ' ');
                    }
                }
            } else {
                i++;
            }
        }
        return out.toString();
    }

    private static int endOfString(String source, int start, char quote) {
        int i = start + 1;
        while (i < source.length() && source.charAt(i) != quote && source.charAt(i) != '\n') {
            i += source.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private static int[] lineAndColumn(String source, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (source.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, offset - lineStart + 1};
    }
}
