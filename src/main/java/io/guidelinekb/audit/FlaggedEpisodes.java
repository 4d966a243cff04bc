package io.guidelinekb.audit;

import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.model.Recommendation;
import io.guidelinekb.model.ScopeStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The episodes behind the audit report's numbers, as CSV a quality manager can open: every
 * in-scope episode with an order against a recommendation ({@code against}), and every episode
 * with an alert ({@code acute-referral}). One row per episode and category, in input order.
 */
public final class FlaggedEpisodes {

    /** Danish Excel reads a semicolon as the list separator, and UTF-8 only after a byte-order mark. */
    private static final String BOM = "\uFEFF";

    private final char separator;
    private final boolean forDanishSpreadsheets;

    /**
     * The CSV in the dialect of the report's language: Danish (semicolons, a UTF-8 byte-order mark)
     * or English (commas, RFC 4180).
     */
    FlaggedEpisodes(io.guidelinekb.model.Language language) {
        this.forDanishSpreadsheets = language == io.guidelinekb.model.Language.DANISH;
        this.separator = forDanishSpreadsheets ? ';' : ',';
    }

    byte[] header() {
        String header = String.join(String.valueOf(separator), "line", "unit", "month", "patientId", "episodeId",
                "category", "recommendations", "interventions");
        return ((forDanishSpreadsheets ? BOM : "") + header + "\n").getBytes(StandardCharsets.UTF_8);
    }

    byte[] rows(long firstLine, EpisodeResult[] results, String[] units) {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < results.length; i++) {
            EpisodeResult result = results[i];
            if (result == null) {
                continue;
            }
            String common = (firstLine + i) + "" + separator + cell(units[i]) + separator
                    + result.asOf().toString().substring(0, 7) + separator + cell(result.patientId()) + separator
                    + cell(result.episodeId()) + separator;
            if (!result.alerts().isEmpty()) {
                rows.append(common).append("acute-referral").append(separator).append(separator).append('\n');
            }
            List<Recommendation> against = result.status() == ScopeStatus.IN_SCOPE ? result.triggeredAgainst() : List.of();
            if (!against.isEmpty()) {
                rows.append(common).append("against").append(separator)
                        .append(cell(against.stream().map(Recommendation::id).collect(Collectors.joining(" "))))
                        .append(separator).append(cell(against.stream().flatMap(r -> r.triggeredAgainst().stream())
                                .distinct().collect(Collectors.joining(" ")))).append('\n');
            }
        }
        return rows.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 4180: quoted when it holds the separator, a quote or a line break; a leading = + - @ is defused for spreadsheets. */
    String cell(String value) {
        if (value == null) {
            return "";
        }
        String text = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return text.indexOf(separator) >= 0 || text.contains("\"") || text.contains("\n") || text.contains("\r")
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

}
