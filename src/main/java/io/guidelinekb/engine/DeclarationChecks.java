package io.guidelinekb.engine;

import io.guidelinekb.model.RuleProblem;
import io.guidelinekb.model.RecommendationDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.PatternDescr;

/**
 * What a recommendation rule's declaration must be before it serves: the same checks for lint, load
 * and reload, so that what lint calls an error is never served (a 175-character summary was, cut
 * mid-word on the card). A recommendation rule requires an in-scope status; its alert summaries fit
 * a card. A missing summary is a warning: the card then shows the guideline's full text.
 */
public final class DeclarationChecks {

    private static final Pattern REQUIRES_IN_SCOPE = Pattern.compile("status\\s*==\\s*(ScopeStatus\\.)?IN_SCOPE");
    private static final Pattern REQUIRES_OTHER_STATUS =
            Pattern.compile("status\\s*==\\s*(ScopeStatus\\.)?(OUT_OF_SCOPE|UNDETERMINED)");

    private DeclarationChecks() {
    }

    /**
     * The problems of one rule's declaration.
     *
     * @param rule a rule of the catalogue that declares a recommendation
     * @return its errors and warnings, at its file and line
     */
    public static List<RuleProblem> of(RuleCatalog.RuleEntry rule) {
        List<RuleProblem> problems = new ArrayList<>(scopeGuard(rule));
        problems.addAll(summaries(rule));
        return problems;
    }

    /**
     * The errors of every recommendation rule of a catalogue: what load refuses.
     *
     * @param catalog a guideline folder's rules
     * @return the errors, none when every declaration may serve
     */
    public static List<RuleProblem> errors(RuleCatalog catalog) {
        List<RuleProblem> errors = new ArrayList<>();
        for (RuleCatalog.RuleEntry rule : catalog.rules()) {
            if (rule.definition() != null) {
                of(rule).stream().filter(RuleProblem::isError).forEach(errors::add);
            }
        }
        return errors;
    }

    /** An order alert shows the summary; CDS Hooks wants a card's summary under 140 characters. */
    private static List<RuleProblem> summaries(RuleCatalog.RuleEntry rule) {
        List<RuleProblem> problems = new ArrayList<>();
        for (String key : List.of(RecommendationDefinition.SUMMARY_DA, RecommendationDefinition.SUMMARY_EN)) {
            RuleCatalog.Located at = rule.metadata().get(key);
            String id = rule.definition().id();
            if (at == null || at.value() == null || at.value().isBlank()) {
                problems.add(warning(rule, null, id + " has no @" + key + "(…): an order alert would show the "
                        + "guideline's full text; write a summary of at most " + RecommendationDefinition.SUMMARY_MAX
                        + " characters"));
            } else {
                String shown = rule.definition().withSymbols(at.value());
                if (characters(shown) > RecommendationDefinition.SUMMARY_MAX) {
                    problems.add(RuleProblem.error(rule.file().displayPath(), at.line(), at.column(), id + ": @" + key
                            + " is " + characters(shown) + " characters with its symbols; an alert's summary must be at "
                            + "most " + RecommendationDefinition.SUMMARY_MAX + " (CDS Hooks cards want fewer than 140)"));
                }
                if (shown.equals(at.value().strip())) {
                    problems.add(warning(rule, at, id + ": @" + key + " ends with (" + rule.definition().symbols()
                            + "), which @strength and @evidence give it: drop them from the summary, so that they are "
                            + "written once"));
                }
            }
        }
        return problems;
    }

    private static int characters(String text) {
        String stripped = text.strip();
        return stripped.codePointCount(0, stripped.length());
    }

    /** A recommendation rule must require an in-scope status, or it could speak where the guideline must be silent. */
    private static List<RuleProblem> scopeGuard(RuleCatalog.RuleEntry rule) {
        List<String> statusConstraints = new ArrayList<>();
        for (BaseDescr element : rule.descr().getLhs().getDescrs()) {
            if (element instanceof PatternDescr pattern && pattern.getObjectType().endsWith("Scope")) {
                for (BaseDescr constraint : pattern.getConstraint().getDescrs()) {
                    if (constraint instanceof ExprConstraintDescr e) {
                        statusConstraints.add(e.getExpression());
                    }
                }
            }
        }
        String id = rule.definition().id();
        if (statusConstraints.stream().anyMatch(c -> REQUIRES_OTHER_STATUS.matcher(c).find())) {
            return List.of(error(rule, id + " can never fire together with an in-scope status: its Scope condition "
                    + "requires another status"));
        }
        if (statusConstraints.stream().noneMatch(c -> REQUIRES_IN_SCOPE.matcher(c).find())) {
            return List.of(error(rule, id + " does not require Scope( status == ScopeStatus.IN_SCOPE ): it could "
                    + "recommend for an episode that is out of scope or undetermined"));
        }
        return List.of();
    }

    /**
     * A warning at a rule's metadata value, or at the rule when there is none.
     *
     * @param rule    the rule
     * @param at      the metadata value, or {@code null}
     * @param message what is wrong
     * @return the warning
     */
    public static RuleProblem warning(RuleCatalog.RuleEntry rule, RuleCatalog.Located at, String message) {
        int line = at == null ? rule.line() : at.line();
        int column = at == null ? rule.column() : at.column();
        return new RuleProblem(rule.file().displayPath(), line, column, RuleProblem.Severity.WARNING, message);
    }

    private static RuleProblem error(RuleCatalog.RuleEntry rule, String message) {
        return RuleProblem.error(rule.file().displayPath(), rule.line(), rule.column(), message);
    }
}
