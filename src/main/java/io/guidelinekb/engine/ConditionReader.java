package io.guidelinekb.engine;

import io.guidelinekb.model.ConditionCheck;
import java.io.Serializable;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.mvel2.MVEL;
import org.mvel2.ParserContext;

/**
 * Reads a rule's conditions, as written, against the facts an evaluation ended with, so that an
 * explanation can say which held and which failed, with the values they saw. Each condition is
 * evaluated with MVEL, the expression language of the rules themselves; nothing of the rules'
 * logic is written again in Java. What it cannot read it reports as UNKNOWN, never as a verdict.
 */
public final class ConditionReader {

    private static final Pattern BINDING = Pattern.compile("^\\s*(\\$\\w+)\\s*:\\s*(.+)$", Pattern.DOTALL);
    private static final Pattern NEGATED_OPERATOR = Pattern.compile(
            "^(.+?)\\s+not\\s+(contains|memberOf|matches|soundslike)\\s+(.+)$", Pattern.DOTALL);
    private static final Pattern PATH = Pattern.compile("(?<![.$\\w])([a-z]\\w*(?:\\.[a-z]\\w*)*)\\b");
    /** A vocabulary look-up on an episode, {@code episode.finding("LEG_RADIATION")}: shown with the value it gave. */
    private static final Pattern VOCABULARY_CALL = Pattern.compile(
            "(?<![.$\\w])((?:[a-z]\\w*\\.)*)(finding|proposes|hasRedFlag)\\(\\s*\"([A-Z][A-Z0-9_]*)\"\\s*\\)");

    private final ParserContext parserContext = new ParserContext();
    private final Collection<Object> facts;

    ConditionReader(List<String> imports, Collection<Object> facts) {
        this.facts = facts;
        for (String target : imports) {
            if (target.endsWith(".*")) {
                parserContext.addPackageImport(target.substring(0, target.length() - 2));
            } else {
                try {
                    Class<?> type = Class.forName(target, false, ConditionReader.class.getClassLoader());
                    parserContext.addImport(type.getSimpleName(), type);
                } catch (ClassNotFoundException e) {
                    // an import the explainer cannot see only leaves some conditions UNKNOWN
                }
            }
        }
    }

    /** The rule's top-level conditions in order, up to and including the first that fails. */
    List<ConditionCheck> read(RuleDescr rule) {
        List<ConditionCheck> checks = new ArrayList<>();
        Map<String, Object> variables = new HashMap<>();
        for (BaseDescr element : rule.getLhs().getDescrs()) {
            boolean held = read(element, variables, checks);
            if (!held) {
                break;
            }
        }
        return checks;
    }

    private boolean read(BaseDescr element, Map<String, Object> variables, List<ConditionCheck> checks) {
        if (element instanceof PatternDescr pattern) {
            return readPattern(pattern, variables, checks);
        }
        if (element instanceof NotDescr not && not.getDescrs().size() == 1
                && not.getDescrs().get(0) instanceof PatternDescr inner) {
            return readExistence(inner, variables, checks, false);
        }
        if (element instanceof ExistsDescr exists && exists.getDescrs().size() == 1
                && exists.getDescrs().get(0) instanceof PatternDescr inner) {
            return readExistence(inner, variables, checks, true);
        }
        checks.add(new ConditionCheck(element.getText() == null ? element.getClass().getSimpleName() : element.getText(),
                element.getLine(), ConditionCheck.Verdict.UNKNOWN, "not read by the explainer"));
        return false;
    }

    private boolean readPattern(PatternDescr pattern, Map<String, Object> variables, List<ConditionCheck> checks) {
        List<?> candidates;
        String from = "";
        if (pattern.getSource() instanceof CollectDescr collect) {
            return readCollect(pattern, collect, variables, checks);
        } else if (pattern.getSource() instanceof FromDescr source) {
            Object items = evaluate(source.getDataSource().getText(), null, variables);
            candidates = items instanceof Collection<?> c ? List.copyOf(c) : items == null ? List.of() : List.of(items);
            from = " from " + source.getDataSource().getText();
        } else if (pattern.getSource() == null) {
            candidates = factsOfType(pattern.getObjectType());
        } else {
            checks.add(new ConditionCheck(label(pattern), pattern.getLine(), ConditionCheck.Verdict.UNKNOWN,
                    "not read by the explainer"));
            return false;
        }
        candidates = candidates.stream().filter(c -> isOfType(c, pattern.getObjectType())).toList();
        if (candidates.isEmpty()) {
            checks.add(new ConditionCheck(label(pattern) + from, pattern.getLine(), ConditionCheck.Verdict.FAILED,
                    "no " + pattern.getObjectType() + " fact" + (from.isEmpty() ? "" : " (" + from.strip() + " is empty)")));
            return false;
        }
        Match best = null;
        for (Object candidate : candidates) {
            Match match = match(pattern, candidate, variables);
            if (match.held()) {
                bind(pattern, candidate, match.variables());
                variables.putAll(match.variables());
                checks.addAll(match.checks().isEmpty()
                        ? List.of(new ConditionCheck(label(pattern) + from, pattern.getLine(),
                                ConditionCheck.Verdict.HELD, "found " + candidate))
                        : match.checks());
                return true;
            }
            if (best == null || match.passed() > best.passed()) {
                best = match;
            }
        }
        checks.addAll(best.checks());
        return false;
    }

    private boolean readCollect(PatternDescr pattern, CollectDescr collect, Map<String, Object> variables,
                                List<ConditionCheck> checks) {
        PatternDescr input = collect.getInputPattern();
        List<Object> collected = factsOfType(input.getObjectType()).stream()
                .filter(fact -> match(input, fact, variables).held()).toList();
        String text = label(pattern) + " from collect( " + label(input) + " )";
        Match match = match(pattern, new ArrayList<>(collected), variables);
        String observed = "collected " + collected;
        checks.add(new ConditionCheck(text, pattern.getLine(), match.held() ? ConditionCheck.Verdict.HELD
                : match.checks().stream().anyMatch(c -> c.verdict() == ConditionCheck.Verdict.UNKNOWN)
                ? ConditionCheck.Verdict.UNKNOWN : ConditionCheck.Verdict.FAILED, observed));
        if (match.held()) {
            bind(pattern, collected, variables);
        }
        return match.held();
    }

    private boolean readExistence(PatternDescr inner, Map<String, Object> variables, List<ConditionCheck> checks,
                                  boolean wanted) {
        List<Object> found = factsOfType(inner.getObjectType()).stream()
                .filter(fact -> match(inner, fact, variables).held()).toList();
        boolean held = found.isEmpty() != wanted;
        String text = (wanted ? "exists " : "not ") + label(inner);
        checks.add(new ConditionCheck(text, inner.getLine(), held ? ConditionCheck.Verdict.HELD
                : ConditionCheck.Verdict.FAILED, found.isEmpty() ? "none found" : "found " + found));
        return held;
    }

    private record Match(boolean held, int passed, List<ConditionCheck> checks, Map<String, Object> variables) {
    }

    private Match match(PatternDescr pattern, Object candidate, Map<String, Object> outer) {
        Map<String, Object> variables = new HashMap<>(outer);
        List<ConditionCheck> checks = new ArrayList<>();
        int passed = 0;
        for (BaseDescr constraint : pattern.getConstraint().getDescrs()) {
            if (!(constraint instanceof ExprConstraintDescr expression)) {
                checks.add(new ConditionCheck(String.valueOf(constraint.getText()), constraint.getLine(),
                        ConditionCheck.Verdict.UNKNOWN, "not read by the explainer"));
                return new Match(false, passed, checks, variables);
            }
            String text = expression.getExpression().strip().replaceAll("\\s+", " ");
            String shown = pattern.getObjectType() + "( " + text + " )";
            Matcher binding = BINDING.matcher(text);
            if (binding.matches()) {
                variables.put(binding.group(1), evaluate(binding.group(2), candidate, variables));
                continue;
            }
            Object value;
            try {
                value = evaluate(text, candidate, variables);
            } catch (RuntimeException e) {
                checks.add(new ConditionCheck(shown, constraint.getLine(), ConditionCheck.Verdict.UNKNOWN,
                        "could not be read: " + e.getMessage().lines().findFirst().orElse("")));
                return new Match(false, passed, checks, variables);
            }
            boolean held = Boolean.TRUE.equals(value);
            checks.add(new ConditionCheck(shown, constraint.getLine(),
                    held ? ConditionCheck.Verdict.HELD : ConditionCheck.Verdict.FAILED, observed(text, candidate)));
            if (!held) {
                return new Match(false, passed, checks, variables);
            }
            passed++;
        }
        return new Match(true, passed, checks, variables);
    }

    private static void bind(PatternDescr pattern, Object fact, Map<String, Object> variables) {
        if (pattern.getIdentifier() != null) {
            variables.put(pattern.getIdentifier(), fact);
        }
    }

    private Object evaluate(String drlExpression, Object context, Map<String, Object> variables) {
        Matcher negated = NEGATED_OPERATOR.matcher(drlExpression);
        String expression = negated.matches() && !drlExpression.contains("&&") && !drlExpression.contains("||")
                ? "!(" + negated.group(1) + " " + negated.group(2) + " " + negated.group(3) + ")"
                : drlExpression;
        Serializable compiled = MVEL.compileExpression(expression, parserContext);
        return context == null ? MVEL.executeExpression(compiled, variables)
                : MVEL.executeExpression(compiled, context, variables);
    }

    /**
     * The fact's fields that the condition names, e.g. {@code ageYears = 45}, followed through
     * nested records: {@code episode.selfCareGainExpected = false}.
     */
    private static String observed(String condition, Object fact) {
        if (fact instanceof Collection<?> collection) {
            return "collected " + collection;
        }
        if (!fact.getClass().isRecord()) {
            return String.valueOf(fact);
        }
        Map<String, Object> seen = new LinkedHashMap<>();
        Matcher calls = VOCABULARY_CALL.matcher(condition);
        while (calls.find()) {
            lookUp(fact, calls, seen);
        }
        Matcher paths = PATH.matcher(VOCABULARY_CALL.matcher(condition).replaceAll(""));
        while (paths.find()) {
            follow(fact, paths.group(1), seen);
        }
        return seen.entrySet().stream().map(e -> e.getKey() + " = " + show(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** Records in {@code seen} what a vocabulary look-up gave, when its path leads to an episode. */
    private static void lookUp(Object fact, Matcher call, Map<String, Object> seen) {
        Object target = fact;
        String prefix = call.group(1);
        for (String field : prefix.isEmpty() ? new String[0] : prefix.substring(0, prefix.length() - 1).split("\\.")) {
            target = component(target, field);
        }
        if (target instanceof io.guidelinekb.model.Episode episode) {
            String id = call.group(3);
            Object value = switch (call.group(2)) {
                case "finding" -> episode.findings().get(id);
                case "proposes" -> episode.proposedInterventions().contains(id);
                default -> episode.redFlags().contains(id);
            };
            seen.put(call.group(0), value);
        }
    }

    /** Records in {@code seen} the value at the longest start of {@code path} that runs through record fields. */
    private static void follow(Object fact, String path, Map<String, Object> seen) {
        Object value = fact;
        String reached = null;
        for (String step : path.split("\\.")) {
            RecordComponent component = value == null || !value.getClass().isRecord() ? null
                    : java.util.Arrays.stream(value.getClass().getRecordComponents())
                            .filter(c -> c.getName().equals(step)).findFirst().orElse(null);
            if (component == null) {
                break;
            }
            value = valueOf(component, value);
            reached = reached == null ? step : reached + "." + step;
        }
        if (reached != null) {
            seen.putIfAbsent(reached, value);
        }
    }

    /** A record's component by name, or {@code null} when it has none of that name. */
    private static Object component(Object value, String name) {
        if (value == null || !value.getClass().isRecord()) {
            return null;
        }
        return java.util.Arrays.stream(value.getClass().getRecordComponents()).filter(c -> c.getName().equals(name))
                .findFirst().map(c -> valueOf(c, value)).orElse(null);
    }

    private static Object valueOf(RecordComponent component, Object fact) {
        try {
            return component.getAccessor().invoke(fact);
        } catch (ReflectiveOperationException e) {
            return "?";
        }
    }

    private static String show(Object value) {
        return value == null ? "unknown" : value.toString();
    }

    private List<Object> factsOfType(String type) {
        return facts.stream().filter(fact -> isOfType(fact, type)).toList();
    }

    private static boolean isOfType(Object fact, String type) {
        if (type.equals("Object")) {
            return true;
        }
        for (Class<?> c = fact.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getSimpleName().equals(type) || c.getName().equals(type)) {
                return true;
            }
        }
        for (Class<?> i : fact.getClass().getInterfaces()) {
            if (i.getSimpleName().equals(type) || i.getName().equals(type)) {
                return true;
            }
        }
        return false;
    }

    private static String label(PatternDescr pattern) {
        String constraints = pattern.getConstraint().getDescrs().stream()
                .map(d -> d instanceof ExprConstraintDescr e ? e.getExpression().strip().replaceAll("\\s+", " ")
                        : String.valueOf(d.getText()))
                .collect(Collectors.joining(", "));
        return (pattern.getIdentifier() == null ? "" : pattern.getIdentifier() + " : ") + pattern.getObjectType()
                + "(" + (constraints.isEmpty() ? "" : " " + constraints + " ") + ")";
    }
}
