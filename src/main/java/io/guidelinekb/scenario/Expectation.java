package io.guidelinekb.scenario;

import io.guidelinekb.model.ScopeStatus;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a scenario expects. Each set that is not {@code null} is exact (a missing item fails, and so
 * does an extra one), but {@code given} and {@code withheld}, which check only the recommendations
 * they name: a scenario states what it is about, and a recommendation added to the guideline fails
 * only the scenarios that list the whole set.
 *
 * @param recommendations  every recommendation given, exactly; or {@code null}
 * @param given            recommendations that must be given, with what is said of each; others may be too
 * @param withheld         recommendations that must not be given
 * @param triggered        ids of the recommendations a proposed intervention triggers, in either direction
 * @param triggeredAgainst ids of those that a proposed intervention goes against
 * @param triggeredWith    ids of those that a proposed intervention follows
 * @param episodeId        the episode's id, for FHIR input: which Condition or order made it
 * @param alerts           ids of the alerts the rules raise
 */
public record Expectation(ScopeStatus scope, Set<String> reasons, List<ExpectedRecommendation> recommendations,
                          Set<String> triggered, Set<String> triggeredAgainst, Set<String> triggeredWith,
                          String episodeId, Set<String> alerts, List<ExpectedRecommendation> given,
                          Set<String> withheld) {

    public Expectation {
        Objects.requireNonNull(scope, "scope must not be null");
        reasons = reasons == null ? null : Set.copyOf(reasons);
        recommendations = recommendations == null ? null : List.copyOf(recommendations);
        triggered = triggered == null ? null : Set.copyOf(triggered);
        triggeredAgainst = triggeredAgainst == null ? null : Set.copyOf(triggeredAgainst);
        triggeredWith = triggeredWith == null ? null : Set.copyOf(triggeredWith);
        alerts = alerts == null ? null : Set.copyOf(alerts);
        given = given == null ? null : List.copyOf(given);
        withheld = withheld == null ? null : Set.copyOf(withheld);
    }
}
