package io.guidelinekb.authoring;

import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.model.Guideline;
import io.guidelinekb.model.RecommendationDefinition;
import io.guidelinekb.model.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What a change declares, whatever the scenarios exercise: guidelines added and removed, and for each
 * guideline both have, recommendations added and removed and what changed in each (strength, grade,
 * texts, summaries as a card shows them, triggers, status, the panel's notes), and the alerts and
 * their texts. What a reviewer signs beside the episodes that differ.
 */
public final class DeclarationDiff {

    private DeclarationDiff() {
    }

    /**
     * The declared differences from one knowledge base to another, one readable line each.
     *
     * @param base    the rules before the change
     * @param changed the rules after it
     * @return the lines; empty when both declare the same
     */
    public static List<String> between(KnowledgeBase base, KnowledgeBase changed) {
        List<String> lines = new ArrayList<>();
        Map<String, Guideline> before = byId(base.guidelines());
        Map<String, Guideline> after = byId(changed.guidelines());
        for (String id : union(before.keySet(), after.keySet())) {
            if (!before.containsKey(id)) {
                lines.add("guideline " + id + ": new (" + after.get(id).version() + "), with "
                        + changed.guideline(id).orElseThrow().recommendations().size() + " recommendations");
                continue;
            }
            if (!after.containsKey(id)) {
                lines.add("guideline " + id + ": removed");
                continue;
            }
            if (!Objects.equals(before.get(id).version(), after.get(id).version())) {
                lines.add("guideline " + id + " version: " + before.get(id).version() + " → " + after.get(id).version());
            }
            KnowledgeBase was = base.guideline(id).orElseThrow();
            KnowledgeBase is = changed.guideline(id).orElseThrow();
            recommendations(was.recommendations(), is.recommendations(), lines);
            alerts(was.vocabulary(), is.vocabulary(), lines);
        }
        return lines;
    }

    private static void recommendations(List<RecommendationDefinition> before, List<RecommendationDefinition> after,
                                        List<String> lines) {
        Map<String, RecommendationDefinition> was = new TreeMap<>();
        before.forEach(d -> was.put(d.id(), d));
        Map<String, RecommendationDefinition> is = new TreeMap<>();
        after.forEach(d -> is.put(d.id(), d));
        for (String id : union(was.keySet(), is.keySet())) {
            RecommendationDefinition b = was.get(id);
            RecommendationDefinition a = is.get(id);
            if (b == null) {
                lines.add(id + ": new, " + a.strength() + " " + a.symbols() + ": " + a.textDa());
            } else if (a == null) {
                lines.add(id + ": removed (was " + b.strength() + " " + b.symbols() + ")");
            } else {
                changed(id + " strength", b, a, d -> d.strength() + " " + d.strength().symbol(), lines);
                changed(id + " evidence", b, a, d -> (d.evidence() + " " + d.evidence().symbol()).strip(), lines);
                changed(id + " status", b, a, d -> d.lifecycle().name().toLowerCase(java.util.Locale.ROOT), lines);
                changed(id + " section", b, a, RecommendationDefinition::section, lines);
                changed(id + " text (da)", b, a, RecommendationDefinition::textDa, lines);
                changed(id + " text (en)", b, a, RecommendationDefinition::textEn, lines);
                changed(id + " summary (da)", b, a, d -> d.summary(io.guidelinekb.model.Language.DANISH), lines);
                changed(id + " summary (en)", b, a, d -> d.summary(io.guidelinekb.model.Language.ENGLISH), lines);
                changed(id + " against", b, a, d -> d.against().toString(), lines);
                changed(id + " with", b, a, d -> d.with().toString(), lines);
                changed(id + " notes", b, a, d -> d.notes().toString(), lines);
            }
        }
    }

    private static void alerts(Vocabulary before, Vocabulary after, List<String> lines) {
        Map<String, Vocabulary.Term> was = before.terms(Vocabulary.Section.ALERTS);
        Map<String, Vocabulary.Term> is = after.terms(Vocabulary.Section.ALERTS);
        for (String id : union(was.keySet(), is.keySet())) {
            if (!was.containsKey(id)) {
                lines.add("alert " + id + ": new, " + after.levelOf(id) + ": " + is.get(id).da());
            } else if (!is.containsKey(id)) {
                lines.add("alert " + id + ": removed");
            } else {
                if (before.levelOf(id) != after.levelOf(id)) {
                    lines.add("alert " + id + " level: " + before.levelOf(id) + " → " + after.levelOf(id));
                }
                if (!was.get(id).da().equals(is.get(id).da())) {
                    lines.add("alert " + id + " text (da): \"" + was.get(id).da() + "\" → \"" + is.get(id).da() + "\"");
                }
                if (!was.get(id).en().equals(is.get(id).en())) {
                    lines.add("alert " + id + " text (en): \"" + was.get(id).en() + "\" → \"" + is.get(id).en() + "\"");
                }
                if (!before.alertAction(id).equals(after.alertAction(id))) {
                    lines.add("alert " + id + " referral or link: changed");
                }
            }
        }
    }

    private static void changed(String what, RecommendationDefinition before, RecommendationDefinition after,
                                Function<RecommendationDefinition, String> read, List<String> lines) {
        String b = read.apply(before);
        String a = read.apply(after);
        if (!Objects.equals(b, a)) {
            lines.add(what + ": \"" + b + "\" → \"" + a + "\"");
        }
    }

    private static Map<String, Guideline> byId(List<Guideline> guidelines) {
        Map<String, Guideline> byId = new TreeMap<>();
        guidelines.forEach(g -> byId.put(g.id(), g));
        return byId;
    }

    private static TreeSet<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
