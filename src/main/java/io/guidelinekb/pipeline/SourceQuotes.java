package io.guidelinekb.pipeline;

import io.guidelinekb.engine.RuleCatalog;
import io.guidelinekb.engine.RuleSources;
import io.guidelinekb.model.EvidenceGrade;
import io.guidelinekb.model.RecommendationDefinition;
import io.guidelinekb.model.RuleProblem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A guideline quotes its source verbatim. When {@code guideline.yaml} names the source as text
 * ({@code sourceText: quick-guide.da.txt}, a file beside it), each recommendation's Danish text must
 * stand in it as the source prints it, with its strength symbol before and its evidence symbol after
 * ("↓ Tilbyd ikke … (⊕)."), and its {@code @section} must be one of the source's lines (a heading).
 */
final class SourceQuotes {

    private SourceQuotes() {
    }

    static List<RuleProblem> check(RuleSources rules, com.fasterxml.jackson.databind.JsonNode descriptor, String descriptorFile,
                                   RuleCatalog catalog) {
        if (descriptor == null || !descriptor.has("sourceText")) {
            return List.of();
        }
        String named = descriptor.path("sourceText").asText("");
        Optional<RuleSources.RuleFile> source = rules.sourceTexts().stream()
                .filter(f -> f.relativePath().substring(f.relativePath().lastIndexOf('/') + 1).equals(named)).findFirst();
        if (!descriptor.path("sourceText").isTextual() || named.contains("/") || !named.endsWith(".txt")
                || source.isEmpty()) {
            return List.of(RuleProblem.error(descriptorFile, 1, 1, "sourceText: \"" + named + "\" is not a .txt file "
                    + "beside guideline.yaml; name the file that holds the guideline's text, e.g. quick-guide.da.txt"));
        }
        String raw = new String(source.get().content(), StandardCharsets.UTF_8);
        String running = runningText(raw);
        List<String> lines = raw.lines().map(String::strip).toList();
        List<RuleProblem> problems = new ArrayList<>();
        for (RuleCatalog.RuleEntry rule : catalog.rules()) {
            RecommendationDefinition r = rule.definition();
            if (r == null) {
                continue;
            }
            String printed = printed(r);
            if (!running.contains(printed)) {
                problems.add(RuleProblem.error(rule.file().displayPath(), rule.line(), rule.column(), r.id()
                        + "'s @da is not in " + named + " as the guideline prints it: \"" + printed + "\"; quote the "
                        + "source word for word (its symbols come from @strength and @evidence)"));
            }
            if (!lines.contains(r.section())) {
                problems.add(RuleProblem.error(rule.file().displayPath(), rule.line(), rule.column(), r.id()
                        + "'s @section(\"" + r.section() + "\") is no line of " + named + "; name the heading it stands under"));
            }
        }
        return problems;
    }

    /** The recommendation as a source prints it: its strength symbol, the sentence, its evidence in brackets. */
    static String printed(RecommendationDefinition r) {
        String sentence = r.textDa().endsWith(".") ? r.textDa().substring(0, r.textDa().length() - 1) : r.textDa();
        String evidence = r.evidence() == EvidenceGrade.NONE ? "" : " (" + r.evidence().symbol() + ")";
        return r.strength().symbol() + " " + sentence + evidence + ".";
    }

    /**
     * The source as running text: words split across lines joined, whitespace (no-break spaces too)
     * collapsed, and private-use glyphs dropped, which text taken from a PDF leaves beside symbols.
     */
    static String runningText(String text) {
        return text.replaceAll("\\p{Co}", "").replaceAll("-\\R", "").replaceAll("[\\s\\u00A0]+", " ");
    }
}
