package io.guidelinekb.cli;

import io.guidelinekb.EpisodeResult;
import io.guidelinekb.model.Intervention;
import io.guidelinekb.model.Recommendation;
import io.guidelinekb.model.ScopeReason;
import io.guidelinekb.model.ScopeStatus;
import io.guidelinekb.model.Strength;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts over a population's results for the audit report: scope status and reasons, each
 * recommendation given and triggered, and in-scope episodes proposing an intervention that a
 * recommendation against (↓, ↓↓) concerns. Which recommendations are "against" comes from their
 * strength in the rules, not from a list here. Not thread-safe: one per chunk, then merged.
 */
final class AuditStats {

    long evaluated;
    long rejected;
    long alerts;
    long inScopeWithAgainstProposed;
    final Map<ScopeStatus, Long> statuses = new EnumMap<>(ScopeStatus.class);
    final Map<ScopeReason, Long> reasons = new EnumMap<>(ScopeReason.class);
    final Map<String, Long> given = new TreeMap<>();
    final Map<String, Long> triggered = new TreeMap<>();
    /** In-scope episodes that proposed an intervention concerned by a recommendation against, by intervention. */
    final Map<Intervention, Long> againstProposed = new EnumMap<>(Intervention.class);
    /** Which recommendation (against) concerns each intervention counted above. */
    final Map<Intervention, String> againstBy = new EnumMap<>(Intervention.class);

    void add(EpisodeResult result) {
        evaluated++;
        statuses.merge(result.status(), 1L, Long::sum);
        result.reasons().forEach(reason -> reasons.merge(reason, 1L, Long::sum));
        alerts += result.alerts().size();
        boolean anyAgainst = false;
        for (Recommendation r : result.recommendations()) {
            given.merge(r.id(), 1L, Long::sum);
            if (!r.triggered()) {
                continue;
            }
            triggered.merge(r.id(), 1L, Long::sum);
            if (r.strength() == Strength.WEAK_AGAINST || r.strength() == Strength.STRONG_AGAINST) {
                anyAgainst = true;
                for (Intervention intervention : r.triggeredBy()) {
                    againstProposed.merge(intervention, 1L, Long::sum);
                    againstBy.put(intervention, r.id() + " " + r.strength().symbol());
                }
            }
        }
        if (anyAgainst) {
            inScopeWithAgainstProposed++;
        }
    }

    void merge(AuditStats other) {
        evaluated += other.evaluated;
        rejected += other.rejected;
        alerts += other.alerts;
        inScopeWithAgainstProposed += other.inScopeWithAgainstProposed;
        other.statuses.forEach((k, v) -> statuses.merge(k, v, Long::sum));
        other.reasons.forEach((k, v) -> reasons.merge(k, v, Long::sum));
        other.given.forEach((k, v) -> given.merge(k, v, Long::sum));
        other.triggered.forEach((k, v) -> triggered.merge(k, v, Long::sum));
        other.againstProposed.forEach((k, v) -> againstProposed.merge(k, v, Long::sum));
        againstBy.putAll(other.againstBy);
    }

    long status(ScopeStatus status) {
        return statuses.getOrDefault(status, 0L);
    }
}
