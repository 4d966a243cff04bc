package io.guidelinekb.pipeline;

import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.model.Recommendation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * How the outcome of one episode differs between two knowledge bases: scope status, reasons,
 * recommendations given and triggered, alerts, and each shared recommendation's status, text,
 * strength, evidence grade and triggering interventions. One readable line per difference.
 */
public final class OutcomeDiff {

    private OutcomeDiff() {
    }

    /**
     * The differences from one outcome to another.
     *
     * @param base    the outcome before a change to the rules
     * @param changed the outcome after it
     * @return one readable line per difference; empty when the outcomes agree
     */
    public static List<String> between(EpisodeResult base, EpisodeResult changed) {
        List<String> lines = new ArrayList<>();
        if (base.status() != changed.status()) {
            lines.add("scope: " + base.status() + " → " + changed.status());
        }
        sets("reasons", new java.util.TreeSet<>(base.reasons()), new java.util.TreeSet<>(changed.reasons()), lines);
        sets("recommendations", ids(base.recommendations()), ids(changed.recommendations()), lines);
        sets("triggered", ids(base.triggered()), ids(changed.triggered()), lines);
        sets("alerts", base.alerts().stream().map(io.guidelinekb.model.Alert::id).collect(Collectors.toCollection(
                TreeSet::new)), changed.alerts().stream().map(io.guidelinekb.model.Alert::id).collect(
                Collectors.toCollection(TreeSet::new)), lines);
        for (Recommendation before : base.recommendations()) {
            changed.recommendation(before.id()).ifPresent(after -> details(before, after, lines));
        }
        return lines;
    }

    private static void details(Recommendation before, Recommendation after, List<String> lines) {
        String id = before.id();
        if (before.lifecycle() != after.lifecycle()) {
            lines.add(id + " status: " + before.lifecycle() + " → " + after.lifecycle());
        }
        if (!before.textDa().equals(after.textDa()) || !before.textEn().equals(after.textEn())) {
            lines.add(id + " text: changed");
        }
        if (before.strength() != after.strength()) {
            lines.add(id + " strength: " + before.strength() + " " + before.strength().symbol() + " → "
                    + after.strength() + " " + after.strength().symbol());
        }
        if (before.evidence() != after.evidence()) {
            lines.add(id + " evidence: " + before.evidence() + " → " + after.evidence());
        }
        if (!Objects.equals(before.triggeredBy(), after.triggeredBy()) && before.triggered() && after.triggered()) {
            lines.add(id + " triggered by: " + before.triggeredBy() + " → " + after.triggeredBy());
        }
        if (Objects.equals(before.triggeredBy(), after.triggeredBy())
                && !Objects.equals(before.triggeredAgainst(), after.triggeredAgainst())) {
            lines.add(id + " triggered against by: " + before.triggeredAgainst() + " → " + after.triggeredAgainst());
        }
    }

    private static void sets(String what, Set<String> before, Set<String> after, List<String> lines) {
        Set<String> added = new TreeSet<>(after);
        added.removeAll(before);
        Set<String> removed = new TreeSet<>(before);
        removed.removeAll(after);
        if (!added.isEmpty() || !removed.isEmpty()) {
            lines.add(what + ":" + (added.isEmpty() ? "" : " + " + String.join(", ", added))
                    + (removed.isEmpty() ? "" : " − " + String.join(", ", removed)));
        }
    }

    private static Set<String> ids(List<Recommendation> recommendations) {
        return recommendations.stream().map(Recommendation::id).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> names(Collection<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
    }
}
