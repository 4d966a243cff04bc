package io.guidelinekb.engine;

import io.guidelinekb.model.Case;
import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.model.EvaluationException;
import io.guidelinekb.model.Firing;
import io.guidelinekb.model.Alert;
import io.guidelinekb.model.Episode;
import io.guidelinekb.model.Recommendation;
import io.guidelinekb.model.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.ObjectFilter;
import org.kie.api.runtime.rule.ConsequenceException;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Runs cases and turns what the rules concluded into results, under each case's own ids. Several
 * cases share a pooled session in turns, and each turn deletes every fact before the next begins.
 * Cases of one turn see each other's facts only where some rule could join across cases
 * ({@link EpisodeJoins}); then each case is a turn of its own. A result therefore cannot depend on its
 * neighbours in a batch, and {@code explain} sees the same ids as {@code evaluate}.
 */
public final class Evaluator {

    /** Cases that take turns in one pooled session before it goes back to the pool. */
    public static final int BATCH = 64;

    /** Cases that share one session at most, when the rules allow it. */
    public static final int GROUP = 512;

    private static final ObjectFilter RECOMMENDATIONS = new ClassObjectFilter(Recommendation.class);
    private static final ObjectFilter SCOPES = new ClassObjectFilter(Scope.class);
    private static final ObjectFilter ALERTS = new ClassObjectFilter(Alert.class);

    private final GuidelineRules knowledgeBase;

    private final ResultAssembly assembly;

    Evaluator(GuidelineRules knowledgeBase) {
        this.knowledgeBase = knowledgeBase;
        this.assembly = new ResultAssembly(knowledgeBase);
    }

    public EpisodeResult evaluate(Case input) {
        return evaluateInTurn(List.of(input)).get(0);
    }

    /**
     * Evaluates cases, results in input order. Where every rule is tied to its case by id, up to
     * {@link #GROUP} cases that share no episode or patient id are inserted together in one leased
     * session and fired once, and the session goes back to the pool reset; otherwise each is evaluated
     * alone, {@link #BATCH} a lease, deleting every fact between them. A group that fails is
     * evaluated again case by case, so that the error names its episode as an evaluation alone would.
     */
    public List<EpisodeResult> evaluateInTurn(List<Case> cases) {
        return inTurn(cases, knowledgeBase.casesShareSessions());
    }

    /**
     * Evaluates many cases each alone, one a session turn, as when some rule could join two cases:
     * what the probes compare {@link #evaluateInTurn} with, and the benchmark's measure of what sharing gains.
     */
    public List<EpisodeResult> evaluateEachAlone(List<Case> cases) {
        return inTurn(cases, false);
    }

    private List<EpisodeResult> inTurn(List<Case> cases, boolean share) {
        if (share) {
            List<EpisodeResult> results = new ArrayList<>(cases.size());
            for (int from = 0; from < cases.size(); ) {
                int to = endOfGroup(cases, from);
                results.addAll(together(cases.subList(from, to)));
                from = to;
            }
            return results;
        }
        List<EpisodeResult> results = new ArrayList<>(cases.size());
        for (int from = 0; from < cases.size(); from += BATCH) {
            results.addAll(eachAlone(cases.subList(from, Math.min(cases.size(), from + BATCH))));
        }
        return results;
    }

    /** Each case alone, one after another in one leased session, deleting every fact between them. */
    private List<EpisodeResult> eachAlone(List<Case> cases) {
        List<EpisodeResult> results = new ArrayList<>(cases.size());
        try (GuidelineRules.Lease lease = knowledgeBase.lease()) {
            KieSession session = lease.session();
            EvaluationLimits limits = new EvaluationLimits(1);
            limits.attachTo(session);
            try {
                for (Case input : cases) {
                    results.add(alone(session, limits, input));
                }
            } finally {
                limits.detachFrom(session);
            }
        }
        return results;
    }

    /** Where the group that starts at {@code from} ends: before the first case whose episode or patient it holds. */
    private static int endOfGroup(List<Case> cases, int from) {
        java.util.Set<String> episodes = new java.util.HashSet<>();
        java.util.Set<String> patients = new java.util.HashSet<>();
        int to = from;
        while (to < cases.size() && to - from < GROUP && episodes.add(cases.get(to).episode().id())
                && patients.add(cases.get(to).patient().id())) {
            to++;
        }
        return to;
    }

    private EpisodeResult alone(KieSession session, EvaluationLimits limits, Case input) {
        String episodeId = input.episode().id();
        Episode episode = admitted(input.episode());
        limits.reset(1);
        try {
            fire(session, limits, episodeId, () -> {
                session.insert(input.patient());
                session.insert(episode);
            });
            ResultAssembly.Concluded concluded = new ResultAssembly.Concluded();
            sort(session, id -> {
                if (!id.equals(episodeId)) {
                    throw new EvaluationException(null, "the rules concluded about episode " + id
                            + " while evaluating episode " + episodeId + "; a conclusion is about the episode "
                            + "its rule matched", null);
                }
                return concluded;
            });
            EpisodeResult result = assembly.result(input, concluded);
            clear(session);
            return result;
        } catch (RuntimeException | Error e) {
            try {
                clear(session);
            } catch (RuntimeException cleanup) {
                // the lease's close resets the session; the failure that matters is the rule's
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * A group of cases that share no id, inserted together and fired once in a leased session, which
     * goes back to the pool reset: no fact is deleted one by one, which costs as much as inserting it.
     */
    private List<EpisodeResult> together(List<Case> group) {
        java.util.Map<String, ResultAssembly.Concluded> byEpisode = new java.util.HashMap<>(group.size() * 2);
        List<EpisodeResult> results = new ArrayList<>(group.size());
        EvaluationLimits limits = new EvaluationLimits(group.size());
        try (GuidelineRules.Lease lease = knowledgeBase.lease()) {
            KieSession session = lease.session();
            limits.attachTo(session);
            try {
            fire(session, limits, group.get(0).episode().id(), () -> {
                for (Case input : group) {
                    session.insert(input.patient());
                    session.insert(admitted(input.episode()));
                    byEpisode.put(input.episode().id(), new ResultAssembly.Concluded());
                }
            });
            sort(session, id -> {
                ResultAssembly.Concluded concluded = byEpisode.get(id);
                if (concluded == null) {
                    throw new EvaluationException(null, "a conclusion about episode " + id + ", which is not evaluated", null);
                }
                return concluded;
            });
            for (Case input : group) {
                results.add(assembly.result(input, byEpisode.get(input.episode().id())));
            }
            return results;
            } finally {
                limits.detachFrom(session);
            }
        } catch (EvaluationException e) {
            // once more, one by one: the case that fails fails as it would alone, naming its episode
            return eachAlone(group);
        }
    }

    private static void clear(KieSession session) {
        for (FactHandle fact : List.<FactHandle>copyOf(session.getFactHandles())) {
            session.delete(fact);
        }
    }

    /**
     * The episode with its ids checked against the guideline's vocabulary: an unknown id is refused.
     * One a knowledge base already checked against its wider vocabulary (several guidelines' words)
     * keeps only the words of this guideline.
     */
    private Episode admitted(Episode episode) {
        io.guidelinekb.model.Vocabulary own = knowledgeBase.vocabulary();
        if (episode.vocabulary() == own) {
            return episode;
        }
        // checked against several guidelines' words, ours among them: this guideline sees those it has
        return episode.vocabulary() != null && episode.vocabulary().includes(own) ? own.admitKnown(episode)
                : own.admit(episode);
    }

    /**
     * Facts by type and then by what they say: working memory's own order is the engine's (the DRL
     * build and the executable model list the same facts differently), and an explanation should read
     * the same whichever built the rules.
     */
    private static List<Object> inReadingOrder(java.util.Collection<?> facts) {
        return facts.stream().<Object>map(fact -> fact).sorted(java.util.Comparator.comparing((Object fact) ->
                fact.getClass().getName()).thenComparing(String::valueOf)).toList();
    }

    /** The result with the engine's record of the evaluation: every firing, and the facts at the end. */
    public record Traced(EpisodeResult result, List<Firing> firings, List<Object> facts) {
    }

    /** Traces one case under its own ids, so that the record reads as the input does. */
    public Traced evaluateTraced(Case input) {
        try (KieSession session = knowledgeBase.kieBase().newKieSession()) {
            FiringRecorder recorder = new FiringRecorder();
            recorder.attachTo(session);
            String episodeId = input.episode().id();
            Episode episode = admitted(input.episode());
            EvaluationLimits limits = new EvaluationLimits(1);
            limits.attachTo(session);
            try {
                fire(session, limits, episodeId, () -> {
                    session.insert(input.patient());
                    session.insert(episode);
                });
            } finally {
                limits.detachFrom(session);
            }
            ResultAssembly.Concluded concluded = new ResultAssembly.Concluded();
            ResultAssembly.Concluded elsewhere = new ResultAssembly.Concluded();
            sort(session, id -> id.equals(episodeId) ? concluded : elsewhere);
            return new Traced(assembly.result(input, concluded), recorder.firings(), inReadingOrder(session.getObjects()));
        }
    }

    /** Puts each conclusion with the episode it is about. */
    private static void sort(KieSession session, Function<String, ResultAssembly.Concluded> byEpisodeId) {
        for (Object fact : session.getObjects(RECOMMENDATIONS)) {
            Recommendation r = (Recommendation) fact;
            byEpisodeId.apply(r.episodeId()).add(r);
        }
        for (Object fact : session.getObjects(SCOPES)) {
            Scope s = (Scope) fact;
            byEpisodeId.apply(s.episodeId()).scopes.add(s);
        }
        for (Object fact : session.getObjects(ALERTS)) {
            Alert a = (Alert) fact;
            byEpisodeId.apply(a.episodeId()).add(a);
        }
    }

    private static void fire(KieSession session, EvaluationLimits limits, String episodes, Runnable insert) {
        try {
            insert.run();
            session.fireAllRules();
            limits.check(episodes);
        } catch (ConsequenceException e) {
            limits.check(episodes);
            String rule = e.getMatch().getRule().getName();
            throw new EvaluationException(rule, "rule \"" + rule + "\" failed on episode " + episodes + ": "
                    + rootMessage(e), e);
        } catch (EvaluationException e) {
            throw e;
        } catch (OutOfMemoryError | StackOverflowError e) {
            // the session is dropped with its facts: the next evaluation has the memory back
            throw new EvaluationException(null, "evaluation of episode " + episodes + " ran out of "
                    + (e instanceof OutOfMemoryError ? "memory" : "stack") + ": a rule built something too large",
                    e, true);
        } catch (RuntimeException e) {
            limits.check(episodes);   // stopped at a limit, from inside the engine: say which
            throw new EvaluationException(null, "evaluation of episode " + episodes + " failed: "
                    + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
        return root == e ? message : message + " (" + e.getMessage() + ")";
    }
}
