package io.guidelinekb.engine;

import io.guidelinekb.model.RuleProblem;
import io.guidelinekb.model.RecommendationDefinition;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * What the rules declare, read from their source so that every finding has a file, line and
 * column: the rules of each file, their recommendation metadata, and problems with either.
 */
public final class RuleCatalog {

    /**
     * A rule as written: where it is and what its metadata says, and its first pattern not tied to its
     * case by id ({@code untied}, null when every one is: see {@link EpisodeJoins}). Its parsed form is
     * read when first asked for, since a knowledge base from the rule cache needs it only to explain.
     */
    public record RuleEntry(String name, RuleSources.RuleFile file, int line, int column,
                     Map<String, Located> metadata, RecommendationDefinition definition, List<String> imports,
                     boolean asksMoreThanScope, String untied, Supplier<RuleDescr> parsed) {

        /** The rule's syntax tree, as Drools' parser reads it. */
        public RuleDescr descr() {
            return parsed.get();
        }
    }

    /** An annotation value and where it stands. */
    public record Located(String value, int line, int column) {
    }

    private final List<RuleEntry> rules;
    private final List<RuleProblem> problems;
    private final io.guidelinekb.model.Vocabulary vocabulary;

    private RuleCatalog(List<RuleEntry> rules, List<RuleProblem> problems, io.guidelinekb.model.Vocabulary vocabulary) {
        this.rules = List.copyOf(rules);
        this.problems = List.copyOf(problems);
        this.vocabulary = vocabulary;
    }

    /** The guideline's vocabulary, which the rules' ids were checked against. */
    public io.guidelinekb.model.Vocabulary vocabulary() {
        return vocabulary;
    }

    public List<RuleEntry> rules() {
        return rules;
    }

    public List<RuleProblem> problems() {
        return problems;
    }

    /** Reads every file; call it on sources that compile, so parse errors are not reported twice. */
    public static RuleCatalog read(RuleSources sources) {
        return read(sources, sources.vocabulary());
    }

    /** As {@link #read(RuleSources)}, with the folder's vocabulary already read. */
    public static RuleCatalog read(RuleSources sources, io.guidelinekb.guideline.VocabularyReader.Result read) {
        List<RuleEntry> rules = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>(read.problems());
        io.guidelinekb.model.Vocabulary vocabulary = read.vocabulary();
        for (RuleSources.RuleFile file : sources.files()) {
            if (!SourceShape.check(file).isEmpty()) {
                continue;   // the compiler reports it; Drools' parser would overflow its stack on it
            }
            PackageDescr descr = parse(file, problems);
            if (descr == null) {
                continue;
            }
            checkPackage(file, descr, problems);
            problems.addAll(VocabularyUses.check(file, vocabulary));
            List<String> imports = descr.getImports().stream().map(i -> i.getTarget()).toList();
            for (RuleDescr rule : descr.getRules()) {
                rules.add(entry(file, rule, imports, vocabulary, problems));
            }
        }
        checkUniqueNames(rules, problems);
        checkUniqueIds(rules, problems);
        return new RuleCatalog(rules, problems, vocabulary);
    }

    /**
     * The catalogue of rules that loaded cleanly, as {@link StoredCatalog} keeps it in the rule cache:
     * what a cached start needs without parsing DRL.
     */
    public byte[] stored() {
        return StoredCatalog.write(rules);
    }

    /**
     * The catalogue {@link #stored()} kept, for the same files; null when it does not fit them. It
     * reports no problems: only rules that loaded without any are kept.
     */
    public static RuleCatalog restored(RuleSources sources, byte[] stored,
                                       io.guidelinekb.guideline.VocabularyReader.Result vocabulary) {
        List<RuleEntry> rules = StoredCatalog.read(stored, sources, vocabulary.vocabulary());
        return rules == null ? null : new RuleCatalog(rules, List.of(), vocabulary.vocabulary());
    }

    /** The syntax tree of one rule of a file that parsed before, parsed again when first asked for. */
    static Supplier<RuleDescr> parsedLater(RuleSources.RuleFile file, String rule) {
        return new Supplier<>() {
            private RuleDescr descr;

            @Override
            public synchronized RuleDescr get() {
                if (descr == null) {
                    List<RuleProblem> problems = new ArrayList<>();
                    PackageDescr parsed = parse(file, problems);
                    descr = parsed == null ? null : parsed.getRules().stream()
                            .filter(r -> r.getName().equals(rule)).findFirst().orElse(null);
                    if (descr == null) {
                        throw new IllegalStateException(file.displayPath() + ": rule \"" + rule
                                + "\" no longer parses as it did when it was cached");
                    }
                }
                return descr;
            }
        };
    }

    private static PackageDescr parse(RuleSources.RuleFile file, List<RuleProblem> problems) {
        DrlParser parser = new DrlParser();
        try (var reader = new InputStreamReader(new ByteArrayInputStream(file.content()), StandardCharsets.UTF_8)) {
            PackageDescr descr = parser.parse(reader);
            if (parser.hasErrors() || descr == null) {
                parser.getErrors().forEach(e -> problems.add(RuleProblem.error(file.displayPath(),
                        e.getLines().length > 0 ? e.getLines()[0] : 0, 0, e.getMessage())));
                return null;
            }
            return descr;
        } catch (DroolsParserException | java.io.IOException e) {
            problems.add(RuleProblem.error(file.displayPath(), 0, 0, "cannot parse: " + e.getMessage()));
            return null;
        }
    }

    private static void checkPackage(RuleSources.RuleFile file, PackageDescr descr, List<RuleProblem> problems) {
        String expected = file.expectedPackage();
        if (expected != null && !expected.equals(descr.getName())) {
            problems.add(RuleProblem.error(file.displayPath(), 1, 1, "package " + descr.getName()
                    + " does not match its folder; write: package " + expected + ";"));
        }
    }

    private static RuleEntry entry(RuleSources.RuleFile file, RuleDescr rule, List<String> imports,
                                   io.guidelinekb.model.Vocabulary vocabulary, List<RuleProblem> problems) {
        Map<String, Located> metadata = new LinkedHashMap<>();
        for (AnnotationDescr annotation : rule.getAnnotations()) {
            Object value = annotation.getSingleValueAsString();
            Located located = locate(file, rule, annotation, value == null ? null : AnnotationDescr.unquote(value.toString()));
            metadata.put(annotation.getName(), located);
            String unsafe = located.value() == null ? null : io.guidelinekb.util.SafeText.problem(located.value());
            if (unsafe != null) {
                problems.add(RuleProblem.error(file.displayPath(), located.line(), located.column(), "rule \""
                        + rule.getName() + "\": @" + annotation.getName() + " " + unsafe));
            }
        }
        RecommendationDefinition definition = null;
        if (RecommendationDefinition.declaredBy(metadata)) {
            Map<String, String> values = new HashMap<>();
            metadata.forEach((key, located) -> values.put(key, located.value()));
            RecommendationDefinition.Result parsed = RecommendationDefinition.parse(values, vocabulary);
            definition = parsed.definition();
            for (RecommendationDefinition.Problem problem : parsed.problems()) {
                Located at = metadata.get(problem.key());
                int line = at != null ? at.line() : rule.getLine();
                int column = at != null ? at.column() : column(rule);
                problems.add(RuleProblem.error(file.displayPath(), line, column,
                        "rule \"" + rule.getName() + "\": " + problem.message()));
            }
        }
        java.util.Set<String> named = new java.util.HashSet<>();
        problems.stream().filter(p -> p.file().equals(file.displayPath())).forEach(p -> named.add(p.message()));
        for (Map.Entry<String, Located> annotation : metadata.entrySet()) {
            String key = annotation.getKey();
            boolean reported = named.stream().anyMatch(m -> m.contains("@" + key + " is not a metadata key"));
            if (!RecommendationDefinition.KEYS.contains(key) && !reported) {
                Located at = annotation.getValue();
                problems.add(RuleProblem.error(file.displayPath(), at.line(), at.column(), "rule \"" + rule.getName()
                        + "\": @" + key + " is not a metadata key" + io.guidelinekb.util.Spelling.didYouMean(key,
                        RecommendationDefinition.KEYS, "@") + "; keys: @" + String.join(", @", RecommendationDefinition.KEYS)));
            }
        }
        return new RuleEntry(rule.getName(), file, rule.getLine(), column(rule), metadata, definition,
                imports, asksMoreThanScope(rule), EpisodeJoins.untied(rule).orElse(null), () -> rule);
    }

    /**
     * Whether a rule's conditions ask more than {@code Scope( status == …IN_SCOPE, $x : episode )}: a
     * second pattern, or another constraint on the scope.
     */
    private static boolean asksMoreThanScope(RuleDescr rule) {
        java.util.List<org.drools.drl.ast.descr.BaseDescr> elements = rule.getLhs().getDescrs();
        if (elements.size() != 1 || !(elements.get(0) instanceof org.drools.drl.ast.descr.PatternDescr pattern)) {
            return true;
        }
        return pattern.getConstraint().getDescrs().stream().anyMatch(c -> !(c instanceof
                org.drools.drl.ast.descr.ExprConstraintDescr e) || !e.getExpression().strip().matches(
                "status\\s*==\\s*(ScopeStatus\\.)?IN_SCOPE|\\$\\w+\\s*:\\s*episode"));
    }

    /** Provenance, coverage and explanations name rules, so a name must point at one rule. */
    private static void checkUniqueNames(List<RuleEntry> rules, List<RuleProblem> problems) {
        Map<String, RuleEntry> first = new HashMap<>();
        // In file order, so that the copy (the later file) is blamed, not the original.
        List<RuleEntry> inFileOrder = rules.stream().sorted(Comparator.comparing((RuleEntry r) ->
                r.file().displayPath()).thenComparingInt(RuleEntry::line)).toList();
        for (RuleEntry rule : inFileOrder) {
            RuleEntry earlier = first.putIfAbsent(rule.name(), rule);
            if (earlier != null && earlier.file() != rule.file()) {
                problems.add(RuleProblem.error(rule.file().displayPath(), rule.line(), rule.column(),
                        "rule name \"" + rule.name() + "\" is already used at " + earlier.file().displayPath() + ":"
                                + earlier.line() + "; rule names must be unique across the rules folder"));
            }
        }
    }

    /**
     * Where an annotation stands. The DRL parser leaves annotations unlocated, so find
     * {@code @name(} in the rule's own lines.
     */
    private static Located locate(RuleSources.RuleFile file, RuleDescr rule, AnnotationDescr annotation, String value) {
        if (annotation.getLine() > 0) {
            return new Located(value, annotation.getLine(), Math.max(annotation.getColumn(), 0) + 1);
        }
        String[] lines = new String(file.content(), StandardCharsets.UTF_8).split("\\R", -1);
        String marker = "@" + annotation.getName() + "(";
        for (int i = Math.max(rule.getLine() - 1, 0); i < lines.length; i++) {
            int at = lines[i].indexOf(marker);
            if (at >= 0) {
                return new Located(value, i + 1, at + 1);
            }
            if (lines[i].strip().equals("when")) {
                break;
            }
        }
        return new Located(value, rule.getLine(), column(rule));
    }

    /** The parser counts columns from 0; messages count from 1. */
    private static int column(RuleDescr rule) {
        return Math.max(rule.getColumn(), 0) + 1;
    }

    private static void checkUniqueIds(List<RuleEntry> rules, List<RuleProblem> problems) {
        Map<String, RuleEntry> first = new HashMap<>();
        // In file order, so that the copy (the later file) is blamed, not the original.
        List<RuleEntry> inFileOrder = rules.stream().sorted(Comparator.comparing((RuleEntry r) ->
                r.file().displayPath()).thenComparingInt(RuleEntry::line)).toList();
        for (RuleEntry rule : inFileOrder) {
            if (rule.definition() == null) {
                continue;
            }
            RuleEntry earlier = first.putIfAbsent(rule.definition().id(), rule);
            if (earlier != null) {
                Located at = rule.metadata().get(RecommendationDefinition.ID);
                problems.add(RuleProblem.error(rule.file().displayPath(), at.line(), at.column(),
                        "recommendation " + rule.definition().id() + " is already given by rule \"" + earlier.name()
                                + "\" at " + earlier.file().displayPath() + ":" + earlier.line()
                                + "; each id belongs to one rule"));
            }
        }
    }
}
