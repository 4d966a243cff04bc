package io.guidelinekb.engine;

import io.guidelinekb.model.Alert;
import io.guidelinekb.model.Case;
import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.model.EvaluationException;
import io.guidelinekb.model.Recommendation;
import io.guidelinekb.model.Scope;
import io.guidelinekb.model.ScopeStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An episode's result from what the rules concluded about it, checked as it is assembled: exactly one
 * scope, reasons of the kind its status takes, alerts as the vocabulary says them, recommendations only
 * in scope, once each, in the order the guideline declares them.
 */
final class ResultAssembly {

    private final GuidelineRules knowledgeBase;

    ResultAssembly(GuidelineRules knowledgeBase) {
        this.knowledgeBase = knowledgeBase;
    }

    /** What the rules concluded about one episode; lists made only when something arrives. */
    static final class Concluded {
        final List<Scope> scopes = new ArrayList<>(1);
        List<Alert> alerts = List.of();
        List<Recommendation> recommendations = List.of();

        void add(Alert alert) {
            if (alerts.isEmpty()) {
                alerts = new ArrayList<>(1);
            }
            alerts.add(alert);
        }

        void add(Recommendation recommendation) {
            if (recommendations.isEmpty()) {
                recommendations = new ArrayList<>(16);
            }
            recommendations.add(recommendation);
        }
    }

    EpisodeResult result(Case input, Concluded concluded) {
        String episodeId = input.episode().id();
        Scope scope = onlyScope(concluded.scopes, episodeId);
        List<Recommendation> recommendations = sortedById(scope.status(), episodeId, concluded.recommendations);
        List<Alert> alerts = concluded.alerts;
        alerts.forEach(this::requireAsTheVocabularySays);
        scope.reasons().forEach(reason -> requireKind(scope.status(), reason));
        if (alerts.size() > 1) {
            // critical first, then as the vocabulary lists them
            var order = List.copyOf(knowledgeBase.vocabulary().terms(io.guidelinekb.model.Vocabulary.Section.ALERTS).keySet());
            alerts.sort(Comparator.comparing(Alert::level).thenComparing(a -> order.indexOf(a.id())));
        }
        return new EpisodeResult(input.patient().id(), episodeId, input.episode().asOf(), scope.status(),
                scope.reasons(), alerts, recommendations, knowledgeBase.version(), knowledgeBase.guideline());
    }

    /**
     * A reason of the vocabulary, of the kind its status takes: exclusions out of scope, missing data
     * undetermined. A rule that forges a ScopeFinding of another kind must not change a status.
     */
    private void requireKind(ScopeStatus status, String reason) {
        var vocabulary = knowledgeBase.vocabulary();
        vocabulary.require(io.guidelinekb.model.Vocabulary.Section.SCOPE_REASONS, reason);
        var wanted = status == ScopeStatus.OUT_OF_SCOPE ? io.guidelinekb.model.Vocabulary.ReasonKind.EXCLUSION
                : io.guidelinekb.model.Vocabulary.ReasonKind.MISSING;
        if (vocabulary.kindOf(reason) != wanted) {
            throw new EvaluationException(null, "the rules concluded " + status + " for the reason " + reason + ", which "
                    + vocabulary.guideline() + "'s vocabulary calls " + vocabulary.kindOf(reason).name().toLowerCase(
                    java.util.Locale.ROOT) + "; insert ScopeFinding.of($episode, \"" + reason + "\")", null);
        }
    }

    /** An alert as the vocabulary says it, or the evaluation fails: a rule may not write its own alert text. */
    private void requireAsTheVocabularySays(Alert alert) {
        var vocabulary = knowledgeBase.vocabulary();
        var term = vocabulary.term(io.guidelinekb.model.Vocabulary.Section.ALERTS, alert.id());
        if (term.isEmpty() || vocabulary.levelOf(alert.id()) != alert.level() || !term.get().da().equals(alert.textDa())
                || !term.get().en().equals(alert.textEn())) {
            throw new EvaluationException(null, "a rule inserted an alert " + io.guidelinekb.util.Identifiers.printable(
                    alert.id()) + " that is not " + (term.isEmpty() ? "in" : "as") + " the vocabulary of "
                    + vocabulary.guideline() + " says; insert Alert.of($episode, \"" + (term.isEmpty()
                    ? "<id>" : alert.id()) + "\") with an id of its alerts", null);
        }
    }

    private static Scope onlyScope(List<Scope> scopes, String episodeId) {
        if (scopes.size() != 1) {
            throw new EvaluationException(null, "the rules concluded " + scopes.size() + " scope statuses for episode "
                    + episodeId + " " + scopes.stream().map(Scope::status).toList() + "; there must be exactly one", null);
        }
        return scopes.get(0);
    }

    /**
     * The recommendations under the episode's own id, sorted by id;
     * fails if one was given outside scope or twice.
     */
    private List<Recommendation> sortedById(ScopeStatus status, String episodeId, List<Recommendation> given) {
        if (given.isEmpty()) {
            return List.of();
        }
        Recommendation[] slots = new Recommendation[knowledgeBase.recommendations().size()];
        // Slots in id order: sorted without comparing, and a second one for a slot is a double.
        for (Recommendation r : given) {
            String rule = r.provenance().rule();
            if (status != ScopeStatus.IN_SCOPE) {
                throw new EvaluationException(rule, "rule \"" + rule + "\" gave " + r.id() + " to episode " + episodeId
                        + ", which is " + status + "; recommendations are only for IN_SCOPE episodes", null);
            }
            int position = knowledgeBase.positionOf(r.id());
            if (position < 0) {
                throw new EvaluationException(rule, "rule \"" + rule + "\" gave " + r.id()
                        + ", which no rule of the knowledge base declares", null);
            }
            if (slots[position] != null) {
                throw new EvaluationException(rule, "recommendation " + r.id() + " was given twice to episode "
                        + episodeId, null);
            }
            slots[position] = r.provenance().file() == null
                    ? Renamed.recommendation(r, episodeId, knowledgeBase.provenanceOf(rule))
                    : Renamed.recommendation(r, episodeId, r.provenance());
        }
        Recommendation[] ordered = new Recommendation[given.size()];
        int next = 0;
        for (Recommendation r : slots) {
            if (r != null) {
                ordered[next++] = r;
            }
        }
        return List.of(ordered);
    }
}
