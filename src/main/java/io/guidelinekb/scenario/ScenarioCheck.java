package io.guidelinekb.scenario;

import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.model.Recommendation;
import io.guidelinekb.model.ScopeStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Compares a result with what a scenario expects; each difference is one readable line. */
public final class ScenarioCheck {

    private ScenarioCheck() {
    }

    /** The differences, empty when the result is exactly what was expected. */
    public static List<String> differences(Expectation expect, EpisodeResult result) {
        List<String> differences = new ArrayList<>();
        if (expect.scope() != result.status()) {
            differences.add("scope: expected " + expect.scope() + ", got " + result.status()
                    + (result.reasons().isEmpty() ? "" : " " + result.reasons()));
        }
        if (expect.episodeId() != null && !expect.episodeId().equals(result.episodeId())) {
            differences.add("episodeId: expected " + expect.episodeId() + ", got " + result.episodeId());
        }
        if (expect.reasons() != null) {
            compareSets("reasons", expect.reasons(), result.reasons(), differences);
        }
        Set<String> given = result.recommendations().stream().map(Recommendation::id)
                .collect(Collectors.toCollection(TreeSet::new));
        if (result.status() != ScopeStatus.IN_SCOPE && !given.isEmpty()) {
            differences.add("recommendations: the episode is " + result.status()
                    + " and must receive none, got " + given);
        }
        if (expect.recommendations() != null) {
            Set<String> expectedIds = expect.recommendations().stream().map(ExpectedRecommendation::id)
                    .collect(Collectors.toSet());
            compareSets("recommendations", expectedIds, given, differences);
            for (ExpectedRecommendation expected : expect.recommendations()) {
                result.recommendation(expected.id()).ifPresent(actual -> compareDetails(expected, actual, differences));
            }
        }
        if (expect.given() != null) {
            for (ExpectedRecommendation expected : expect.given()) {
                result.recommendation(expected.id()).ifPresentOrElse(actual -> compareDetails(expected, actual, differences),
                        () -> differences.add("given: " + expected.id() + " was not given (got " + given + ")"));
            }
        }
        if (expect.withheld() != null) {
            new TreeSet<>(expect.withheld()).stream().filter(given::contains).forEach(id ->
                    differences.add("withheld: " + id + " was given"));
        }
        if (expect.alerts() != null) {
            compareSets("alerts", expect.alerts(), result.alerts().stream().map(io.guidelinekb.model.Alert::id)
                    .collect(Collectors.toSet()), differences);
        }
        if (expect.triggered() != null) {
            compareSets("triggered", expect.triggered(), ids(result.triggered()), differences);
        }
        if (expect.triggeredAgainst() != null) {
            compareSets("triggeredAgainst", expect.triggeredAgainst(), ids(result.triggeredAgainst()), differences);
        }
        if (expect.triggeredWith() != null) {
            Set<String> with = ids(result.recommendations().stream().filter(r -> !r.triggeredWith().isEmpty()).toList());
            compareSets("triggeredWith", expect.triggeredWith(), with, differences);
        }
        return differences;
    }

    private static void compareDetails(ExpectedRecommendation expected, Recommendation actual, List<String> differences) {
        String id = actual.id();
        if (expected.strength() != null && expected.strength() != actual.strength()) {
            differences.add(id + " strength: expected " + expected.strength() + ", got " + actual.strength());
        }
        if (expected.evidence() != null && expected.evidence() != actual.evidence()) {
            differences.add(id + " evidence: expected " + expected.evidence() + ", got " + actual.evidence());
        }
        compareInterventions(id + " triggeredBy", expected.triggeredBy(), actual.triggeredBy(), differences);
        compareInterventions(id + " against", expected.against(), actual.triggeredAgainst(), differences);
        compareInterventions(id + " with", expected.with(), actual.triggeredWith(), differences);
    }

    private static void compareInterventions(String what, Set<String> expected, Set<String> actual,
                                             List<String> differences) {
        if (expected != null && !Objects.equals(expected, actual)) {
            compareSets(what, expected, actual, differences);
        }
    }

    private static Set<String> ids(List<Recommendation> recommendations) {
        return recommendations.stream().map(Recommendation::id).collect(Collectors.toSet());
    }

    private static void compareSets(String what, Set<String> expected, Set<String> actual, List<String> differences) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        Set<String> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        if (!missing.isEmpty()) {
            differences.add(what + ": missing " + missing + " (got " + new TreeSet<>(actual) + ")");
        }
        if (!extra.isEmpty()) {
            differences.add(what + ": unexpected " + extra + " (expected " + new TreeSet<>(expected) + ")");
        }
    }
}
