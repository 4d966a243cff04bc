package io.guidelinekb.engine;

import io.guidelinekb.EvaluationException;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;

/**
 * Bounds one evaluation: rule firings and facts inserted per episode. The sandbox already refuses
 * loops and recursion in rule code, so what is left to run away is rules firing each other without
 * end; at the limit the engine is halted and the rule that went over it is named. Only counts are
 * kept on the way: the check costs next to nothing per firing.
 */
public final class EvaluationLimits {

    /** The shipped rules fire about 14 times and insert about 14 facts per episode. */
    static final int FIRINGS_PER_EPISODE = 1_000;
    static final int FACTS_PER_EPISODE = 2_000;

    private final int maxFirings;
    private final int maxFacts;
    private int firings;
    private int facts;
    private String exceeded;
    /** The rule that went over the limit: the one firing, or inserting, when it was reached. */
    private String rule;

    private final DefaultAgendaEventListener agenda = new DefaultAgendaEventListener() {
        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            if (++firings > maxFirings && exceeded == null) {
                exceeded = "more than " + maxFirings + " rule firings";
                rule = event.getMatch().getRule().getName();
                event.getKieRuntime().halt();
            }
        }
    };

    private final DefaultRuleRuntimeEventListener inserts = new DefaultRuleRuntimeEventListener() {
        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            if (event.getRule() != null && ++facts > maxFacts && exceeded == null) {
                exceeded = "more than " + maxFacts + " facts inserted";
                rule = event.getRule().getName();
                event.getKieRuntime().halt();
            }
        }
    };

    EvaluationLimits(int episodes) {
        this.maxFirings = FIRINGS_PER_EPISODE * episodes;
        this.maxFacts = FACTS_PER_EPISODE * episodes;
    }

    void attachTo(KieSession session) {
        session.addEventListener(agenda);
        session.addEventListener(inserts);
    }

    void detachFrom(KieSession session) {
        session.removeEventListener(agenda);
        session.removeEventListener(inserts);
    }

    /** Throws when a limit was hit, naming the rule that went over it. */
    void check(String episodes) {
        if (exceeded == null) {
            return;
        }
        throw new EvaluationException(rule, "rule \"" + rule + "\" hit a resource limit on episode " + episodes
                + ": " + exceeded + "; a rule that keeps firing itself or others has no end", null, true);
    }
}
