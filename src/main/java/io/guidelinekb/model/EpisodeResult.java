package io.guidelinekb.model;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the knowledge base concluded for one episode: its scope status with the reasons, any alert,
 * and the recommendations (sorted by id), each with its provenance. Immutable.
 *
 * @param patientId            the patient's id, as given
 * @param episodeId            the episode's id, as given
 * @param asOf                 the evaluation date
 * @param status               whether the guideline covers the episode
 * @param reasons              every exclusion (out of scope) or missing datum (undetermined); empty when in scope
 * @param alerts               safety alerts, whatever the scope (suspected cauda equina: acute referral)
 * @param recommendations      the recommendations given, sorted by id; none unless in scope
 * @param knowledgeBaseVersion the content hash of the rules, e.g. {@code sha256:3f2a9c01b4e7}
 * @param guideline            the guideline: id, version, and where it stands with its publisher
 */
public record EpisodeResult(
        String patientId,
        String episodeId,
        LocalDate asOf,
        ScopeStatus status,
        Set<String> reasons,
        List<Alert> alerts,
        List<Recommendation> recommendations,
        String knowledgeBaseVersion,
        Guideline guideline) {

    /**
     * Checks the result and copies its collections.
     *
     * @param patientId            the patient's id, as given
     * @param episodeId            the episode's id, as given
     * @param asOf                 the evaluation date
     * @param status               whether the guideline covers the episode
     * @param reasons              every exclusion (out of scope) or missing datum (undetermined); empty when in scope
     * @param alerts               safety alerts, whatever the scope (suspected cauda equina: acute referral)
     * @param recommendations      the recommendations given, sorted by id; none unless in scope
     * @param knowledgeBaseVersion the content hash of the rules, e.g. {@code sha256:3f2a9c01b4e7}
     * @param guideline            the guideline: id, version, and where it stands with its publisher
     * @throws NullPointerException when the status or the guideline is {@code null}
     */
    public EpisodeResult {
        Objects.requireNonNull(status, "status must not be null");
        Objects.requireNonNull(guideline, "guideline must not be null");
        reasons = reasons.isEmpty() ? Set.of() : Collections.unmodifiableSet(new java.util.LinkedHashSet<>(reasons));
        alerts = List.copyOf(alerts);
        recommendations = List.copyOf(recommendations);
    }

    /**
     * The recommendations that a proposed intervention triggers, in either direction: what a patient
     * overview shows. Proposing supervised exercise triggers NKR-LBP-07 and follows it; for what an
     * order alert must show, see {@link #triggeredAgainst()}.
     *
     * @return the triggered recommendations, sorted by id
     */
    public List<Recommendation> triggered() {
        return recommendations.stream().filter(Recommendation::triggered).toList();
    }

    /**
     * The recommendations that a proposed intervention goes against (e.g. an MRI against NKR-LBP-04,
     * bed rest against NKR-LBP-01): what an order-time alert shows.
     *
     * @return those recommendations, sorted by id
     */
    public List<Recommendation> triggeredAgainst() {
        return recommendations.stream().filter(Recommendation::triggeredAgainstIt).toList();
    }

    /**
     * One recommendation of the result.
     *
     * @param id the recommendation's id, e.g. {@code NKR-LBP-04}
     * @return the recommendation, or empty when it was not given
     */
    public Optional<Recommendation> recommendation(String id) {
        return recommendations.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
