package io.guidelinekb.engine;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.PatternSourceDescr;
import org.drools.drl.ast.descr.RuleDescr;

/**
 * Whether a rule reaches only the facts of one case: its first pattern picks a fact, and every other
 * pattern over working memory is tied to one already reached by an id ({@code id}, {@code episodeId},
 * {@code patientId} or {@code episode} equal to a variable bound to one of those, or to a pattern).
 * Many cases then share a session safely, when no two of them share an episode or a patient id: no
 * rule can see a neighbour's facts. What this cannot tell is read as a join across cases, and the
 * guideline is evaluated one case a session, as before.
 */
final class EpisodeJoins {

    /** {@code id == $x}, {@code $x == episodeId}, …: a pattern tied to a fact already reached. */
    private static final Pattern TIED = Pattern.compile(
            "(?:(?:id|episodeId|patientId|episode)\\s*==\\s*(\\$\\w+))|(?:(\\$\\w+)\\s*==\\s*(?:id|episodeId|patientId|episode))");
    /** {@code $x : id}: a variable that names a fact's identity. */
    private static final Pattern IDENTITY = Pattern.compile("(\\$\\w+)\\s*:\\s*(?:id|episodeId|patientId|episode)");

    private EpisodeJoins() {
    }

    /**
     * The first pattern of {@code rule} that is not tied to its case by id.
     *
     * @param rule a rule as parsed
     * @return what is not tied, and where, as an author reads it; empty when every pattern is
     */
    static Optional<String> untied(RuleDescr rule) {
        Walk walk = new Walk();
        walk.element(rule.getLhs());
        return Optional.ofNullable(walk.untied);
    }

    private static final class Walk {
        private final Set<String> reached = new HashSet<>();
        private boolean anchored;
        /** Within not, exists, forall, collect and accumulate, which read working memory as a whole. */
        private int within;
        private String untied;

        void element(BaseDescr element) {
            if (untied != null) {
                return;
            }
            if (element instanceof PatternDescr pattern) {
                pattern(pattern);
            } else if (element instanceof EvalDescr) {
                // an eval reads bound variables only; it reaches no fact of its own
                return;
            } else if (element instanceof ConditionalElementDescr group) {
                // and, or: each pattern within is tied like any other; not, exists, forall: none may be
                // the first, since it would ask about every case in the session
                boolean whole = !(group instanceof org.drools.drl.ast.descr.AndDescr
                        || group instanceof org.drools.drl.ast.descr.OrDescr);
                List<? extends BaseDescr> parts = group.getDescrs();
                within += whole ? 1 : 0;
                parts.forEach(this::element);
                within -= whole ? 1 : 0;
            } else {
                untied = "a condition at line " + element.getLine() + " that cannot be read for its joins";
            }
        }

        private void pattern(PatternDescr pattern) {
            PatternSourceDescr source = pattern.getSource();
            if (source instanceof FromDescr) {
                // from an expression over what is bound already: derived, not a fact of working memory
                bindIdentities(pattern);
                return;
            }
            if (source instanceof CollectDescr || source instanceof AccumulateDescr) {
                within++;
                element(source instanceof CollectDescr collect ? collect.getInputPattern()
                        : ((AccumulateDescr) source).getInput());
                within--;
                bindIdentities(pattern);
                return;
            }
            if (source != null) {
                untied = "pattern " + pattern.getObjectType() + " at line " + pattern.getLine() + " reads from "
                        + source.getClass().getSimpleName();
                return;
            }
            if ((anchored || within > 0) && !tied(pattern)) {
                untied = "pattern " + pattern.getObjectType() + "( … ) at line " + pattern.getLine()
                        + " is not tied to its episode or patient by id";
                return;
            }
            anchored = true;
            bind(pattern);
        }

        private boolean tied(PatternDescr pattern) {
            for (BaseDescr constraint : pattern.getConstraint().getDescrs()) {
                if (constraint instanceof ExprConstraintDescr expression) {
                    Matcher tie = TIED.matcher(expression.getExpression().strip());
                    if (tie.matches() && reached.contains(tie.group(1) != null ? tie.group(1) : tie.group(2))) {
                        return true;
                    }
                }
            }
            return false;
        }

        private void bind(PatternDescr pattern) {
            if (pattern.getIdentifier() != null) {
                reached.add(pattern.getIdentifier());
            }
            bindIdentities(pattern);
        }

        private void bindIdentities(PatternDescr pattern) {
            for (BaseDescr constraint : pattern.getConstraint().getDescrs()) {
                if (constraint instanceof ExprConstraintDescr expression) {
                    Matcher identity = IDENTITY.matcher(expression.getExpression());
                    while (identity.find()) {
                        reached.add(identity.group(1));
                    }
                }
            }
        }
    }
}
