package io.guidelinekb.sandbox;

import io.guidelinekb.model.Episode;
import io.guidelinekb.model.Patient;
import org.drools.base.base.ClassObjectType;
import org.drools.base.rule.Collect;
import org.drools.base.rule.From;
import org.drools.base.rule.GroupElement;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;

/**
 * How much matching a rule can ask of the engine. An episode is evaluated alone with one Patient and
 * one Episode, but rules may insert up to 2,000 conclusions, and a join of patterns over them costs
 * the product of their counts before any match is made: three patterns over a few hundred alerts are
 * tens of millions of tuples, minutes of work that no limit on firings can stop. With at most
 * {@value #MAX_CONCLUSION_PATTERNS} patterns over conclusions a rule stays within a few million,
 * and the engine's limit on matches stops it from there.
 */
final class JoinBound {

    static final int MAX_CONCLUSION_PATTERNS = 2;

    private JoinBound() {
    }

    /** The patterns of {@code element} over facts that rules insert, nested ones too; not those iterating a fact's own values. */
    static int conclusionPatterns(RuleConditionElement element) {
        if (element instanceof GroupElement group) {
            return group.getChildren().stream().mapToInt(JoinBound::conclusionPatterns).sum();
        }
        if (element instanceof Pattern pattern) {
            if (pattern.getSource() instanceof From) {
                return 0;
            }
            if (pattern.getSource() instanceof Collect collect) {
                return conclusionPatterns(collect.getSourcePattern());
            }
            Class<?> type = pattern.getObjectType() instanceof ClassObjectType classType ? classType.getClassType() : null;
            return type == Episode.class || type == Patient.class ? 0 : 1;
        }
        return 0;
    }
}
