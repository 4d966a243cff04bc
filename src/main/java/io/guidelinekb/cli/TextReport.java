package io.guidelinekb.cli;

import io.guidelinekb.model.Language;
import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.model.Alert;
import io.guidelinekb.model.EvidenceGrade;
import io.guidelinekb.model.Guideline;
import io.guidelinekb.model.Recommendation;
import io.guidelinekb.model.Review;
import io.guidelinekb.model.ScopeStatus;
import io.guidelinekb.scenario.InputReader;
import io.guidelinekb.util.Identifiers;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/** The human-readable output of {@code evaluate}: per episode, scope, alerts, then recommendations. */
final class TextReport {

    private final PrintWriter out;
    private final Language language;
    private final Ansi ansi;

    TextReport(PrintWriter out, Language language) {
        this(out, language, Ansi.NONE);
    }

    TextReport(PrintWriter out, Language language, Ansi ansi) {
        this.out = out;
        this.language = language;
        this.ansi = ansi;
    }

    void print(KnowledgeBase knowledgeBase, List<InputReader.Input> inputs, List<EpisodeResult> results) {
        out.println(safe("knowledge base " + knowledgeBase.directory() + " (" + knowledgeBase.version() + ")"));
        for (Guideline guideline : knowledgeBase.guidelines()) {
            out.println(header(guideline));
            Review review = guideline.review();
            if (review.needsAttention() && review.noteDa() != null) {
                out.println("  " + ansi.yellow(safe(review.note(language) + (review.link() == null ? "" : " " + review.link()))));
            }
        }
        boolean several = knowledgeBase.guidelines().size() > 1;
        for (int i = 0; i < results.size(); i++) {
            out.println();
            print(inputs.get(i), results.get(i), several);
        }
    }

    /** Which guideline, which version, who published it and when, and where it stands. */
    private String header(Guideline g) {
        String published = g.publisher() == null ? "" : " (" + g.publisher() + (g.published() == null ? "" : ", "
                + g.published()) + ")";
        String status = g.review().status().label(language);
        return safe("guideline " + g.id() + (g.version() == null ? "" : " version " + g.version()) + published + ": ")
                + (g.review().needsAttention() ? ansi.yellow(status) : status);
    }

    private String review(Review review) {
        return safe(review.status().label(language) + ": " + review.note(language)
                + (review.link() == null ? "" : " " + review.link()));
    }

    private void print(InputReader.Input input, EpisodeResult result, boolean severalGuidelines) {
        out.println(safe(input.name() == null ? input.source() : input.name() + "  (" + input.source() + ")"));
        if (result != null && severalGuidelines) {
            out.println(safe("  guideline " + result.guideline().id()));
        }
        if (result == null) {
            out.println(safe("  no episode of low back pain in this input: the guideline is silent ("
                    + String.join("; ", input.decisions()) + ")"));
            return;
        }
        out.println(safe("  patient " + result.patientId() + ", episode " + result.episodeId() + ", as of " + result.asOf()));
        if (!input.unboundOrders().isEmpty()) {
            out.println(ansi.yellow(safe("  orders whose codes no binding names, so the guideline cannot weigh them: "
                    + String.join("; ", input.unboundOrders()) + " (bind them in bindings.yaml)")));
        }
        for (Alert alert : result.alerts()) {
            out.println("  " + ansi.red(ansi.bold("!! " + safe(language.pick(alert.textDa(), alert.textEn())))));
        }
        String status = result.status() == ScopeStatus.IN_SCOPE ? ansi.green(result.status().name())
                : ansi.yellow(result.status().name());
        out.println("  scope: " + status + (result.reasons().isEmpty() ? ""
                : " (" + String.join(", ", result.reasons()) + ")"));
        if (result.status() != ScopeStatus.IN_SCOPE) {
            out.println("  no recommendations: " + (result.status() == ScopeStatus.OUT_OF_SCOPE
                    ? "the guideline does not cover this episode"
                    : "complete the missing data to decide whether the guideline applies"));
            return;
        }
        int against = result.triggeredAgainst().size();
        int with = (int) result.recommendations().stream().filter(r -> !r.triggeredWith().isEmpty()).count();
        out.println("  recommendations (" + result.recommendations().size() + "; " + against
                + " with an order against it ⚠, " + with + " with an order that follows it ✓):");
        for (Recommendation r : result.recommendations()) {
            out.println(line(r));
            r.review().filter(Review::needsAttention)
                    .ifPresent(review -> out.println("                   " + ansi.yellow("↳ " + review(review))));
        }
    }

    private static String safe(String text) {
        return Identifiers.printable(text);
    }

    private String line(Recommendation r) {
        String evidence = r.evidence() == EvidenceGrade.NONE ? "" : "(" + r.evidence().symbol() + ")";
        String text = language.pick(r.textDa(), r.textEn());
        String trigger = (r.triggeredAgainstIt() ? "  [⚠ against: " + names(r.triggeredAgainst()) + "]" : "")
                + (r.triggeredWith().isEmpty() ? "" : "  [✓ with: " + names(r.triggeredWith()) + "]");
        String mark = r.triggeredAgainstIt() ? ansi.red("⚠") : r.triggered() ? ansi.green("✓") : " ";
        String strength = String.format("%-2s", r.strength().symbol());
        strength = r.strength().name().endsWith("AGAINST") ? ansi.red(strength)
                : r.strength().name().endsWith("FOR") ? ansi.green(strength) : strength;
        String draft = r.draft() ? ansi.yellow(" [draft: not shown at the point of care]") : "";
        return String.format("  %s %s %-6s %s  %s%s%s", mark, strength, evidence, safe(r.id()), safe(text), trigger, draft);
    }

    private static String names(java.util.Set<String> values) {
        return String.join(", ", values);
    }
}
