package io.guidelinekb;

import io.guidelinekb.model.Alert;
import io.guidelinekb.model.Recommendation;
import io.guidelinekb.model.Scope;
import io.guidelinekb.model.ScopeStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;

/**
 * Runs cases in fresh sessions and turns what the rules concluded into results. Several cases can
 * share one session: each gets unique internal ids (the rules relate facts only by id), which
 * saves building the session's network memory per case.
 */
final class Evaluator {

    /** Cases per shared session: beyond this, the session's fact store grows for no gain. */
    static final int BATCH = 64;

    private static final String INTERNAL = "#";

    private final KnowledgeBase knowledgeBase;

    Evaluator(KnowledgeBase knowledgeBase) {
        this.knowledgeBase = knowledgeBase;
    }

    EpisodeResult evaluate(Case input) {
        return evaluateTogether(List.of(input)).get(0);
    }

    /** Evaluates up to {@link #BATCH} cases in one session; results in input order. */
    List<EpisodeResult> evaluateTogether(List<Case> cases) {
        Concluded[] concluded = new Concluded[cases.size()];
        try (KieSession session = knowledgeBase.pooledSession()) {
            fire(cases, session);
            for (int i = 0; i < concluded.length; i++) {
                concluded[i] = new Concluded();
            }
            sort(session.getObjects(), episodeId -> concluded[indexOf(episodeId)]);
        }
        List<EpisodeResult> results = new ArrayList<>(cases.size());
        for (int i = 0; i < concluded.length; i++) {
            results.add(result(cases.get(i), concluded[i]));
        }
        return results;
    }

    /** The result with the engine's record of the evaluation: every firing, and the facts at the end. */
    record Traced(EpisodeResult result, List<Firing> firings, List<Object> facts) {
    }

    /** Traces one case under its own ids, so that the record reads as the input does. */
    Traced evaluateTraced(Case input) {
        try (KieSession session = knowledgeBase.kieBase().newKieSession()) {
            FiringRecorder recorder = new FiringRecorder();
            recorder.attachTo(session);
            String episodeId = input.episode().id();
            insertAndFire(session, episodeId, () -> {
                session.insert(input.patient());
                session.insert(input.episode());
            });
            Concluded concluded = new Concluded();
            Concluded elsewhere = new Concluded();
            sort(session.getObjects(), id -> id.equals(episodeId) ? concluded : elsewhere);
            return new Traced(result(input, concluded), recorder.firings(), List.copyOf(session.getObjects()));
        }
    }

    private static final class Concluded {
        final List<Scope> scopes = new ArrayList<>(1);
        final List<Alert> alerts = new ArrayList<>(1);
        final List<Recommendation> recommendations = new ArrayList<>(10);
    }

    /** Puts each conclusion with the episode it is about. */
    private static void sort(Iterable<?> facts, Function<String, Concluded> byEpisodeId) {
        for (Object fact : facts) {
            if (fact instanceof Recommendation r) {
                byEpisodeId.apply(r.episodeId()).recommendations.add(r);
            } else if (fact instanceof Scope s) {
                byEpisodeId.apply(s.episodeId()).scopes.add(s);
            } else if (fact instanceof Alert a) {
                byEpisodeId.apply(a.episodeId()).alerts.add(a);
            }
        }
    }

    private static void fire(List<Case> cases, KieSession session) {
        String episodes = cases.size() == 1 ? cases.get(0).episode().id()
                : cases.get(0).episode().id() + " … " + cases.get(cases.size() - 1).episode().id();
        insertAndFire(session, episodes, () -> {
            for (int i = 0; i < cases.size(); i++) {
                String id = INTERNAL + i;
                session.insert(cases.get(i).patient().withId(id));
                session.insert(cases.get(i).episode().withIds(id, id));
            }
        });
    }

    private static void insertAndFire(KieSession session, String episodes, Runnable insert) {
        try {
            insert.run();
            session.fireAllRules();
        } catch (ConsequenceException e) {
            String rule = e.getMatch().getRule().getName();
            throw new EvaluationException(rule, "rule \"" + rule + "\" failed on episode " + episodes + ": "
                    + rootMessage(e), e);
        } catch (RuntimeException e) {
            throw new EvaluationException(null, "evaluation of episode " + episodes + " failed: "
                    + rootMessage(e), e);
        }
    }

    private static int indexOf(String internalId) {
        return Integer.parseInt(internalId, INTERNAL.length(), internalId.length(), 10);
    }

    private EpisodeResult result(Case input, Concluded concluded) {
        String episodeId = input.episode().id();
        Scope scope = onlyScope(concluded.scopes, episodeId);
        List<Recommendation> recommendations = new ArrayList<>(concluded.recommendations.size());
        for (Recommendation r : concluded.recommendations) {
            recommendations.add(r.forEpisode(episodeId, knowledgeBase.provenanceOf(r.provenance().rule())));
        }
        checkRecommendations(scope.status(), episodeId, recommendations);
        recommendations.sort(Comparator.comparing(Recommendation::id));
        List<Alert> alerts = new ArrayList<>(concluded.alerts.size());
        for (Alert a : concluded.alerts) {
            alerts.add(new Alert(episodeId, a.textDa(), a.textEn()));
        }
        alerts.sort(Comparator.comparing(Alert::textEn));
        return new EpisodeResult(input.patient().id(), episodeId, input.episode().asOf(), scope.status(),
                scope.reasons(), alerts, recommendations, knowledgeBase.version());
    }

    private static Scope onlyScope(List<Scope> scopes, String episodeId) {
        if (scopes.size() != 1) {
            throw new EvaluationException(null, "the rules concluded " + scopes.size() + " scope statuses for episode "
                    + episodeId + " " + scopes.stream().map(Scope::status).toList() + "; there must be exactly one", null);
        }
        return scopes.get(0);
    }

    private static void checkRecommendations(ScopeStatus status, String episodeId, List<Recommendation> recommendations) {
        List<String> seen = new ArrayList<>();
        for (Recommendation r : recommendations) {
            if (status != ScopeStatus.IN_SCOPE) {
                throw new EvaluationException(r.provenance().rule(), "rule \"" + r.provenance().rule() + "\" gave "
                        + r.id() + " to episode " + episodeId + ", which is " + status
                        + "; recommendations are only for IN_SCOPE episodes", null);
            }
            if (seen.contains(r.id())) {
                throw new EvaluationException(r.provenance().rule(), "recommendation " + r.id()
                        + " was given twice to episode " + episodeId, null);
            }
            seen.add(r.id());
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
