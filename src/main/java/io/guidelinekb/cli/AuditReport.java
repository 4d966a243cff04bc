package io.guidelinekb.cli;

import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.model.Intervention;
import io.guidelinekb.model.RecommendationDefinition;
import io.guidelinekb.model.ScopeReason;
import io.guidelinekb.model.ScopeStatus;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML audit report (inline CSS and SVG, no external assets): scope status and
 * reasons, each recommendation given and triggered, and the share of in-scope episodes with an
 * intervention proposed that goes against a recommendation (whatever its strength symbol), with the
 * care that follows the guideline shown apart.
 */
final class AuditReport {

    private record Bar(String label, long value, long of, String color) {
        double share() {
            return of == 0 ? 0 : (double) value / of;
        }
    }

    private AuditReport() {
    }

    static String html(AuditStats stats, KnowledgeBase knowledgeBase, String input, long read) {
        long inScope = stats.status(ScopeStatus.IN_SCOPE);
        StringBuilder page = new StringBuilder(16_384);
        page.append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <title>Guideline audit: new-onset low back pain</title>
                <style>
                body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2733;max-width:980px;margin:2em auto;padding:0 1em}
                h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #d8dee6;padding-bottom:.2em}
                .meta{color:#5b6776;font-size:.9em}.tiles{display:flex;gap:1em;flex-wrap:wrap;margin:1.5em 0}
                .tile{flex:1;min-width:170px;border:1px solid #d8dee6;border-radius:8px;padding:.8em 1em}
                .tile b{display:block;font-size:2em;line-height:1.1}.tile span{color:#5b6776;font-size:.9em}
                .against b{color:#b3261e}.with b{color:#2e7d32}table{border-collapse:collapse;font-size:.9em}td,th{padding:.2em .8em;text-align:right}
                td:first-child,th:first-child{text-align:left;white-space:nowrap}svg text{font:13px system-ui,sans-serif;fill:#1d2733}
                </style></head><body>
                """);
        page.append("<h1>Audit against the national guideline on new-onset low back pain</h1>\n");
        page.append("<p class=\"meta\">Sundhedsstyrelsen, NKR 2016 · knowledge base <code>")
                .append(escape(knowledgeBase.version())).append("</code> (").append(escape(knowledgeBase.directory().toString()))
                .append(") · input <code>").append(escape(input)).append("</code> · generated ")
                .append(LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS)).append("</p>\n");

        page.append("<div class=\"tiles\">");
        tile(page, "", String.format(Locale.ROOT, "%,d", read), "records read: " + String.format(Locale.ROOT,
                "%,d evaluated, %,d rejected", stats.evaluated, stats.rejected));
        tile(page, "", percent(inScope, stats.evaluated), "of episodes in scope (" + String.format(Locale.ROOT, "%,d", inScope) + ")");
        tile(page, "against", percent(stats.inScopeWithAgainstProposed, inScope),
                "of in-scope episodes had an intervention proposed that goes against a recommendation");
        tile(page, "with", percent(stats.inScopeWithConcordantProposed, inScope),
                "of in-scope episodes had an intervention proposed that follows a recommendation");
        tile(page, "", String.format(Locale.ROOT, "%,d", stats.alerts), "alerts raised by the rules (acute referral)");
        page.append("</div>\n");

        page.append("<h2>Interventions proposed against a recommendation, share of in-scope episodes</h2>\n");
        page.append(interventionChart(stats.againstProposed, stats, inScope, "#b3261e"));
        page.append("<h2>Care that follows the guideline: interventions proposed with a recommendation</h2>\n");
        page.append(interventionChart(stats.withProposed, stats, inScope, "#2e7d32"));

        page.append("<h2>Scope status</h2>\n");
        page.append(chart(List.of(
                new Bar("IN_SCOPE", inScope, stats.evaluated, "#2e7d32"),
                new Bar("OUT_OF_SCOPE", stats.status(ScopeStatus.OUT_OF_SCOPE), stats.evaluated, "#6d4c41"),
                new Bar("UNDETERMINED", stats.status(ScopeStatus.UNDETERMINED), stats.evaluated, "#f9a825"))));

        page.append("<h2>Scope reasons, share of all episodes</h2>\n");
        List<Bar> reasons = new ArrayList<>();
        for (ScopeReason reason : ScopeReason.values()) {
            reasons.add(new Bar(reason.name(), stats.reasons.getOrDefault(reason, 0L), stats.evaluated,
                    reason.isExclusion() ? "#6d4c41" : "#f9a825"));
        }
        page.append(chart(reasons));

        page.append("<h2>Recommendations, share of in-scope episodes: given and triggered</h2>\n");
        List<Bar> recommendations = new ArrayList<>();
        for (RecommendationDefinition d : knowledgeBase.recommendations()) {
            String label = d.id() + " " + d.strength().symbol() + " " + d.evidence().symbol();
            recommendations.add(new Bar(label + " given", stats.given.getOrDefault(d.id(), 0L), inScope, "#1565c0"));
            recommendations.add(new Bar(label + " triggered", stats.triggered.getOrDefault(d.id(), 0L), inScope, "#90caf9"));
        }
        page.append(chart(recommendations));

        page.append("<h2>Recommendations</h2>\n<table><tr><th>id</th><th>strength</th><th>evidence</th><th>given</th>"
                + "<th>triggered</th><th>text</th></tr>\n");
        for (RecommendationDefinition d : knowledgeBase.recommendations()) {
            page.append("<tr><td>").append(d.id()).append("</td><td>").append(d.strength().symbol()).append("</td><td>")
                    .append(d.evidence().symbol()).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%,d", stats.given.getOrDefault(d.id(), 0L))).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%,d", stats.triggered.getOrDefault(d.id(), 0L)))
                    .append("</td><td style=\"text-align:left\">").append(escape(d.textEn())).append("</td></tr>\n");
        }
        page.append("</table>\n</body></html>\n");
        return page.toString();
    }

    private static String interventionChart(Map<Intervention, Long> counts, AuditStats stats, long inScope,
                                            String color) {
        List<Bar> bars = new ArrayList<>();
        for (Map.Entry<Intervention, Long> e : counts.entrySet()) {
            bars.add(new Bar(e.getKey() + "  (" + stats.recommendationOf.get(e.getKey()) + ")", e.getValue(), inScope,
                    color));
        }
        return bars.isEmpty() ? "<p>None proposed.</p>" : chart(bars);
    }

    private static void tile(StringBuilder page, String kind, String value, String label) {
        page.append("<div class=\"tile ").append(kind).append("\"><b>").append(escape(value)).append("</b><span>")
                .append(escape(label)).append("</span></div>");
    }

    /** A horizontal bar chart as inline SVG: one row per bar, its share and count at the end. */
    private static String chart(List<Bar> bars) {
        int row = 24;
        int labelWidth = 370;
        int barWidth = 440;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"960\" height=\"").append(bars.size() * row + 8)
                .append("\" role=\"img\">\n");
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = i * row + 4;
            int width = (int) Math.round(bar.share() * barWidth);
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"0\" y=\"%d\">%s</text><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" rx=\"2\" fill=\"%s\"/>"
                            + "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"none\" stroke=\"#d8dee6\"/>"
                            + "<text x=\"%d\" y=\"%d\">%s  (%,d)</text>%n",
                    y + 13, escape(bar.label()), labelWidth, y, width, bar.color(), labelWidth, y, barWidth,
                    labelWidth + barWidth + 8, y + 13, percent(bar.value(), bar.of()), bar.value()));
        }
        return svg.append("</svg>\n").toString();
    }

    private static String percent(long value, long of) {
        return of == 0 ? "–" : String.format(Locale.ROOT, "%.1f %%", 100.0 * value / of);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
