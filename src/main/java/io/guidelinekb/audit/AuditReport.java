package io.guidelinekb.audit;

import io.guidelinekb.model.Language;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.model.CardWord;
import io.guidelinekb.model.GuidelineTexts;
import io.guidelinekb.model.ReportWord;
import io.guidelinekb.model.TextKey;
import io.guidelinekb.model.Guideline;
import io.guidelinekb.model.RecommendationDefinition;
import io.guidelinekb.model.Review;
import io.guidelinekb.model.Vocabulary;
import io.guidelinekb.model.ScopeStatus;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML audit report (inline CSS, charts drawn in HTML, no external assets), in Danish or
 * English: the headline (in-scope episodes with an order against a recommendation, and those with
 * one that follows it), broken down by unit and by month; scope status and reasons; for each
 * recommendation what varies (withheld, ordered against, ordered with); a legend. Every word comes
 * from the guideline's {@code guideline.yaml}; it reads on a desktop, a phone and on paper.
 */
public final class AuditReport {

    private record Bar(String label, long value, long of, String color) {
        double share() {
            return of == 0 ? 0 : (double) value / of;
        }
    }

    private static final String RED = "#b3261e";
    private static final String GREEN = "#2e7d32";
    private static final String BROWN = "#6d4c41";
    private static final String AMBER = "#f9a825";
    private static final String BLUE = "#1565c0";

    private final AuditStats stats;
    private final KnowledgeBase knowledgeBase;
    private final GuidelineTexts texts;
    private final Locale locale;
    private final Vocabulary vocabulary;
    private final Language language;
    private final StringBuilder page = new StringBuilder(32_768);

    private AuditReport(AuditStats stats, KnowledgeBase knowledgeBase, Language language) {
        this.stats = stats;
        this.knowledgeBase = knowledgeBase;
        this.texts = knowledgeBase.texts(language).get(knowledgeBase.guideline().id());
        this.locale = language == Language.ENGLISH ? Locale.ROOT : Locale.forLanguageTag("da");
        this.vocabulary = knowledgeBase.vocabulary();
        this.language = language;
    }

    /**
     * What the guideline's descriptor lacks for the report, checked before any record is read, so
     * that a missing word stops the run at its start rather than after the work.
     */
    public static List<String> missingWords(KnowledgeBase knowledgeBase) {
        return GuidelineTexts.missing(knowledgeBase.guidelines(), knowledgeBase::texts, TextKey.forReport(), "the audit report needs");
    }

    public static String html(AuditStats stats, KnowledgeBase knowledgeBase, String input, long read, Language language,
                       String csv) {
        return new AuditReport(stats, knowledgeBase, language).page(input, read, language, csv);
    }

    private String t(ReportWord word) {
        return texts.report(word);
    }

    private String page(String input, long read, Language language, String csv) {
        long inScope = stats.status(ScopeStatus.IN_SCOPE);
        page.append("<!DOCTYPE html>\n<html lang=\"").append(language.code()).append("\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(escape(t(ReportWord.TITLE))).append("</title>\n").append(STYLE).append("</head><body>\n");
        page.append("<h1>").append(escape(t(ReportWord.TITLE))).append("</h1>\n");
        Guideline guideline = knowledgeBase.guideline();
        page.append("<p class=\"meta\">").append(escape(texts.text(TextKey.TITLE))).append(" (").append(escape(texts.text(TextKey.PUBLISHER)))
                .append(", ").append(escape(texts.text(TextKey.PUBLISHED))).append(") · ").append(escape(guideline.id()))
                .append(guideline.version() == null ? "" : " " + t(ReportWord.VERSION) + " " + escape(guideline.version()))
                .append(" · ").append(escape(guideline.review().status().label(language))).append(" · ")
                .append(t(ReportWord.KNOWLEDGE_BASE)).append(" <code>").append(escape(knowledgeBase.version())).append("</code> · ")
                .append(t(ReportWord.INPUT)).append(" <code>").append(escape(input)).append("</code> · ").append(t(ReportWord.GENERATED))
                .append(" ").append(ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS)
                        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx '('VV')'"))).append("</p>\n");
        if (guideline.review().needsAttention()) {
            page.append("<p class=\"notice\">").append(standing(guideline.review(), language)).append("</p>\n");
        }

        page.append("<div class=\"tiles\">");
        tile("", number(read), String.format(locale, t(ReportWord.RECORDS), stats.evaluated, stats.rejected));
        tile("", percent(inScope, stats.evaluated), String.format(locale, t(ReportWord.IN_SCOPE), inScope));
        // imaging must not be drowned by recommendations under a review of their own (the analgesics)
        if (stats.inScopeWithAgainstUnderReview > 0) {
            tile("against", percent(stats.inScopeWithAgainstStanding, inScope), t(ReportWord.AGAINST_STANDING)
                    + of(stats.inScopeWithAgainstStanding, inScope));
            tile("", percent(stats.inScopeWithAgainstUnderReview, inScope), t(ReportWord.AGAINST_UNDER_REVIEW)
                    + of(stats.inScopeWithAgainstUnderReview, inScope));
        } else {
            tile("against", percent(stats.inScopeWithAgainstProposed, inScope), t(ReportWord.AGAINST)
                    + of(stats.inScopeWithAgainstProposed, inScope));
        }
        if (stats.inScopeWithAgainstDraft > 0) {
            tile("", percent(stats.inScopeWithAgainstDraft, inScope), t(ReportWord.AGAINST_DRAFT)
                    + of(stats.inScopeWithAgainstDraft, inScope));
        }
        tile("with", percent(stats.inScopeWithConcordantProposed, inScope), t(ReportWord.WITH)
                + of(stats.inScopeWithConcordantProposed, inScope));
        for (Vocabulary.Term alert : vocabulary.terms(Vocabulary.Section.ALERTS).values()) {
            tile(vocabulary.levelOf(alert.id()) == Vocabulary.AlertLevel.CRITICAL ? "acute" : "",
                    number(stats.alertsById.getOrDefault(alert.id(), 0L)), t(ReportWord.ACUTE) + ": " + alert.label(language));
        }
        page.append("</div>\n");
        if (csv != null) {
            page.append("<p class=\"meta\">").append(escape(t(ReportWord.CSV))).append(" <code>").append(escape(csv))
                    .append("</code>.</p>\n");
        }

        breakdown(t(ReportWord.BY_UNIT), t(ReportWord.UNIT), stats.byUnit, true);
        breakdown(t(ReportWord.BY_MONTH), t(ReportWord.MONTH), stats.byMonth, false);

        page.append("<h2>").append(escape(t(ReportWord.AGAINST_CHART))).append("</h2>\n");
        page.append(interventionChart(stats.againstProposed, inScope, RED));
        page.append("<h2>").append(escape(t(ReportWord.WITH_CHART))).append("</h2>\n");
        page.append(interventionChart(stats.withProposed, inScope, GREEN));

        page.append("<h2>").append(escape(t(ReportWord.SCOPE_CHART))).append("</h2>\n");
        page.append(chart(List.of(
                new Bar(words("status", "IN_SCOPE"), inScope, stats.evaluated, GREEN),
                new Bar(words("status", "OUT_OF_SCOPE"), stats.status(ScopeStatus.OUT_OF_SCOPE), stats.evaluated, BROWN),
                new Bar(words("status", "UNDETERMINED"), stats.status(ScopeStatus.UNDETERMINED), stats.evaluated, AMBER))));
        page.append("<h2>").append(escape(t(ReportWord.REASONS_CHART))).append("</h2>\n");
        List<Bar> reasons = new ArrayList<>();
        for (Vocabulary.Term reason : vocabulary.terms(Vocabulary.Section.SCOPE_REASONS).values()) {
            reasons.add(new Bar(reason.label(language), stats.reasons.getOrDefault(reason.id(), 0L), stats.evaluated,
                    vocabulary.kindOf(reason.id()) == Vocabulary.ReasonKind.EXCLUSION ? BROWN : AMBER));
        }
        page.append(chart(reasons));

        recommendations(inScope);
        legend();
        page.append("</body></html>\n");
        return page.toString();
    }

    /** The headline per unit or month: what a quality manager acts on. */
    private void breakdown(String heading, String what, Map<String, AuditStats.Counts> counts, boolean units) {
        if (counts.isEmpty() || units && counts.size() == 1 && counts.containsKey("")) {
            return;
        }
        page.append("<h2>").append(escape(heading)).append("</h2>\n<div class=\"scroll\"><table><thead><tr><th class=\"text\">")
                .append(escape(what)).append("</th><th>").append(t(ReportWord.EPISODES)).append("</th><th>").append(t(ReportWord.IN_SCOPE_SHORT))
                .append("</th><th>").append(t(ReportWord.AGAINST_SHORT)).append("</th><th>").append(t(ReportWord.WITH_SHORT)).append("</th><th>")
                .append(t(ReportWord.ACUTE_SHORT)).append("</th></tr></thead><tbody>\n");
        counts.forEach((key, c) -> page.append(units ? "<tr><td class=\"text\">" : "<tr><td class=\"text month\">").append(escape(key.isEmpty() ? t(ReportWord.NO_UNIT) : key))
                .append("</td><td>").append(number(c.evaluated)).append("</td><td>").append(percent(c.inScope, c.evaluated))
                .append("</td><td class=\"against\">").append(percent(c.against, c.inScope)).append("</td><td class=\"with\">")
                .append(percent(c.with, c.inScope)).append("</td><td>").append(number(c.acute)).append("</td></tr>\n"));
        page.append("</tbody></table></div>\n");
    }

    /** For each recommendation what varies: withheld, ordered against, ordered with; not "given", which is nearly always. */
    private void recommendations(long inScope) {
        page.append("<h2>").append(escape(t(ReportWord.RECOMMENDATIONS_CHART))).append("</h2>\n");
        List<Bar> bars = new ArrayList<>();
        for (RecommendationDefinition d : knowledgeBase.recommendations()) {
            String label = d.id() + " " + d.strength().symbol() + " " + d.evidence().symbol();
            long withheld = inScope - stats.given.getOrDefault(d.id(), 0L);
            if (withheld > 0) {
                bars.add(new Bar(label + " " + t(ReportWord.WITHHELD), withheld, inScope, AMBER));
            }
            if (stats.againstById.getOrDefault(d.id(), 0L) > 0) {
                bars.add(new Bar(label + " " + t(ReportWord.TRIGGERED_AGAINST), stats.againstById.get(d.id()), inScope, RED));
            }
            if (stats.withById.getOrDefault(d.id(), 0L) > 0) {
                bars.add(new Bar(label + " " + t(ReportWord.TRIGGERED_WITH), stats.withById.get(d.id()), inScope, GREEN));
            }
        }
        page.append(bars.isEmpty() ? "<p>" + escape(t(ReportWord.NONE)) + "</p>\n" : chart(bars));
        page.append("<h2>").append(escape(t(ReportWord.TABLE))).append("</h2>\n<div class=\"scroll\"><table><thead><tr>")
                .append("<th class=\"text\">id</th><th class=\"text\">↑↓</th><th class=\"text\">⊕</th><th>").append(t(ReportWord.GIVEN))
                .append("</th><th>").append(t(ReportWord.WITHHELD)).append("</th><th>").append(t(ReportWord.TRIGGERED_AGAINST)).append("</th><th>")
                .append(t(ReportWord.TRIGGERED_WITH)).append("</th><th class=\"text\">").append(t(ReportWord.TEXT)).append("</th></tr></thead><tbody>\n");
        for (RecommendationDefinition d : knowledgeBase.recommendations()) {
            long given = stats.given.getOrDefault(d.id(), 0L);
            page.append("<tr><td class=\"text\">").append(d.id()).append("</td><td class=\"text\">").append(d.strength().symbol())
                    .append("</td><td class=\"text\">").append(d.evidence().symbol()).append("</td><td>").append(number(given))
                    .append("</td><td>").append(number(inScope - given)).append("</td><td>")
                    .append(number(stats.againstById.getOrDefault(d.id(), 0L))).append("</td><td>")
                    .append(number(stats.withById.getOrDefault(d.id(), 0L))).append("</td><td class=\"text wide\">")
                    .append(escape(language.pick(d.textDa(), d.textEn())));
            knowledgeBase.guideline().reviewOf(d.id()).filter(Review::needsAttention).ifPresent(review ->
                    page.append("<br><span class=\"notice\">").append(standing(review, language)).append("</span>"));
            page.append("</td></tr>\n");
        }
        page.append("</tbody></table></div>\n");
    }

    /** "Under vurdering: the note" and a link: where the advice stands with its publisher. */
    private static String standing(Review review, Language language) {
        String status = review.status().label(language);
        return "<strong>" + escape(status.substring(0, 1).toUpperCase(Locale.ROOT) + status.substring(1)) + ".</strong> "
                + (review.noteDa() == null ? "" : escape(review.note(language)))
                + (review.link() == null ? "" : " <a href=\"" + escape(review.link()) + "\">" + escape(review.link()) + "</a>");
    }

    private void legend() {
        page.append("<h2>").append(escape(t(ReportWord.LEGEND_TITLE))).append("</h2>\n<p class=\"legend\"><span class=\"swatch\" "
                + "style=\"background:").append(RED).append("\"></span><span class=\"swatch\" style=\"background:").append(GREEN)
                .append("\"></span><span class=\"swatch\" style=\"background:").append(BROWN)
                .append("\"></span><span class=\"swatch\" style=\"background:").append(AMBER).append("\"></span> ")
                .append(escape(t(ReportWord.LEGEND_COLOURS))).append("<br>").append(escape(t(ReportWord.LEGEND_STRENGTH))).append("<br>")
                .append(escape(t(ReportWord.LEGEND_EVIDENCE))).append("</p>\n");
    }

    private String words(String group, String code) {
        return texts.has(TextKey.reportLabel(group, code)) ? texts.text(TextKey.reportLabel(group, code)) : code;
    }

    private String interventionChart(Map<String, Long> counts, long inScope, String color) {
        List<Bar> bars = new ArrayList<>();
        for (String intervention : vocabulary.terms(Vocabulary.Section.INTERVENTIONS).keySet()) {
            Long count = counts.get(intervention);
            if (count != null) {
                bars.add(new Bar(vocabulary.label(Vocabulary.Section.INTERVENTIONS, intervention, language) + "  ("
                        + stats.recommendationOf.get(intervention) + ")", count, inScope, color));
            }
        }
        return bars.isEmpty() ? "<p>" + escape(t(ReportWord.NONE)) + "</p>\n" : chart(bars);
    }

    private void tile(String kind, String value, String label) {
        page.append("<div class=\"tile ").append(kind).append("\"><b>").append(escape(value)).append("</b><span>")
                .append(escape(label)).append("</span></div>");
    }

    /**
     * A horizontal bar chart in plain HTML: one row per bar, its label, its share drawn and its
     * share and count written. On a phone the label takes its own line, so that it stays readable
     * where a scaled drawing would shrink it.
     */
    private String chart(List<Bar> bars) {
        StringBuilder chart = new StringBuilder("<div class=\"chart\" role=\"list\">\n");
        for (Bar bar : bars) {
            double share = bar.of() == 0 ? 0 : 100.0 * bar.value() / bar.of();
            chart.append(String.format(Locale.ROOT, "<div class=\"row\" role=\"listitem\"><span class=\"label\">%s</span>"
                            + "<span class=\"track\"><span class=\"fill\" style=\"width:%.1f%%;background:%s\"></span></span>"
                            + "<span class=\"value\">%s (%s)</span></div>%n",
                    escape(bar.label()), share, bar.color(), percent(bar.value(), bar.of()), number(bar.value())));
        }
        return chart.append("</div>\n").toString();
    }

    private String number(long value) {
        return String.format(locale, "%,d", value);
    }

    /** A rate's count and denominator, " (1.234 af 9.537)": what the percentage is of. */
    private String of(long value, long denominator) {
        return " (" + number(value) + " " + t(ReportWord.OF) + " " + number(denominator) + ")";
    }

    private String percent(long value, long of) {
        return of == 0 ? "–" : String.format(locale, "%.1f %%", 100.0 * value / of);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String STYLE = """
            <style>
            body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2733;max-width:980px;margin:2em auto;padding:0 1em}
            h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #d8dee6;padding-bottom:.2em}
            .meta{color:#5b6776;font-size:.9em}.notice{background:#fff8e1;border-left:4px solid #f9a825;padding:.3em .6em;display:inline-block}.tiles{display:flex;gap:1em;flex-wrap:wrap;margin:1.5em 0}
            .tile{flex:1;min-width:150px;box-sizing:border-box;border:1px solid #d8dee6;border-radius:8px;padding:.8em 1em}
            .tile b{display:block;font-size:2em;line-height:1.1}.tile span{color:#5b6776;font-size:.9em}
            .against b,td.against{color:#b3261e}.with b,td.with{color:#2e7d32}.acute b{color:#b3261e}
            .scroll{overflow-x:auto;background:linear-gradient(270deg,#fff 30%,#fff0) 100% 0/2.5em 100% no-repeat local,
            radial-gradient(farthest-side at 100% 50%,#0003,#0000) 100% 0/1em 100% no-repeat}
            table{border-collapse:collapse;font-size:.9em}th:first-child,td:first-child{position:sticky;left:0;background:#fff}
            th,td{padding:.25em .8em;text-align:right;vertical-align:top;border-bottom:1px solid #eef1f4}
            th.text,td.text{text-align:left;white-space:nowrap}td.wide{white-space:normal;min-width:18em}
            .chart{font-size:.9em;margin:.8em 0}.row{display:grid;grid-template-columns:minmax(12em,40%) 1fr 9.5em;gap:.2em .8em;
            align-items:center;padding:.15em 0}.track{height:1em;border:1px solid #d8dee6;border-radius:2px;overflow:hidden}
            .fill{display:block;height:100%;-webkit-print-color-adjust:exact;print-color-adjust:exact}.value{white-space:nowrap}
            .legend{font-size:.9em;color:#3d4956}.swatch{display:inline-block;width:.9em;height:.9em;border-radius:2px;margin-right:.2em}
            @media (max-width:640px){body{margin:1em auto;font-size:14px}.tile{min-width:100%}
            .row{grid-template-columns:1fr 8.5em}.row .label{grid-column:1/-1}
            th,td{padding:.2em .35em}td.text{white-space:normal}td.month{white-space:nowrap}table{font-size:.85em}}
            @media print{body{max-width:none;margin:0;font-size:11pt}.tile{break-inside:avoid}h2{break-after:avoid}
            .row,tr{break-inside:avoid}.scroll{overflow:visible;background:none}.swatch{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
            </style>
            """;
}
