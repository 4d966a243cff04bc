package io.guidelinekb.authoring;

import io.guidelinekb.EvaluationException;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.RuleLoadException;
import io.guidelinekb.RuleProblem;
import io.guidelinekb.engine.DroolsCompiler;
import io.guidelinekb.engine.FolderDescriptor;
import io.guidelinekb.engine.GuidelineRules;
import io.guidelinekb.engine.RuleCatalog;
import io.guidelinekb.engine.RuleSources;
import io.guidelinekb.model.EvidenceGrade;
import io.guidelinekb.model.RecommendationDefinition;
import io.guidelinekb.model.Strength;
import io.guidelinekb.sandbox.SafetyPolicy;
import io.guidelinekb.sandbox.SandboxProblems;
import io.guidelinekb.terminology.BindingsReader;
import io.guidelinekb.terminology.TerminologyBindings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.PatternDescr;

/**
 * Checks a rules folder before it is used: everything loading checks, and what an author should
 * confirm (GRADE consistency, recommendations that cannot fire in scope). Goes on past errors so
 * that one run reports all it can.
 */
public final class Linter {


    private Linter() {
    }

    /**
     * What lint found, sorted by file and position, and the knowledge base it compiled when there
     * was no error (so that a caller need not compile the same rules again).
     *
     * @param findings      every error and warning, sorted by file, line and column
     * @param knowledgeBase the rules compiled, when lint found no error
     */
    public record Report(List<RuleProblem> findings, Optional<KnowledgeBase> knowledgeBase) {
        /**
         * Sorts the findings.
         *
         * @param findings      every error and warning
         * @param knowledgeBase the rules compiled, when lint found no error
         */
        public Report {
            findings = findings.stream().sorted(Comparator.comparing(RuleProblem::file)
                    .thenComparingInt(RuleProblem::line).thenComparingInt(RuleProblem::column)).toList();
        }

        Report(List<RuleProblem> findings) {
            this(findings, Optional.empty());
        }

        /**
         * How many findings are errors.
         *
         * @return the count of errors
         */
        public long errors() {
            return findings.stream().filter(RuleProblem::isError).count();
        }

        /**
         * How many findings are warnings.
         *
         * @return the count of warnings
         */
        public long warnings() {
            return findings.size() - errors();
        }
    }

    /**
     * Lints a folder of rules: everything loading checks, and what an author should confirm.
     *
     * @param directory the folder of rules
     * @return what lint found
     * @throws RuleLoadException only when the folder itself cannot be read; problems in the rules
     *                           are findings of the report
     */
    public static Report lint(Path directory) throws RuleLoadException {
        return lint(directory, null);
    }

    /**
     * Lints one guideline of a folder of rules, or all of them.
     *
     * @param directory the folder of rules
     * @param guideline the guideline folder to lint, or {@code null} for every one
     * @return what lint found
     * @throws RuleLoadException when the folder cannot be read, or holds no guideline {@code guideline}
     */
    public static Report lint(Path directory, String guideline) throws RuleLoadException {
        RuleSources sources = RuleSources.read(directory);
        if (guideline != null && !sources.byGuideline().containsKey(guideline)) {
            throw new RuleLoadException(List.of(RuleProblem.error(directory.toString(), 0, 0, "holds no guideline "
                    + guideline + "; its guidelines: " + String.join(", ", sources.byGuideline().keySet()))));
        }
        List<RuleProblem> findings = new ArrayList<>(SafetyPolicy.check(sources));
        if (!findings.isEmpty()) {
            return new Report(findings);
        }
        BindingsReader.Result bindings = sources.bindings();
        findings.addAll(bindings.problems());
        TerminologyBindings terminology = new TerminologyBindings(bindings.bindings());
        List<GuidelineRules> guidelines = new ArrayList<>();
        for (var group : sources.byGuideline().entrySet()) {
            if (guideline != null && !group.getKey().equals(guideline)) {
                continue;
            }
            GuidelineRules rules = lintGuideline(group.getKey(), group.getValue(), sources, terminology, findings);
            if (rules != null) {
                guidelines.add(rules);
            }
        }
        boolean clean = findings.stream().noneMatch(RuleProblem::isError);
        return new Report(findings, clean ? Optional.of(KnowledgeBase.of(sources, guidelines,
                List.of(), terminology)) : Optional.empty());
    }

    /** Lints one guideline folder into {@code findings}; its compiled rules when it has no error. */
    private static GuidelineRules lintGuideline(String folder, RuleSources sources, RuleSources all,
                                                TerminologyBindings terminology, List<RuleProblem> findings) {
        int before = findings.size();
        DroolsCompiler.Compiled compiled = DroolsCompiler.compile(sources);
        findings.addAll(compiled.problems());
        if (compiled.kieBase() == null) {
            return null;
        }
        RuleCatalog catalog = RuleCatalog.read(sources);
        findings.addAll(catalog.problems());
        List<RuleProblem> refused = SandboxProblems.check(compiled.kieBase(), sources, catalog);
        findings.addAll(refused);
        if (!refused.isEmpty()) {
            // the probe below evaluates the rules: never with code the sandbox refused
            return null;
        }
        FolderDescriptor.Described described = FolderDescriptor.describe(folder, sources, catalog, all.directory());
        findings.addAll(described.problems());
        if (sources.guidelineFiles().isEmpty()) {
            findings.add(new RuleProblem(sources.files().get(0).displayPath(), 0, 0, RuleProblem.Severity.WARNING,
                    "this guideline folder has no guideline.yaml: results will name it \"" + described.guideline().id()
                    + "\" with no title, version or status; describe it (see docs/authoring.md)"));
        }
        if (described.tree() != null) {
            findings.addAll(missingWords(described, sources.guidelineFiles().get(0).displayPath()));
        }
        com.fasterxml.jackson.databind.JsonNode strengthWords = described.tree() == null ? null
                : described.tree().path("cards").path("summaryKeeps");
        for (RuleCatalog.RuleEntry rule : catalog.rules()) {
            if (rule.definition() != null) {
                findings.addAll(gradeConsistency(rule));
                findings.addAll(io.guidelinekb.engine.DeclarationChecks.of(rule));
                findings.addAll(strengthKeptInSummaries(rule, strengthWords));
            }
        }
        if (findings.subList(before, findings.size()).stream().anyMatch(RuleProblem::isError)) {
            return null;
        }
        GuidelineRules rules = new GuidelineRules(described.guideline(), described.tree(), all.version(),
                compiled.kieBase(), catalog);
        KnowledgeBase alone = KnowledgeBase.of(all, List.of(rules), List.of(), terminology);
        try {
            var population = population(all.directory(), folder, findings);
            findings.addAll(InScopeProbe.togetherDiffersFromAlone(alone, population));
            findings.addAll(InScopeProbe.neverGiven(alone, catalog, population));
        } catch (EvaluationException e) {
            findings.add(failedOnProbe(e, catalog, all.directory()));
        }
        return findings.subList(before, findings.size()).stream().anyMatch(RuleProblem::isError) ? null : rules;
    }

    /**
     * The words its cards and audit report need that the descriptor neither gives nor inherits: the
     * service would refuse to serve the guideline, and the report to start.
     */
    private static List<RuleProblem> missingWords(FolderDescriptor.Described described, String file) {
        String id = described.guideline().id();
        List<RuleProblem> missing = new ArrayList<>();
        java.util.Set<String> said = new java.util.HashSet<>();
        for (boolean english : new boolean[] {false, true}) {
            var texts = io.guidelinekb.engine.GuidelineTexts.of(java.util.Map.of(id, described.tree()), english).get(id);
            var needs = java.util.Map.of("CDS Hooks cards", io.guidelinekb.engine.GuidelineTexts.cardWords(),
                    "audit report", io.guidelinekb.engine.GuidelineTexts.reportWords());
            for (var need : new java.util.TreeMap<>(needs).entrySet()) {
                for (String path : texts.missing(need.getValue())) {
                    if (said.add(path + english)) {
                        missing.add(RuleProblem.error(file, 1, 1, "no " + path + (english ? " in English" : " in Danish")
                                + ", which the guideline's " + need.getKey() + " need; write it under " + path
                                + " (the words that say nothing clinical are inherited: docs/authoring.md)"));
                    }
                }
            }
        }
        return missing;
    }

    /**
     * The guideline's synthetic population ({@code population.yaml}), whose mix the probe adds to its
     * grid; none when the folder has none, and a warning when it cannot be read.
     */
    private static io.guidelinekb.audit.Population population(Path directory, String folder, List<RuleProblem> findings) {
        Path file = directory.resolve(folder).resolve(io.guidelinekb.audit.Population.FILE);
        if (!java.nio.file.Files.isRegularFile(file)) {
            return null;
        }
        try {
            return io.guidelinekb.audit.Population.of(directory, folder);
        } catch (io.guidelinekb.input.InvalidInputException e) {
            findings.add(new RuleProblem(file.toString(), 0, 0, RuleProblem.Severity.WARNING, String.join("; ",
                    e.problems())));
            return null;
        }
    }

    /** A rule that throws or runs into a limit on the probe episodes is an error at that rule. */
    private static RuleProblem failedOnProbe(EvaluationException e, RuleCatalog catalog, Path directory) {
        return catalog.rules().stream().filter(r -> r.name().equals(e.rule())).findFirst()
                .map(r -> RuleProblem.error(r.file().displayPath(), r.line(), r.column(), "on the probe episodes: "
                        + e.getMessage()))
                .orElse(RuleProblem.error(directory.toString(), 0, 0, "on the probe episodes: " + e.getMessage()));
    }

    private static List<RuleProblem> gradeConsistency(RuleCatalog.RuleEntry rule) {
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

    private static RuleProblem error(RuleCatalog.RuleEntry rule, String message) {
        return RuleProblem.error(rule.file().displayPath(), rule.line(), rule.column(), message);
    }
}
