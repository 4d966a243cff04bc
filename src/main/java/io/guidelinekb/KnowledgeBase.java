package io.guidelinekb;

import io.guidelinekb.model.Episode;
import io.guidelinekb.model.Patient;
import io.guidelinekb.model.Provenance;
import io.guidelinekb.model.Recommendation;
import io.guidelinekb.model.RecommendationDefinition;
import io.guidelinekb.terminology.BindingsReader;
import io.guidelinekb.terminology.TerminologyBindings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.conf.ThreadSafeOption;
import org.slf4j.LoggerFactory;

/**
 * A guideline's rules, compiled once from a folder of DRL files and shared: immutable and safe to
 * use from many threads. Each evaluation runs in its own short-lived session.
 *
 * <pre>
 * KnowledgeBase kb = KnowledgeBase.load(Path.of("rules"));
 * EpisodeResult result = kb.evaluate(patient, episode);
 * </pre>
 */
public final class KnowledgeBase {

    private final Path directory;
    private final String version;
    private final KieBase kieBase;
    private final KieSessionsPool sessions;
    private final KieSessionConfiguration sessionConfiguration;
    private final List<RuleProblem> warnings;
    private final List<RecommendationDefinition> recommendations;
    private final Map<String, String> fileOfRule;
    private final Map<String, Provenance> provenance = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Integer> positionOfRecommendation = new HashMap<>();
    private final Evaluator evaluator;
    private final Explainer explainer;
    private final List<RuleInfo> rules;
    private final TerminologyBindings bindings;
    private final Map<String, byte[]> guidelineFiles;

    private KnowledgeBase(RuleSources sources, KieBase kieBase, RuleCatalog catalog, List<RuleProblem> warnings,
                          TerminologyBindings bindings) {
        this.bindings = bindings;
        this.guidelineFiles = sources.guidelineFiles().stream().collect(Collectors.toUnmodifiableMap(
                f -> f.relativePath().contains("/") ? f.relativePath().substring(0, f.relativePath().lastIndexOf('/'))
                        : "", RuleSources.RuleFile::content));
        this.directory = sources.directory();
        this.version = sources.version();
        this.kieBase = kieBase;
        // Pooled sessions keep their network memory between evaluations: about 40% cheaper than new ones.
        this.sessions = kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors());
        // A session serves one evaluation on one thread at a time (the pool hands it over safely),
        // so it needs none of the locking a session shared between threads does: 5% faster.
        this.sessionConfiguration = KieServices.get().newKieSessionConfiguration();
        sessionConfiguration.setOption(ThreadSafeOption.NO);
        this.warnings = List.copyOf(warnings);
        this.recommendations = catalog.rules().stream()
                .map(RuleCatalog.RuleEntry::definition).filter(Objects::nonNull).toList();
        this.fileOfRule = catalog.rules().stream().collect(Collectors.toUnmodifiableMap(
                RuleCatalog.RuleEntry::name, r -> r.file().displayPath()));
        recommendations.stream().map(RecommendationDefinition::id).distinct().sorted()
                .forEach(id -> positionOfRecommendation.put(id, positionOfRecommendation.size()));
        leaveTemplates(kieBase, catalog);
        this.evaluator = new Evaluator(this);
        this.explainer = new Explainer(catalog.rules());
        this.rules = catalog.rules().stream().map(r -> new RuleInfo(r.name(), r.file().displayPath(), r.line(),
                r.definition() == null ? null : r.definition().id(), RuleCatalog.asksMoreThanScope(r))).toList();
    }

    /**
     * Compiles every {@code .drl} file under {@code directory}.
     *
     * @throws RuleLoadException with every problem found (file, line, column, message) when the
     *                           folder cannot be read, a file does not compile, a rule uses more
     *                           than the fact model and harmless JDK types ({@link SafetyPolicy}),
     *                           or a recommendation rule's metadata is missing or outside the vocabulary
     */
    public static KnowledgeBase load(Path directory) throws RuleLoadException {
        return load(RuleSources.read(directory));
    }

    /** Where {@link #loadFromClasspath()} looks: this project's build packages {@code rules/} there. */
    public static final String CLASSPATH_RULES = "guideline-kb/rules";

    /**
     * Compiles the rules packaged in this library's jar (the shipped guideline), with the same
     * checks, version hash and results as {@link #load(Path)} on the folder they came from.
     *
     * @throws RuleLoadException as {@link #load(Path)} does, or when no rules are on the class path
     */
    public static KnowledgeBase loadFromClasspath() throws RuleLoadException {
        return loadFromClasspath(KnowledgeBase.class.getClassLoader(), CLASSPATH_RULES);
    }

    /**
     * Compiles the rules under {@code root} on {@code loader}'s class path, listed by the resource
     * {@code root.index} (one path a line, relative to {@code root}): a hospital's own artifact of rules.
     *
     * @throws RuleLoadException as {@link #load(Path)} does, or when the index or a file it lists is missing
     */
    public static KnowledgeBase loadFromClasspath(ClassLoader loader, String root) throws RuleLoadException {
        return load(RuleSources.fromClasspath(loader, root));
    }

    private static KnowledgeBase load(RuleSources sources) throws RuleLoadException {
        // SLF4J initialised from two threads at once prints a warning on stderr: initialise it here first.
        LoggerFactory.getILoggerFactory();
        List<RuleProblem> unsafe = SafetyPolicy.check(sources);
        if (!unsafe.isEmpty()) {
            throw new RuleLoadException(unsafe);
        }
        // Reading the rules' metadata overlaps with the compiler's far longer work.
        CompletableFuture<RuleCatalog> reading = CompletableFuture.supplyAsync(() -> RuleCatalog.read(sources));
        DroolsCompiler.Compiled compiled = DroolsCompiler.compile(sources);
        if (compiled.kieBase() == null) {
            throw new RuleLoadException(compiled.problems());
        }
        RuleCatalog catalog = reading.join();
        BindingsReader.Result bindings = sources.bindings();
        List<RuleProblem> problems = new ArrayList<>(catalog.problems());
        // before any session exists, so before any rule can run
        problems.addAll(SandboxProblems.check(compiled.kieBase(), sources, catalog));
        problems.addAll(bindings.problems());
        if (!problems.isEmpty()) {
            throw new RuleLoadException(problems);
        }
        return new KnowledgeBase(sources, compiled.kieBase(), catalog, compiled.problems(),
                new TerminologyBindings(bindings.bindings()));
    }

    /** A knowledge base from rules already compiled and checked (for lint, which goes on past errors). */
    static KnowledgeBase of(RuleSources sources, DroolsCompiler.Compiled compiled, RuleCatalog catalog,
                            TerminologyBindings bindings) {
        return new KnowledgeBase(sources, compiled.kieBase(), catalog, compiled.problems(), bindings);
    }

    /**
     * Each guideline folder's {@code guideline.yaml} (what the guideline is, and the words of the
     * point-of-care cards), as read with the rules: by folder name, e.g. {@code nkr-lbp-2016}.
     */
    public Map<String, byte[]> guidelineFiles() {
        return guidelineFiles;
    }

    /**
     * Which codes mean which concept, from the {@code bindings.yaml} beside each guideline's rules:
     * what reading FHIR input needs. Empty when the folder has none.
     */
    public TerminologyBindings bindings() {
        return bindings;
    }

    /**
     * Left on each recommendation rule once here rather than worked out on every firing (see
     * {@link Recommendation#given}): the parsed definition and the full provenance.
     */
    private void leaveTemplates(KieBase kieBase, RuleCatalog catalog) {
        Map<String, RecommendationDefinition> byRule = new HashMap<>();
        catalog.rules().stream().filter(r -> r.definition() != null).forEach(r -> byRule.put(r.name(), r.definition()));
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            for (Rule rule : kiePackage.getRules()) {
                RecommendationDefinition definition = byRule.get(rule.getName());
                // Drools' public Rule exposes its metadata read-only; its implementation takes additions.
                if (definition != null && rule instanceof org.drools.base.definitions.rule.impl.RuleImpl impl) {
                    impl.addMetaAttribute(Recommendation.TEMPLATE,
                            new Recommendation.Template(definition, provenanceOf(rule.getName())));
                }
            }
        }
    }

    /** Evaluates one patient's episode as of the episode's evaluation date. */
    public EpisodeResult evaluate(Patient patient, Episode episode) {
        return evaluate(new Case(patient, episode));
    }

    public EpisodeResult evaluate(Case input) {
        return evaluator.evaluate(input);
    }

    /**
     * Evaluates a case and explains the result: for the scope and each recommendation, the rule,
     * the facts and values it matched, and for what was not given, the condition that failed.
     * Slower than {@link #evaluate(Case)}; meant for audit records and authors, not for every call.
     */
    public ExplainedResult explain(Case input) {
        return explainer.explain(input, evaluator.evaluateTraced(input));
    }

    /** Evaluates a case and returns the engine's record of every rule firing with the result. */
    public Traced trace(Case input) {
        Evaluator.Traced traced = evaluator.evaluateTraced(input);
        return new Traced(traced.result(), traced.firings());
    }

    /** A result with the rule firings that produced it, in order. */
    public record Traced(EpisodeResult result, List<Firing> firings) {
        public Traced {
            firings = List.copyOf(firings);
        }
    }

    /** Every rule, in file order. */
    public List<RuleInfo> rules() {
        return rules;
    }

    /**
     * Evaluates many cases, in order; the same results as {@link #evaluate(Case)} one by one, but
     * several share a session, which is much faster. If a rule fails, the exception names the
     * episodes of the session it failed in.
     */
    public List<EpisodeResult> evaluateAll(Collection<Case> cases) {
        List<Case> all = List.copyOf(cases);
        List<EpisodeResult> results = new ArrayList<>(all.size());
        for (int from = 0; from < all.size(); from += Evaluator.BATCH) {
            results.addAll(evaluator.evaluateTogether(all.subList(from, Math.min(all.size(), from + Evaluator.BATCH))));
        }
        return results;
    }

    /** A content hash of the rules this was compiled from, e.g. {@code sha256:3f2a9c01b4e7}. */
    public String version() {
        return version;
    }

    /** Where the rules came from: their folder, or {@code classpath:ROOT} for rules on the class path. */
    public Path directory() {
        return directory;
    }

    /** Compiler warnings that did not stop the build. */
    public List<RuleProblem> warnings() {
        return warnings;
    }

    /** What each recommendation rule declares, in file order. */
    public List<RecommendationDefinition> recommendations() {
        return recommendations;
    }

    KieBase kieBase() {
        return kieBase;
    }

    /** A session from the pool; closing it returns it, reset. */
    KieSession pooledSession() {
        return sessions.newKieSession(sessionConfiguration);
    }

    /** The DRL file of a rule, as shown to people (rule names are unique across the folder). */
    String fileOf(String ruleName) {
        return fileOfRule.get(ruleName);
    }

    /** Where a recommendation goes among the others, sorted by id; -1 for an id no rule declares. */
    int positionOf(String recommendationId) {
        Integer position = positionOfRecommendation.get(recommendationId);
        return position == null ? -1 : position;
    }

    /** The provenance of what a rule concludes: made once per rule, shared by every result. */
    Provenance provenanceOf(String ruleName) {
        return provenance.computeIfAbsent(ruleName, rule -> new Provenance(rule, fileOf(rule), version));
    }
}
