package io.guidelinekb.engine;

import io.guidelinekb.model.EvaluationException;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;

/**
 * Bounds one evaluation: rule firings, facts inserted and matches made per episode. The sandbox
 * already refuses loops and recursion in rule code, so what is left to run away is rules firing each
 * other without end, and the engine's own matching: a careless join of three patterns over a few
 * hundred facts makes millions of matches before any of them fires. At a limit the rule that went
 * over it is named; matching is stopped where it stands, since halting only takes effect between
 * firings. Only counts are kept on the way: the check costs next to nothing per match.
 */
public final class EvaluationLimits {

    /** The shipped rules fire about 14 times and insert about 14 facts per episode. */
    static final int FIRINGS_PER_EPISODE = 1_000;
    static final int FACTS_PER_EPISODE = 2_000;
    /** The shipped rules make about 14 matches per episode; a few thousand are a rule gone wrong. */
    static final int MATCHES_PER_EPISODE = 10_000;

    /** Thrown from inside the engine's matching to stop it at once; the limit names the rule. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("stopped at a limit", null, false, false);
        }
    }

    private int maxFirings;
    private int maxFacts;
    private int maxMatches;
    private int matches;
    private int firings;
    private int facts;
    private String exceeded;
    /** The rule that went over the limit: the one firing, or inserting, when it was reached. */
    private String rule;

    private final DefaultAgendaEventListener agenda = new DefaultAgendaEventListener() {
        @Override
        public void matchCreated(org.kie.api.event.rule.MatchCreatedEvent event) {
            if (++matches > maxMatches && exceeded == null) {
                exceeded = "more than " + maxMatches + " rule matches (a join of facts that are not related?)";
                rule = event.getMatch().getRule().getName();
                throw new Stopped();
            }
        }

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
            if (event.getRule() != null && (event.getObject() instanceof io.guidelinekb.model.Episode
                    || event.getObject() instanceof io.guidelinekb.model.Patient)) {
                // one patient and one episode per evaluation: what bounds the engine's matching
                throw new EvaluationException(event.getRule().getName(), "rule \"" + event.getRule().getName()
                        + "\" inserted " + event.getObject().getClass().getSimpleName() + " facts; rules add "
                        + "conclusions only (Scope, ScopeFinding, Recommendation, Alert)", null);
            }
            if (event.getRule() != null && ++facts > maxFacts && exceeded == null) {
                exceeded = "more than " + maxFacts + " facts inserted";
                rule = event.getRule().getName();
                event.getKieRuntime().halt();
            }
        }
    };

    EvaluationLimits(int episodes) {
        reset(episodes);
    }

    /**
     * Starts the count again, for {@code episodes} evaluated together: attached once to a session,
     * the limits cost nothing per episode but this.
     */
    void reset(int episodes) {
        this.maxFirings = FIRINGS_PER_EPISODE * episodes;
        this.maxFacts = FACTS_PER_EPISODE * episodes;
        this.maxMatches = MATCHES_PER_EPISODE * episodes;
        matches = 0;
        firings = 0;
        facts = 0;
        exceeded = null;
        rule = null;
    }

    void attachTo(KieSession session) {
        session.addEventListener(agenda);
        session.addEventListener(inserts);
    }

    void detachFrom(KieSession session) {
        session.removeEventListener(agenda);
        session.removeEventListener(inserts);
    }

    /** Whether a limit was hit. */
    boolean exceeded() {
        return exceeded != null;
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
