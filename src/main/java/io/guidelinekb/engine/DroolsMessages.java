package io.guidelinekb.engine;

import io.guidelinekb.model.RuleProblem;
import io.guidelinekb.util.Spelling;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drools' messages, said as an author can act on them: a field or constant that does not exist is
 * named with what does (and the nearest one), and an error Drools gives no line is placed where
 * its expression stands. Drools' own text stays at the end, in brackets.
 */
public final class DroolsMessages {

    private static final Pattern UNRESOLVED = Pattern.compile(
            "Unable to Analyse Expression (.+?): \\[Error: unable to resolve method using strict-mode: "
                    + "([\\w.$]+)\\.(\\w+)\\(\\)\\]");

    private DroolsMessages() {
    }

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate rule name: (.+)");

    /**
     * A rule name given twice (a copied file) makes Drools report the name on one file and a clash
     * of generated classes on the other: one message instead, on the later file, saying where the
     * name was first used and what to do.
     */
    static List<RuleProblem> duplicates(List<RuleProblem> problems, RuleSources sources) {
        List<RuleProblem> duplicates = problems.stream().filter(p -> DUPLICATE.matcher(p.message()).matches()).toList();
        if (duplicates.isEmpty()) {
            return problems;
        }
        List<RuleProblem> kept = new ArrayList<>();
        for (RuleProblem problem : problems) {
            if (problem.message().contains("Rule Compilation error The type Rule_") && problem.message()
                    .endsWith("is already defined")) {
                continue;
            }
            Matcher m = DUPLICATE.matcher(problem.message());
            if (!m.matches()) {
                kept.add(problem);
                continue;
            }
            String name = m.group(1).strip();
            List<Definition> definitions = definitions(sources, name);
            if (definitions.size() < 2 || kept.stream().anyMatch(p -> p.message().startsWith("rule name \"" + name + "\""))) {
                kept.add(problem);
                continue;
            }
            Definition first = definitions.get(0);
            Definition copy = definitions.get(definitions.size() - 1);
            kept.add(new RuleProblem(copy.file(), copy.line(), 1, problem.severity(), "rule name \""
                    + name + "\" is already used at " + first.file() + ":" + first.line() + "; rule names must be unique "
                    + "across the rules folder: a copied file keeps its rules' names, so rename the rule (and give a "
                    + "copied recommendation a new @recommendation id) [Drools: " + problem.message() + "]"));
        }
        return kept;
    }

    private record Definition(String file, int line) {
    }

    /** Where a rule of this name is declared, in the order the files are read. */
    private static List<Definition> definitions(RuleSources sources, String name) {
        List<Definition> definitions = new ArrayList<>();
        for (RuleSources.RuleFile file : sources.files()) {
            String[] lines = new String(file.content(), StandardCharsets.UTF_8).split("\\R", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].strip().startsWith("rule \"" + name + "\"")) {
                    definitions.add(new Definition(file.displayPath(), i + 1));
                }
            }
        }
        return definitions;
    }

    /**
     * Drools places a Java syntax error of a consequence at the rule's first line. For a missing
     * {@code ;}, the line is the first statement of the consequence that does not end.
     */
    private static RuleProblem missingSemicolon(RuleProblem problem, RuleSources sources) {
        for (RuleSources.RuleFile file : sources.files()) {
            if (!file.displayPath().equals(problem.file())) {
                continue;
            }
            String[] lines = new String(file.content(), StandardCharsets.UTF_8).split("\\R", -1);
            boolean consequence = false;
            for (int i = Math.max(problem.line() - 1, 0); i < lines.length; i++) {
                String code = lines[i].contains("//") ? lines[i].substring(0, lines[i].indexOf("//")) : lines[i];
                code = code.strip();
                if (!consequence) {
                    consequence = code.equals("then");
                    continue;
                }
                if (code.equals("end")) {
                    break;
                }
                String next = i + 1 < lines.length ? lines[i + 1].strip() : "";
                boolean continues = code.isEmpty() || code.endsWith(";") || code.endsWith("{") || code.endsWith("}")
                        || code.endsWith("(") || code.endsWith(",") || code.endsWith("+") || code.endsWith("&&")
                        || code.endsWith("||") || next.startsWith(".") || next.startsWith("+") || next.startsWith(")");
                if (!continues) {
                    return new RuleProblem(problem.file(), i + 1, lines[i].stripTrailing().length() + 1,
                            problem.severity(), "this statement of the consequence does not end with ';': add one at "
                            + "the end of the line [Drools: " + problem.message() + "]");
                }
            }
        }
        return problem;
    }

    /** The problem, translated when Drools' message is one this knows; otherwise as it was. */
    static RuleProblem translate(RuleProblem problem, RuleSources sources) {
        if (problem.message().contains("Rule Compilation error Syntax error, insert \";\"")) {
            return missingSemicolon(problem, sources);
        }
        Matcher m = UNRESOLVED.matcher(problem.message());
        if (!m.find()) {
            return problem;
        }
        String expression = m.group(1).strip();
        Class<?> type = load(m.group(2));
        if (type == null) {
            return problem;
        }
        String member = m.group(3);
        String message = type.isEnum() ? constant(type, member) : field(type, member);
        int line = problem.line();
        int column = problem.column();
        if (line == 0 || column == 0) {
            int[] at = locate(sources, problem.file(), expression, line);
            line = at[0];
            column = at[1];
        }
        return new RuleProblem(problem.file(), line, column, problem.severity(), message + " [Drools: "
                + m.group(0) + "]");
    }

    private static String field(Class<?> type, String name) {
        List<String> fields = new ArrayList<>();
        for (Method method : type.getMethods()) {
            if (method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())
                    && method.getDeclaringClass() == type && method.getReturnType() != void.class) {
                fields.add(propertyName(method.getName()));
            }
        }
        if (type.isRecord()) {
            fields = Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).toList();
        }
        return type.getSimpleName() + " has no field \"" + name + "\"" + nearest(name, fields) + "; its fields: "
                + String.join(", ", fields);
    }

    private static String constant(Class<?> type, String name) {
        List<String> constants = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
        return type.getSimpleName() + " has no constant " + name + nearest(name, constants) + "; its constants: "
                + String.join(", ", constants);
    }

    private static String propertyName(String method) {
        for (String prefix : new String[] {"get", "is"}) {
            if (method.startsWith(prefix) && method.length() > prefix.length()
                    && Character.isUpperCase(method.charAt(prefix.length()))) {
                return Character.toLowerCase(method.charAt(prefix.length())) + method.substring(prefix.length() + 1);
            }
        }
        return method;
    }

    /** {@code ; did you mean X?} for the closest name that shares most with {@code name}, or nothing. */
    private static String nearest(String name, List<String> candidates) {
        String wanted = name.toLowerCase(Locale.ROOT).replace("_", "");
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            String plain = candidate.toLowerCase(Locale.ROOT).replace("_", "");
            int score = plain.startsWith(wanted) || plain.contains(wanted) ? 0 : Spelling.distance(wanted, plain);
            if (score < bestScore) {
                bestScore = score;
                best = candidate;
            }
        }
        return best != null && bestScore <= Math.max(2, wanted.length() / 3) ? " (did you mean " + best + "?)" : "";
    }

    /**
     * Where {@code expression} first stands in the file (on {@code line}, when Drools gave one): line
     * and column, from 1; the line alone, or {0, 0}, when not found.
     */
    private static int[] locate(RuleSources sources, String file, String expression, int line) {
        for (RuleSources.RuleFile ruleFile : sources.files()) {
            if (!ruleFile.displayPath().equals(file)) {
                continue;
            }
            String[] lines = new String(ruleFile.content(), StandardCharsets.UTF_8).split("\\R", -1);
            for (int i = line > 0 ? line - 1 : 0; i < (line > 0 ? Math.min(line, lines.length) : lines.length); i++) {
                int at = lines[i].indexOf(expression);
                if (at >= 0) {
                    return new int[] {i + 1, at + 1};
                }
            }
        }
        return new int[] {line, 0};
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, DroolsMessages.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
    }
}
