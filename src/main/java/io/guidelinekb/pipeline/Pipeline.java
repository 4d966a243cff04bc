package io.guidelinekb.pipeline;

import io.guidelinekb.model.RuleProblem;
import io.guidelinekb.engine.DeclarationChecks;
import io.guidelinekb.engine.DroolsCompiler;
import io.guidelinekb.engine.FolderDescriptor;
import io.guidelinekb.engine.GuidelineRules;
import io.guidelinekb.engine.RuleCache;
import io.guidelinekb.engine.RuleCatalog;
import io.guidelinekb.engine.RuleSources;
import io.guidelinekb.guideline.VocabularyReader;
import io.guidelinekb.sandbox.SafetyPolicy;
import io.guidelinekb.sandbox.SandboxProblems;
import io.guidelinekb.terminology.BindingsReader;
import io.guidelinekb.model.TerminologyBindings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The one way a rules folder becomes rules that serve, for lint, load, reload and release alike: read,
 * vocabulary and bindings, compile, sandbox, declarations, descriptor, probes. Every stage runs the
 * same whoever asks; only the caller decides what to do with the problems (lint prints them, load
 * refuses on an error), so that whatever lint calls an error is never served.
 *
 * <p>A guideline whose rules the cache holds skips the stages: an entry is written only for rules
 * that passed them all, and keeps the warnings they gave.
 */
public final class Pipeline {

    private Pipeline() {
    }

    /**
     * What the stages made of a folder.
     *
     * @param sources    the files as read
     * @param guidelines each guideline's compiled rules, of those with no error
     * @param findings   every error and warning, in stage order
     * @param bindings   the terminology bindings
     */
    public record Built(RuleSources sources, List<GuidelineRules> guidelines, List<RuleProblem> findings,
                        TerminologyBindings bindings, Map<String, TerminologyBindings> guidelineBindings) {
        /**
         * Copies the lists.
         *
         * @param sources    the files as read
         * @param guidelines each guideline's compiled rules
         * @param findings   every error and warning
         * @param bindings   the terminology bindings of every guideline
         * @param guidelineBindings each guideline's own bindings, by guideline id
         */
        public Built {
            guidelineBindings = Map.copyOf(guidelineBindings);
            guidelines = List.copyOf(guidelines);
            findings = List.copyOf(findings);
        }

        /**
         * The errors among the findings.
         *
         * @return the errors; none when every guideline may serve
         */
        public List<RuleProblem> errors() {
            return findings.stream().filter(RuleProblem::isError).toList();
        }

        /**
         * The warnings among the findings.
         *
         * @return the warnings
         */
        public List<RuleProblem> warnings() {
            return findings.stream().filter(p -> !p.isError()).toList();
        }
    }

    /**
     * Runs every stage on every guideline folder of {@code sources}, or on the one named.
     *
     * @param sources the files as read
     * @param cache   where rules that passed are kept; {@link RuleCache#off()} for none
     * @param only    the guideline folder to build, or {@code null} for every one
     * @return what was built and found
     */
    public static Built run(RuleSources sources, RuleCache cache, String only) {
        prepare();
        SortedMap<String, RuleSources> groups = new TreeMap<>(sources.byGuideline());
        Optional<RuleProblem> unknown = noSuchGuideline(sources, only);
        if (unknown.isPresent()) {
            return new Built(sources, List.of(), List.of(unknown.get()), new TerminologyBindings(List.of()), Map.of());
        }
        if (only != null) {
            groups.keySet().retainAll(List.of(only));
        }
        Map<String, CompletableFuture<VocabularyReader.Result>> vocabularies = new TreeMap<>();
        groups.forEach((folder, rules) -> vocabularies.put(folder, CompletableFuture.supplyAsync(rules::vocabulary)));
        // each vocabulary read once: the bindings read the ones read for the rules, beside the rules' load
        CompletableFuture<BindingsReader.Result> bindingsReading = CompletableFuture.allOf(
                vocabularies.values().toArray(CompletableFuture[]::new)).thenApplyAsync(done -> sources.bindings(
                        folder -> vocabularies.containsKey(folder) ? vocabularies.get(folder).join().vocabulary() : null));
        sources.hashBeside();
        Map<String, Optional<Restored>> restored = new TreeMap<>();
        List<RuleProblem> findings = new ArrayList<>();
        for (Map.Entry<String, RuleSources> group : groups.entrySet()) {
            Optional<Restored> hit = restore(group.getValue(), vocabularies.get(group.getKey()), cache);
            restored.put(group.getKey(), hit);
            if (hit.isEmpty()) {
                findings.addAll(SafetyPolicy.check(group.getValue()));
            }
        }
        BindingsReader.Result bindings = bindingsReading.join();
        TerminologyBindings terminology = new TerminologyBindings(bindings.bindings());
        if (!findings.isEmpty()) {
            // no compiler ever sees source the policy refused
            return new Built(sources, List.of(), findings, terminology, Map.of());
        }
        List<RuleProblem> unplaced = new ArrayList<>(bindings.problems());
        List<GuidelineRules> guidelines = new ArrayList<>();
        Map<String, TerminologyBindings> guidelineBindings = new TreeMap<>();
        for (Map.Entry<String, RuleSources> group : groups.entrySet()) {
            Stages stages = new Stages(group.getKey(), group.getValue(), sources, vocabularies.get(group.getKey()));
            // a guideline's bindings read its vocabulary's words: their errors may follow from the vocabulary's
            java.util.Set<String> own = new java.util.HashSet<>();
            group.getValue().bindingFiles().forEach(f -> own.add(f.displayPath()));
            unplaced.stream().filter(p -> own.contains(p.file())).forEach(stages.findings::add);
            unplaced.removeIf(p -> own.contains(p.file()));
            GuidelineRules rules = restored.get(group.getKey()).map(stages::restored).orElseGet(() -> stages.run(cache));
            findings.addAll(stages.findings);
            if (rules != null) {
                guidelines.add(rules);
                guidelineBindings.put(rules.guideline().id(), new TerminologyBindings(bindings.bindings().stream()
                        .filter(b -> own.contains(b.file())).toList()));
            }
        }
        findings.addAll(unplaced);
        findings.addAll(sameIdTwice(guidelines));
        return new Built(sources, guidelines, findings, terminology, guidelineBindings);
    }

    /**
     * Starts the logging and Drools on a thread of its own ({@link DroolsStart}): call it before reading
     * the rules, which need neither. {@link #run} waits for the logging, and {@link #prepare} does.
     */
    public static void begin() {
        io.guidelinekb.engine.DroolsStart.begin();
    }

    /** As {@link #begin}, and returns once the logging has started: then any thread may log. */
    public static void prepare() {
        io.guidelinekb.engine.DroolsStart.awaitLogging();
    }

    /**
     * The error of naming a guideline folder that {@code sources} does not hold.
     *
     * @param sources   the files as read
     * @param guideline the folder named, or {@code null} for every one
     * @return the error, or empty when there is such a folder or none was named
     */
    public static Optional<RuleProblem> noSuchGuideline(RuleSources sources, String guideline) {
        if (guideline == null || sources.byGuideline().containsKey(guideline)) {
            return Optional.empty();
        }
        return Optional.of(RuleProblem.error(sources.directory().toString(), 0, 0, "holds no guideline "
                + io.guidelinekb.util.Identifiers.printable(guideline) + "; its guidelines: "
                + String.join(", ", sources.byGuideline().keySet())));
    }

    /** A guideline's rules as the cache kept them: compiled, checked, and with their catalogue. */
    record Restored(RuleCache.Hit hit, RuleCatalog catalog) {
    }

    /** The cache's entry for a guideline folder, when it has one that fits the folder's files. */
    private static Optional<Restored> restore(RuleSources rules, CompletableFuture<VocabularyReader.Result> vocabulary,
                                              RuleCache cache) {
        return cache.find(rules).flatMap(hit -> Optional.ofNullable(RuleCatalog.restored(rules, hit.catalog(),
                vocabulary.join())).map(catalog -> new Restored(hit, catalog)));
    }

    /** Two folders that name the same guideline would make every result ambiguous. */
    private static List<RuleProblem> sameIdTwice(List<GuidelineRules> guidelines) {
        Map<String, Long> counts = guidelines.stream().collect(Collectors.groupingBy(g -> g.guideline().id(),
                Collectors.counting()));
        return counts.entrySet().stream().filter(e -> e.getValue() > 1).map(e -> RuleProblem.error(e.getKey(), 0, 0,
                "two guideline folders have the id " + e.getKey() + "; give each its own")).toList();
    }

    /**
     * The stages of one guideline folder, in order. The checks go on past each other's errors, so that
     * one run says all it can; no rule runs (the probes) once one has found an error.
     */
    private static final class Stages {
        private final String folder;
        private final RuleSources rules;
        private final RuleSources all;
        private final CompletableFuture<VocabularyReader.Result> vocabulary;
        private final List<RuleProblem> findings = new ArrayList<>();

        Stages(String folder, RuleSources rules, RuleSources all, CompletableFuture<VocabularyReader.Result> vocabulary) {
            this.folder = folder;
            this.rules = rules;
            this.all = all;
            this.vocabulary = vocabulary;
        }

        GuidelineRules restored(Restored hit) {
            findings.addAll(hit.hit().warnings());
            FolderDescriptor.Described described = FolderDescriptor.describe(folder, rules, hit.catalog(), all.directory());
            findings.addAll(described.problems());
            return failed() ? null : new GuidelineRules(described.guideline(), described.tree(), all.version(),
                    hit.hit().kieBase(), hit.catalog());
        }

        GuidelineRules run(RuleCache cache) {
            GuidelineRules built = stages(cache);
            foldUnder(vocabulary.join().problems());
            return built;
        }

        /**
         * A vocabulary with an error is read as empty, so every word the rules use is then unknown:
         * its own errors come first, and what follows from them is folded into a count on the first,
         * not listed ("and 61 more errors that follow from it").
         */
        private void foldUnder(List<RuleProblem> roots) {
            List<RuleProblem> rootErrors = roots.stream().filter(RuleProblem::isError).toList();
            List<RuleProblem> following = findings.stream().filter(p -> p.isError() && !rootErrors.contains(p)).toList();
            if (rootErrors.isEmpty() || following.isEmpty()) {
                return;
            }
            RuleProblem first = rootErrors.get(0);
            findings.removeAll(following);
            findings.set(findings.indexOf(first), new RuleProblem(first.file(), first.line(), first.column(),
                    first.severity(), first.message() + " (and " + following.size() + " more error"
                    + (following.size() == 1 ? "" : "s") + " that follow from it, since a vocabulary with an error is "
                    + "read as empty: fix this first)"));
        }

        private GuidelineRules stages(RuleCache cache) {
            // reading the rules' metadata overlaps with the compiler's far longer work
            CompletableFuture<RuleCatalog> reading = vocabulary.thenApplyAsync(read -> RuleCatalog.read(rules, read));
            DroolsCompiler.Compiled compiled = DroolsCompiler.compile(rules);
            RuleCatalog catalog = reading.join();
            findings.addAll(compiled.problems());
            if (compiled.kieBase() == null) {
                // the compiler's own words first: what the catalogue would add follows from them
                return null;
            }
            findings.addAll(catalog.problems());
            // before any session exists, so before any rule can run
            findings.addAll(SandboxProblems.check(compiled.kieBase(), rules, catalog));
            FolderDescriptor.Described described = FolderDescriptor.describe(folder, rules, catalog, all.directory());
            findings.addAll(described.problems());
            findings.addAll(AuthorChecks.of(folder, rules, described, catalog));
            for (RuleCatalog.RuleEntry rule : catalog.rules()) {
                if (rule.definition() != null) {
                    findings.addAll(DeclarationChecks.of(rule));
                }
            }
            if (failed()) {
                return null;
            }
            GuidelineRules built = new GuidelineRules(described.guideline(), described.tree(), all.version(),
                    compiled.kieBase(), catalog);
            findings.addAll(Probes.run(built, catalog, population(), all.directory().toString()));
            if (failed()) {
                return null;
            }
            cache.remember(rules, findings.stream().filter(p -> !p.isError()).toList(), catalog.stored());
            return built;
        }

        private boolean failed() {
            return findings.stream().anyMatch(RuleProblem::isError);
        }

        /**
         * The guideline's synthetic population ({@code population.yaml}) beside rules read from a folder,
         * whose mix the probes add to their grid; none when there is none, and a warning when it cannot be read.
         */
        private Population population() {
            java.nio.file.Path file = all.directory().resolve(folder).resolve(Population.FILE);
            if (!java.nio.file.Files.isRegularFile(file)) {
                return null;
            }
            try {
                return Population.of(all.directory(), folder);
            } catch (io.guidelinekb.util.InvalidInputException e) {
                findings.add(new RuleProblem(file.toString(), 0, 0, RuleProblem.Severity.WARNING, String.join("; ",
                        e.problems())));
                return null;
            }
        }
    }
}
