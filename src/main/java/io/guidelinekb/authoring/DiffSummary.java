package io.guidelinekb.authoring;

import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.model.Recommendation;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a change does to a population, counted: how many episodes moved from one scope status to
 * another, and gained or lost each scope reason, recommendation and trigger.
 */
public final class DiffSummary {

    private final Map<String, Integer> statuses = new TreeMap<>();
    private final Map<String, int[]> reasons = new TreeMap<>();
    private final Map<String, int[]> recommendations = new TreeMap<>();
    private final Map<String, int[]> triggered = new TreeMap<>();
    private final Map<String, int[]> against = new TreeMap<>();
    private final Map<String, int[]> alerts = new TreeMap<>();

    public void add(EpisodeResult was, EpisodeResult is) {
        if (was.status() != is.status()) {
            statuses.merge(was.status() + " → " + is.status(), 1, Integer::sum);
        }
        count(reasons, was.reasons(), is.reasons());
        count(recommendations, ids(was.recommendations(), r -> true), ids(is.recommendations(), r -> true));
        count(triggered, ids(was.recommendations(), Recommendation::triggered),
                ids(is.recommendations(), Recommendation::triggered));
        count(against, ids(was.recommendations(), Recommendation::triggeredAgainstIt),
                ids(is.recommendations(), Recommendation::triggeredAgainstIt));
        count(alerts, was.alerts().stream().map(io.guidelinekb.model.Alert::id).collect(Collectors.toSet()),
                is.alerts().stream().map(io.guidelinekb.model.Alert::id).collect(Collectors.toSet()));
    }

    private static void count(Map<String, int[]> counts, Set<String> before, Set<String> after) {
        after.stream().filter(k -> !before.contains(k)).forEach(k -> counts.computeIfAbsent(k, x -> new int[2])[0]++);
        before.stream().filter(k -> !after.contains(k)).forEach(k -> counts.computeIfAbsent(k, x -> new int[2])[1]++);
    }


    private static Set<String> ids(List<Recommendation> recommendations,
                                   java.util.function.Predicate<Recommendation> which) {
        return recommendations.stream().filter(which).map(Recommendation::id).collect(Collectors.toSet());
    }

    public void print(PrintWriter out, int episodes, int differing) {
        out.println("summary: " + differing + " of " + episodes + " episodes differ");
        statuses.forEach((move, n) -> out.println("  scope " + move + ": " + n));
        print(out, "reason", reasons, Function.identity());
        print(out, "recommendation", recommendations, Function.identity());
        print(out, "triggered", triggered, Function.identity());
        print(out, "triggered against", against, Function.identity());
        print(out, "alert", alerts, Function.identity());
    }

    private static void print(PrintWriter out, String what, Map<String, int[]> counts, Function<String, String> label) {
        counts.forEach((key, n) -> out.println("  " + what + " " + label.apply(key) + ": " + (n[0] > 0 ? "+" + n[0]
                + " episodes gained it" : "") + (n[0] > 0 && n[1] > 0 ? ", " : "") + (n[1] > 0 ? "−" + n[1]
                + " lost it" : "")));
    }
}
