package io.guidelinekb;

import io.guidelinekb.model.Alert;
import io.guidelinekb.model.Guideline;
import io.guidelinekb.model.Recommendation;
import io.guidelinekb.model.ScopeReason;
import io.guidelinekb.model.ScopeStatus;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the knowledge base concluded for one episode: its scope status with the reasons, any alert,
 * and the recommendations (sorted by id), each with its provenance. Immutable.
 */
public record EpisodeResult(
        String patientId,
        String episodeId,
        LocalDate asOf,
        ScopeStatus status,
        Set<ScopeReason> reasons,
        List<Alert> alerts,
        List<Recommendation> recommendations,
        String knowledgeBaseVersion,
        Guideline guideline) {

    public EpisodeResult {
        Objects.requireNonNull(status, "status must not be null");
        Objects.requireNonNull(guideline, "guideline must not be null");
        reasons = reasons.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(reasons));
        alerts = List.copyOf(alerts);
        recommendations = List.copyOf(recommendations);
    }

    /**
     * The recommendations that a proposed intervention triggers, in either direction: what a patient
     * overview shows. Proposing supervised exercise triggers NKR-LBP-07 and follows it; for what an
     * order alert must show, see {@link #triggeredAgainst()}.
     */
    public List<Recommendation> triggered() {
        return recommendations.stream().filter(Recommendation::triggered).toList();
    }

    /**
     * The recommendations that a proposed intervention goes against (e.g. an MRI against NKR-LBP-04,
     * bed rest against NKR-LBP-01): what an order-time alert shows.
     */
    public List<Recommendation> triggeredAgainst() {
        return recommendations.stream().filter(Recommendation::triggeredAgainstIt).toList();
    }

    public Optional<Recommendation> recommendation(String id) {
        return recommendations.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
