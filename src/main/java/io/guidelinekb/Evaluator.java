package io.guidelinekb;

import io.guidelinekb.model.Alert;
import io.guidelinekb.model.Provenance;
import io.guidelinekb.model.Recommendation;
import io.guidelinekb.model.Scope;
import io.guidelinekb.model.ScopeStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;

/** Runs one case in a fresh session and turns what the rules concluded into a result. */
final class Evaluator {

    private final KnowledgeBase knowledgeBase;

    Evaluator(KnowledgeBase knowledgeBase) {
        this.knowledgeBase = knowledgeBase;
    }

    EpisodeResult evaluate(Case input) {
        try (KieSession session = knowledgeBase.kieBase().newKieSession()) {
            fire(input, session);
            return collect(input, session);
        }
    }

    /** The result with the engine's record of the evaluation: every firing, and the facts at the end. */
    record Traced(EpisodeResult result, List<Firing> firings, List<Object> facts) {
    }

    Traced evaluateTraced(Case input) {
        try (KieSession session = knowledgeBase.kieBase().newKieSession()) {
            FiringRecorder recorder = new FiringRecorder();
            recorder.attachTo(session);
            fire(input, session);
            return new Traced(collect(input, session), recorder.firings(), List.copyOf(session.getObjects()));
        }
    }

    private static void fire(Case input, KieSession session) {
        String episodeId = input.episode().id();
        try {
            session.insert(input.patient());
            session.insert(input.episode());
            session.fireAllRules();
        } catch (ConsequenceException e) {
            String rule = e.getMatch().getRule().getName();
            throw new EvaluationException(rule, "rule \"" + rule + "\" failed on episode " + episodeId + ": "
                    + rootMessage(e), e);
        } catch (RuntimeException e) {
            throw new EvaluationException(null, "evaluation of episode " + episodeId + " failed: "
                    + rootMessage(e), e);
        }
    }

    private EpisodeResult collect(Case input, KieSession session) {
        String episodeId = input.episode().id();
        List<Scope> scopes = new ArrayList<>(1);
        List<Alert> alerts = new ArrayList<>(1);
        List<Recommendation> recommendations = new ArrayList<>(10);
        for (Object fact : session.getObjects()) {
            if (fact instanceof Recommendation r && r.episodeId().equals(episodeId)) {
                recommendations.add(withFullProvenance(r));
            } else if (fact instanceof Scope s && s.episodeId().equals(episodeId)) {
                scopes.add(s);
            } else if (fact instanceof Alert a && a.episodeId().equals(episodeId)) {
                alerts.add(a);
            }
        }
        Scope scope = onlyScope(scopes, episodeId);
        checkRecommendations(scope, recommendations);
        recommendations.sort(Comparator.comparing(Recommendation::id));
        alerts.sort(Comparator.comparing(Alert::textEn));
        return new EpisodeResult(input.patient().id(), episodeId, input.episode().asOf(), scope.status(),
                scope.reasons(), alerts, recommendations, knowledgeBase.version());
    }

    private Recommendation withFullProvenance(Recommendation r) {
        String rule = r.provenance().rule();
        String file = knowledgeBase.fileOf(rule);
        return r.withProvenance(new Provenance(rule, file, knowledgeBase.version()));
    }

    private static Scope onlyScope(List<Scope> scopes, String episodeId) {
        if (scopes.size() != 1) {
            throw new EvaluationException(null, "the rules concluded " + scopes.size() + " scope statuses for episode "
                    + episodeId + " " + scopes.stream().map(Scope::status).toList() + "; there must be exactly one", null);
        }
        return scopes.get(0);
    }

    private static void checkRecommendations(Scope scope, List<Recommendation> recommendations) {
        List<String> seen = new ArrayList<>();
        for (Recommendation r : recommendations) {
            if (scope.status() != ScopeStatus.IN_SCOPE) {
                throw new EvaluationException(r.provenance().rule(), "rule \"" + r.provenance().rule() + "\" gave "
                        + r.id() + " to episode " + scope.episodeId() + ", which is " + scope.status()
                        + "; recommendations are only for IN_SCOPE episodes", null);
            }
            if (seen.contains(r.id())) {
                throw new EvaluationException(r.provenance().rule(), "recommendation " + r.id()
                        + " was given twice to episode " + scope.episodeId(), null);
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
