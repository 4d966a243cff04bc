package io.guidelinekb.pipeline;

import io.guidelinekb.model.Language;
import io.guidelinekb.model.RuleProblem;
import io.guidelinekb.engine.FolderDescriptor;
import io.guidelinekb.engine.RuleCatalog;
import io.guidelinekb.engine.RuleSources;
import io.guidelinekb.model.EvidenceGrade;
import io.guidelinekb.model.RecommendationDefinition;
import io.guidelinekb.model.Strength;
import java.util.ArrayList;
import java.util.List;

/**
 * What an author should confirm in a guideline folder, beside what its rules must be to serve: a
 * descriptor, the words its cards and report need, GRADE consistency, and summaries that keep the
 * words that carry a recommendation's strength.
 */
final class AuthorChecks {

    private AuthorChecks() {
    }

    static List<RuleProblem> of(String folder, RuleSources rules, FolderDescriptor.Described described, RuleCatalog catalog) {
        List<RuleProblem> findings = new ArrayList<>();
        if (rules.guidelineFiles().isEmpty()) {
            findings.add(new RuleProblem(rules.files().get(0).displayPath(), 0, 0, RuleProblem.Severity.WARNING,
                    "this guideline folder has no guideline.yaml: results will name it \"" + described.guideline().id()
                    + "\" with no title, version or status; describe it (see docs/authoring.md)"));
        }
        if (described.tree() != null) {
            findings.addAll(missingWords(described, rules.guidelineFiles().get(0).displayPath()));
            findings.addAll(SourceQuotes.check(rules, described.tree(), rules.guidelineFiles().get(0).displayPath(), catalog));
        }
        com.fasterxml.jackson.databind.JsonNode strengthWords = described.tree() == null ? null
                : described.tree().path("cards").path("summaryKeeps");
        for (RuleCatalog.RuleEntry rule : catalog.rules()) {
            if (rule.untied() != null) {
                findings.add(new RuleProblem(rule.file().displayPath(), rule.line(), rule.column(),
                        RuleProblem.Severity.WARNING, "rule \"" + rule.name() + "\": " + rule.untied() + " (e.g. "
                        + "episodeId == $episodeId), so it could join facts of two cases: this guideline's cases are "
                        + "evaluated one a session, which is slower"));
            }
            if (rule.definition() != null) {
                findings.addAll(gradeConsistency(rule));
                findings.addAll(strengthKeptInSummaries(rule, strengthWords));
            }
        }
        return findings;
    }

    /**
     * The words its cards and audit report need that the descriptor neither gives nor inherits: the
     * service would refuse to serve the guideline, and the report to start.
     */
    private static List<RuleProblem> missingWords(FolderDescriptor.Described described, String file) {
        String id = described.guideline().id();
        List<RuleProblem> missing = new ArrayList<>();
        java.util.Set<String> said = new java.util.HashSet<>();
        for (Language language : Language.values()) {
            var texts = io.guidelinekb.engine.DescriptorWords.texts(id, described.tree(), language);
            var needs = java.util.Map.of("CDS Hooks cards", io.guidelinekb.model.TextKey.forCards(),
                    "audit report", io.guidelinekb.model.TextKey.forReport());
            for (var need : new java.util.TreeMap<>(needs).entrySet()) {
                for (String path : texts.missing(need.getValue()).stream().map(io.guidelinekb.model.TextKey::path).toList()) {
                    if (said.add(path + language)) {
                        missing.add(RuleProblem.error(file, 1, 1, "no " + path + " in " + language.pick("Danish", "English")
                                + ", which the guideline's " + need.getKey() + " need; write it under " + path
                                + " (the words that say nothing clinical are inherited: docs/authoring.md)"));
                    }
                }
            }
        }
        return missing;
    }

    private static List<RuleProblem> gradeConsistency(RuleCatalog.RuleEntry rule) {
        if (rule.metadata().containsKey(RecommendationDefinition.SOURCE_STATES)) {
            // the author quoted the source's own symbols, and they match the declaration: not questioned
            return List.of();
        }
        RecommendationDefinition d = rule.definition();
        RuleCatalog.Located at = rule.metadata().get(RecommendationDefinition.EVIDENCE);
        String where = d.id() + " (" + d.strength() + " " + d.strength().symbol() + ")";
        List<RuleProblem> warnings = new ArrayList<>();
        if (d.strength() == Strength.GOOD_PRACTICE && d.evidence() != EvidenceGrade.NONE) {
            warnings.add(warning(rule, at, where + " is a good-practice statement but declares evidence " + d.evidence()
                    + " (" + d.evidence().symbol() + "); GRADE gives good practice no evidence grade: confirm against "
                    + "the source, or write @evidence(\"NONE\")"));
        }
        boolean strong = d.strength() == Strength.STRONG_FOR || d.strength() == Strength.STRONG_AGAINST;
        if (strong && (d.evidence() == EvidenceGrade.LOW || d.evidence() == EvidenceGrade.VERY_LOW)) {
            warnings.add(warning(rule, at, where + " is a strong recommendation on " + d.evidence()
                    + " evidence; GRADE allows this only in particular situations: confirm against the source"));
        }
        if (d.strength() != Strength.GOOD_PRACTICE && d.evidence() == EvidenceGrade.NONE) {
            warnings.add(warning(rule, at, where + " declares no evidence grade; only good-practice statements (√) "
                    + "come without one: confirm against the source"));
        }
        return warnings;
    }

    /**
     * A summary keeps the words that carry its recommendation's strength, where the guideline's own
     * text uses them ("Overvej …", "… efter nøje overvejelse"): a weak recommendation must not read as
     * a firm one on a card. Which words those are is the guideline's, in its guideline.yaml
     * ({@code cards.summaryKeeps}, by strength and language).
     */
    private static List<RuleProblem> strengthKeptInSummaries(RuleCatalog.RuleEntry rule,
                                                             com.fasterxml.jackson.databind.JsonNode keeps) {
        List<RuleProblem> problems = new ArrayList<>();
        if (keeps == null || keeps.isMissingNode()) {
            return problems;
        }
        RecommendationDefinition d = rule.definition();
        for (String language : List.of("da", "en")) {
            String text = language.equals("da") ? d.textDa() : d.textEn();
            String summaryKey = language.equals("da") ? RecommendationDefinition.SUMMARY_DA : RecommendationDefinition.SUMMARY_EN;
            RuleCatalog.Located summary = rule.metadata().get(summaryKey);
            if (text == null || summary == null || summary.value() == null) {
                continue;
            }
            for (com.fasterxml.jackson.databind.JsonNode word : keeps.path(d.strength().name()).path(language)) {
                String kept = word.asText().toLowerCase(java.util.Locale.ROOT);
                if (text.toLowerCase(java.util.Locale.ROOT).contains(kept)
                        && !summary.value().toLowerCase(java.util.Locale.ROOT).contains(kept)) {
                    problems.add(warning(rule, summary, d.id() + ": @" + summaryKey + " drops \"" + word.asText()
                            + "\", which the guideline's text uses for its strength (" + d.strength() + " "
                            + d.strength().symbol() + "); a card would read firmer than the recommendation is"));
                }
            }
        }
        return problems;
    }

    private static RuleProblem warning(RuleCatalog.RuleEntry rule, RuleCatalog.Located at, String message) {
        return io.guidelinekb.engine.DeclarationChecks.warning(rule, at, message);
    }
}
