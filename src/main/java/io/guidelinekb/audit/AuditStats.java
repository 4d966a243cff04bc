package io.guidelinekb.audit;

import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.model.Recommendation;
import io.guidelinekb.model.ScopeStatus;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts over a population's results for the audit report: scope status and reasons, each
 * recommendation given and triggered, and in-scope episodes proposing an intervention that goes
 * against a recommendation, or one that follows it. The direction comes from each rule's
 * {@code @concerns}, not from its strength: bed rest goes against NKR-LBP-01, which is ↑.
 * Not thread-safe: one per chunk, then merged.
 */
public final class AuditStats {

    public long evaluated;
    public long rejected;
    long alerts;
    long inScopeWithAgainstProposed;
    /**
     * Of those, the episodes with an order against a recommendation that stands (no review of its own),
     * and against one under a review of its own: a headline that keeps them apart.
     */
    long inScopeWithAgainstStanding;
    long inScopeWithAgainstUnderReview;
    /** Episodes with an order against a draft recommendation, which the headline counts apart: no GP saw it. */
    long inScopeWithAgainstDraft;
    long inScopeWithConcordantProposed;
    final Map<ScopeStatus, Long> statuses = new EnumMap<>(ScopeStatus.class);
    final Map<String, Long> reasons = new TreeMap<>();
    /** Episodes with each alert, by the alert's id. */
    final Map<String, Long> alertsById = new TreeMap<>();
    final Map<String, Long> given = new TreeMap<>();
    final Map<String, Long> triggered = new TreeMap<>();
    /** Per recommendation, the in-scope episodes with an order against it, and with one that follows it. */
    final Map<String, Long> againstById = new TreeMap<>();
    final Map<String, Long> withById = new TreeMap<>();
    /** In-scope episodes that proposed an intervention going against a recommendation, by intervention. */
    final Map<String, Long> againstProposed = new TreeMap<>();
    /** In-scope episodes that proposed an intervention following a recommendation, by intervention. */
    final Map<String, Long> withProposed = new TreeMap<>();
    /** Which recommendation each intervention counted above triggers, with its strength. */
    final Map<String, String> recommendationOf = new TreeMap<>();

    /** Per unit or per month: episodes evaluated, in scope, with an order against, with one that follows, acute referrals. */
    static final class Counts {
        long evaluated;
        long inScope;
        long against;
        long with;
        long acute;

        void merge(Counts other) {
            evaluated += other.evaluated;
            inScope += other.inScope;
            against += other.against;
            with += other.with;
            acute += other.acute;
        }
    }

    /** By the records' {@code unit} ("" for none), and by the month of {@code asOf} (YYYY-MM). */
    final Map<String, Counts> byUnit = new TreeMap<>();
    final Map<String, Counts> byMonth = new TreeMap<>();

    void add(EpisodeResult result) {
        add(result, null);
    }

    void add(EpisodeResult result, String unit) {
        long againstBefore = inScopeWithAgainstProposed;
        long withBefore = inScopeWithConcordantProposed;
        tally(result);
        for (Counts counts : List.of(byUnit.computeIfAbsent(unit == null ? "" : unit, u -> new Counts()),
                byMonth.computeIfAbsent(result.asOf().toString().substring(0, 7), m -> new Counts()))) {
            counts.evaluated++;
            counts.inScope += result.status() == ScopeStatus.IN_SCOPE ? 1 : 0;
            counts.against += inScopeWithAgainstProposed - againstBefore;
            counts.with += inScopeWithConcordantProposed - withBefore;
            counts.acute += result.alerts().isEmpty() ? 0 : 1;
        }
    }

    private void tally(EpisodeResult result) {
        evaluated++;
        statuses.merge(result.status(), 1L, Long::sum);
        result.reasons().forEach(reason -> reasons.merge(reason, 1L, Long::sum));
        alerts += result.alerts().size();
        result.alerts().stream().map(io.guidelinekb.model.Alert::id).distinct()
                .forEach(id -> alertsById.merge(id, 1L, Long::sum));
        boolean anyAgainst = false;
        boolean againstStanding = false;
        boolean againstUnderReview = false;
        boolean againstDraft = false;
        boolean anyWith = false;
        for (Recommendation r : result.recommendations()) {
            given.merge(r.id(), 1L, Long::sum);
            if (!r.triggered()) {
                continue;
            }
            triggered.merge(r.id(), 1L, Long::sum);
            if (r.triggeredAgainstIt()) {
                againstById.merge(r.id(), 1L, Long::sum);
            }
            if (!r.triggeredWith().isEmpty()) {
                withById.merge(r.id(), 1L, Long::sum);
            }
            if (r.draft()) {
                againstDraft |= r.triggeredAgainstIt();
                continue;   // a draft is counted apart: the headline counts what GPs were shown
            }
            boolean against = count(r, r.triggeredAgainst(), againstProposed);
            anyAgainst |= against;
            boolean underReview = r.review().map(io.guidelinekb.model.Review::needsAttention).orElse(false);
            againstStanding |= against && !underReview;
            againstUnderReview |= against && underReview;
            anyWith |= count(r, r.triggeredWith(), withProposed);
        }
        if (anyAgainst) {
            inScopeWithAgainstProposed++;
        }
        inScopeWithAgainstStanding += againstStanding ? 1 : 0;
        inScopeWithAgainstUnderReview += againstUnderReview ? 1 : 0;
        inScopeWithAgainstDraft += againstDraft ? 1 : 0;
        if (anyWith) {
            inScopeWithConcordantProposed++;
        }
    }

    private boolean count(Recommendation r, Set<String> interventions, Map<String, Long> counts) {
        for (String intervention : interventions) {
            counts.merge(intervention, 1L, Long::sum);
            recommendationOf.put(intervention, r.id() + " " + r.strength().symbol());
        }
        return !interventions.isEmpty();
    }

    void merge(AuditStats other) {
        evaluated += other.evaluated;
        rejected += other.rejected;
        alerts += other.alerts;
        inScopeWithAgainstProposed += other.inScopeWithAgainstProposed;
        inScopeWithAgainstStanding += other.inScopeWithAgainstStanding;
        inScopeWithAgainstUnderReview += other.inScopeWithAgainstUnderReview;
        inScopeWithAgainstDraft += other.inScopeWithAgainstDraft;
        inScopeWithConcordantProposed += other.inScopeWithConcordantProposed;
        other.statuses.forEach((k, v) -> statuses.merge(k, v, Long::sum));
        other.reasons.forEach((k, v) -> reasons.merge(k, v, Long::sum));
        other.alertsById.forEach((k, v) -> alertsById.merge(k, v, Long::sum));
        other.given.forEach((k, v) -> given.merge(k, v, Long::sum));
        other.triggered.forEach((k, v) -> triggered.merge(k, v, Long::sum));
        other.againstById.forEach((k, v) -> againstById.merge(k, v, Long::sum));
        other.withById.forEach((k, v) -> withById.merge(k, v, Long::sum));
        other.againstProposed.forEach((k, v) -> againstProposed.merge(k, v, Long::sum));
        other.withProposed.forEach((k, v) -> withProposed.merge(k, v, Long::sum));
        recommendationOf.putAll(other.recommendationOf);
        other.byUnit.forEach((k, v) -> byUnit.computeIfAbsent(k, x -> new Counts()).merge(v));
        other.byMonth.forEach((k, v) -> byMonth.computeIfAbsent(k, x -> new Counts()).merge(v));
    }

    long status(ScopeStatus status) {
        return statuses.getOrDefault(status, 0L);
    }
}
