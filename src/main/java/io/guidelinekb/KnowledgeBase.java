package io.guidelinekb;

import io.guidelinekb.model.Language;
import io.guidelinekb.model.EvaluationException;
import io.guidelinekb.model.Case;
import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.model.ExplainedResult;
import io.guidelinekb.model.Firing;
import io.guidelinekb.model.RuleInfo;
import io.guidelinekb.model.RuleLoadException;
import io.guidelinekb.model.RuleProblem;
import com.fasterxml.jackson.databind.JsonNode;
import io.guidelinekb.engine.Evaluator;
import io.guidelinekb.engine.GuidelineRules;
import io.guidelinekb.model.GuidelineTexts;
import io.guidelinekb.engine.RuleCache;
import io.guidelinekb.engine.RuleSources;
import io.guidelinekb.model.Episode;
import io.guidelinekb.model.Guideline;
import io.guidelinekb.model.Patient;
import io.guidelinekb.model.RecommendationDefinition;
import io.guidelinekb.pipeline.Pipeline;
import io.guidelinekb.model.TerminologyBindings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A knowledge base: the rules of one or more guidelines, compiled once and shared. Immutable and
 * safe to use from many threads; each evaluation runs in its own short-lived session. Each guideline
 * folder compiles on its own, so that no guideline's rules see another's conclusions.
 *
 * <pre>
 * KnowledgeBase kb = KnowledgeBase.loadFromClasspath();
 * EpisodeResult result = kb.evaluate(new Case(patient, episode));
 * </pre>
 */
public final class KnowledgeBase {

    private final Path directory;
    private final String version;
    private final List<GuidelineRules> guidelines;
    private final List<RuleProblem> warnings;
    private final TerminologyBindings bindings;
    /** Each guideline's own codes: the same code may mean one thing in one guideline and another in another. */
    private final Map<String, TerminologyBindings> guidelineBindings;
    private final io.guidelinekb.model.Vocabulary vocabulary;
    /** Made once: the CDS Hooks cards ask for them on every request. */
    private final List<RuleInfo> rules;
    private final List<RecommendationDefinition> recommendations;
    private final EvaluationObserver observer;
    /** Each language's words, read once: the service and the shadow runs ask on every request. */
    private final java.util.concurrent.ConcurrentMap<Language, Map<String, GuidelineTexts>> texts =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** Each guideline's own knowledge base, made once: a service asks for one on every request. */
    private final java.util.concurrent.ConcurrentMap<String, KnowledgeBase> chosen = new java.util.concurrent.ConcurrentHashMap<>();

    private KnowledgeBase(Path directory, String version, List<GuidelineRules> guidelines, List<RuleProblem> warnings,
                          TerminologyBindings bindings, Map<String, TerminologyBindings> guidelineBindings) {
        this(directory, version, guidelines, warnings, bindings, guidelineBindings, io.guidelinekb.model.Vocabulary.union(
                guidelines.stream().map(g -> g.guideline().id()).collect(Collectors.joining("+")),
                guidelines.stream().map(GuidelineRules::vocabulary).toList()), EvaluationObserver.NONE);
    }

    private KnowledgeBase(Path directory, String version, List<GuidelineRules> guidelines, List<RuleProblem> warnings,
                          TerminologyBindings bindings, Map<String, TerminologyBindings> guidelineBindings,
                          io.guidelinekb.model.Vocabulary vocabulary, EvaluationObserver observer) {
        this.guidelineBindings = Map.copyOf(guidelineBindings);
        this.observer = observer;
        this.directory = directory;
        this.version = version;
        this.guidelines = List.copyOf(guidelines);
        this.warnings = List.copyOf(warnings);
        this.bindings = bindings;
        this.vocabulary = vocabulary;
        this.rules = this.guidelines.stream().flatMap(g -> g.rules().stream()).toList();
        this.recommendations = this.guidelines.stream().flatMap(g -> g.recommendations().stream()).toList();
    }

    /**
     * Compiles every {@code .drl} file under {@code directory}, each guideline folder on its own, with
     * compiled rules kept in the user's cache ({@link LoadOptions#defaults()}).
     *
     * @param directory the folder of rules, e.g. {@code rules}, which holds a folder per guideline
     * @return the knowledge base
     * @throws RuleLoadException with every problem found (file, line, column, message) when the
     *                           folder cannot be read, a file does not compile, a rule uses more
     *                           than the fact model and harmless JDK types, a recommendation rule's
     *                           metadata is missing or outside the vocabulary, or a rule fails on
     *                           the probe episodes every load evaluates
     */
    public static KnowledgeBase load(Path directory) throws RuleLoadException {
        return load(directory, LoadOptions.defaults());
    }

    /**
     * As {@link #load(Path)}, with the options given: no cache, a cache folder of its own, or one
     * guideline of the folder alone.
     *
     * @param directory the folder of rules
     * @param options   how to load
     * @return the knowledge base
     * @throws RuleLoadException as {@link #load(Path)} does, or when the guideline chosen has no folder
     */
    public static KnowledgeBase load(Path directory, LoadOptions options) throws RuleLoadException {
        Pipeline.begin();
        RuleSources sources = RuleSources.read(directory);
        Pipeline.prepare();   // the cache may log
        return built(Pipeline.run(sources, options.ruleCache(), options.onlyGuideline().orElse(null)));
    }

    /** As {@link #load(Path)} with a cache of the test's own: its hits and fills are the test's to count. */
    static KnowledgeBase load(Path directory, RuleCache cache) throws RuleLoadException {
        return built(Pipeline.run(RuleSources.read(directory), cache, null));
    }

    /**
     * Checks a folder of rules as loading does, and goes on past a guideline's errors to report all
     * it finds, warnings too: what {@code lint} prints, and what a hospital's own build may run on its
     * rules before they are released.
     *
     * @param directory the folder of rules
     * @param options   how to load
     * @return every error and warning, and the knowledge base when there was no error
     * @throws RuleLoadException only when the folder cannot be read, or has no folder of the guideline
     *                           chosen; problems in the rules are findings
     */
    public static Checked check(Path directory, LoadOptions options) throws RuleLoadException {
        RuleSources sources = RuleSources.read(directory);
        String only = options.onlyGuideline().orElse(null);
        java.util.Optional<RuleProblem> unknown = Pipeline.noSuchGuideline(sources, only);
        if (unknown.isPresent()) {
            throw new RuleLoadException(List.of(unknown.get()));
        }
        Pipeline.Built built = Pipeline.run(sources, options.ruleCache(), only);
        return new Checked(built.findings(), built.errors().isEmpty() ? Optional.of(of(built)) : Optional.empty());
    }

    /**
     * What {@link #check(Path, LoadOptions)} found.
     *
     * @param findings      every error and warning, by file and line
     * @param knowledgeBase the rules compiled, when there was no error
     */
    public record Checked(List<RuleProblem> findings, Optional<KnowledgeBase> knowledgeBase) {
        /**
         * Copies the findings.
         *
         * @param findings      every error and warning
         * @param knowledgeBase the rules compiled, when there was no error
         */
        public Checked {
            findings = List.copyOf(findings);
        }
    }

    /** Where {@link #loadFromClasspath()} looks: this project's build packages {@code rules/} there. */
    public static final String CLASSPATH_RULES = "guideline-kb/rules";

    /**
     * Compiles the rules packaged in this library's jar (the shipped guideline), with the same
     * checks, version hash and results as {@link #load(Path)} on the folder they came from.
     *
     * @return the knowledge base
     * @throws RuleLoadException as {@link #load(Path)} does, or when no rules are on the class path
     */
    public static KnowledgeBase loadFromClasspath() throws RuleLoadException {
        return loadFromClasspath(KnowledgeBase.class.getClassLoader(), CLASSPATH_RULES);
    }

    /**
     * Compiles the rules under {@code root} on {@code loader}'s class path, listed by the resource
     * {@code root.index} (one path a line, relative to {@code root}): a hospital's own artifact of rules.
     * The build's precompiled rules beside {@code root} are used when their seal checks.
     *
     * @param loader the class loader whose class path holds the rules
     * @param root   the resource folder of the rules, e.g. {@code guideline-kb/rules}
     * @return the knowledge base
     * @throws RuleLoadException as {@link #load(Path)} does, or when the index or a file it lists is missing
     */
    public static KnowledgeBase loadFromClasspath(ClassLoader loader, String root) throws RuleLoadException {
        return loadFromClasspath(loader, root, LoadOptions.defaults().ruleCache());
    }

    /** As {@link #loadFromClasspath(ClassLoader, String)} with a cache of the test's own. */
    static KnowledgeBase loadFromClasspath(ClassLoader loader, String root, RuleCache cache) throws RuleLoadException {
        return built(Pipeline.run(RuleSources.fromClasspath(loader, root),
                cache.withPrecompiled(loader, RuleCache.precompiledFolder(root)), null));
    }

    /**
     * Loads a release ({@code bin/guideline-kb release}): its files are checked against the digests
     * of its manifest first, and the rules that load must be the content the release names.
     *
     * @param release a release folder, holding {@code release.json} and {@code rules/}
     * @return the knowledge base of the released rules
     * @throws RuleLoadException naming the file when the release is not whole, or its rules do not load
     */
    public static KnowledgeBase loadRelease(Path release) throws RuleLoadException {
        io.guidelinekb.guideline.ReleaseManifest manifest = io.guidelinekb.guideline.ReleaseManifest.verified(release);
        KnowledgeBase loaded = load(release.resolve(io.guidelinekb.guideline.ReleaseManifest.RULES));
        if (!loaded.version().equals(manifest.knowledgeBaseVersion())) {
            throw new RuleLoadException(List.of(RuleProblem.error(release.resolve(
                    io.guidelinekb.guideline.ReleaseManifest.FILE).toString(), 0, 0, "names the rules "
                    + manifest.knowledgeBaseVersion() + ", but its files load as " + loaded.version())));
        }
        return loaded;
    }

    private static KnowledgeBase built(Pipeline.Built built) throws RuleLoadException {
        if (!built.errors().isEmpty()) {
            throw new RuleLoadException(built.errors());
        }
        return of(built);
    }

    private static KnowledgeBase of(Pipeline.Built built) {
        return new KnowledgeBase(built.sources().directory(), built.sources().version(), built.guidelines(),
                built.warnings(), built.bindings(), built.guidelineBindings());
    }

    /**
     * The guidelines this knowledge base holds, in folder order: what each is, its version and where
     * it stands with its publisher.
     *
     * @return one descriptor per guideline folder
     */
    public List<Guideline> guidelines() {
        return guidelines.stream().map(GuidelineRules::guideline).toList();
    }

    /**
     * The one guideline this knowledge base holds.
     *
     * @return its descriptor
     * @throws IllegalStateException when it holds several; see {@link #guidelines()}
     */
    public Guideline guideline() {
        return only().guideline();
    }

    /**
     * A knowledge base of one of this one's guidelines, sharing its compiled rules. It reads cases in
     * that guideline's own words and codes: where two guidelines give the same key, id or code
     * different meanings, its own meaning holds. Words only the other guidelines know are read, and
     * left out of its evaluation.
     *
     * @param id the guideline's id, e.g. {@code nkr-lbp-2016}
     * @return that guideline's knowledge base, or empty when there is no guideline of that id
     */
    public Optional<KnowledgeBase> guideline(String id) {
        return guidelines.stream().filter(g -> g.guideline().id().equals(id)).findFirst()
                .map(g -> guidelines.size() == 1 ? this : chosen.computeIfAbsent(id, own -> new KnowledgeBase(directory,
                        version, List.of(g), warnings, guidelineBindings.getOrDefault(own, TerminologyBindings.NONE),
                        guidelineBindings, ownFirst(g), observer)));
    }

    /** Every guideline's words, the one guideline's first: on a clash, its own meaning wins. */
    private io.guidelinekb.model.Vocabulary ownFirst(GuidelineRules guideline) {
        return io.guidelinekb.model.Vocabulary.preferring(guideline.vocabulary(),
                guidelines.stream().map(GuidelineRules::vocabulary).toList());
    }

    /**
     * This knowledge base, counting its evaluations in an application's own Micrometer registry
     * ({@code io.micrometer:micrometer-core}, which the application brings): the counter
     * {@code guideline_kb_evaluations} by guideline and scope, and the timer {@code guideline_kb_evaluation}
     * by guideline. No label carries a patient's data. The compiled rules are shared.
     *
     * @param registry the application's registry
     * @return a knowledge base that records to it
     */
    public KnowledgeBase recordingTo(io.micrometer.core.instrument.MeterRegistry registry) {
        return new KnowledgeBase(directory, version, guidelines, warnings, bindings, guidelineBindings, vocabulary,
                new MeteredEvaluations(java.util.Objects.requireNonNull(registry, "registry must not be null")));
    }

    private EpisodeResult observed(EpisodeResult result, long start) {
        observer.evaluated(result, System.nanoTime() - start);
        return result;
    }

    /**
     * The words of each guideline that has a descriptor, for showing its advice: cards, reports.
     *
     * @param language the language
     * @return the texts by guideline id, in order
     */
    public Map<String, GuidelineTexts> texts(Language language) {
        return texts.computeIfAbsent(language, l -> java.util.Collections.unmodifiableMap(
                io.guidelinekb.engine.DescriptorWords.texts(descriptors(), l)));
    }

    private Map<String, JsonNode> descriptors() {
        Map<String, JsonNode> trees = new java.util.LinkedHashMap<>();
        guidelines.stream().filter(g -> g.descriptor() != null).forEach(g -> trees.put(g.guideline().id(), g.descriptor()));
        return trees;
    }

    /**
     * Which codes mean which concept, from the {@code bindings.yaml} beside each guideline's rules:
     * what reading FHIR input needs. Empty when the folder has none.
     *
     * @return the bindings of every guideline folder
     */
    public TerminologyBindings bindings() {
        return bindings;
    }

    /**
     * Evaluates one patient's episode as of the episode's evaluation date.
     *
     * @param patient the patient
     * @param episode the episode, of that patient
     * @return what the guideline concludes
     * @throws IllegalStateException when the knowledge base holds several guidelines; see {@link #evaluateEach(Case)}
     * @throws EvaluationException   when a rule fails or runs into a limit
     */
    public EpisodeResult evaluate(Patient patient, Episode episode) {
        return evaluate(new Case(patient, episode));
    }

    /**
     * Evaluates a case as of its episode's evaluation date.
     *
     * @param input the patient and the episode
     * @return what the guideline concludes
     * @throws IllegalStateException when the knowledge base holds several guidelines; see {@link #evaluateEach(Case)}
     * @throws EvaluationException   when a rule fails or runs into a limit
     */
    public EpisodeResult evaluate(Case input) {
        long start = System.nanoTime();
        return observed(only().evaluator().evaluate(checked(input)), start);
    }

    /**
     * Evaluates a case against each guideline of the knowledge base.
     *
     * @param input the patient and the episode
     * @return one result per guideline, in the order of {@link #guidelines()}; each names its guideline
     * @throws EvaluationException when a rule fails or runs into a limit
     */
    public List<EpisodeResult> evaluateEach(Case input) {
        Case checked = new Case(input.patient(), vocabulary.admit(input.episode()));
        List<EpisodeResult> results = new ArrayList<>(guidelines.size());
        for (GuidelineRules guideline : guidelines) {
            // each guideline sees the words it has; a word no guideline has was refused above
            long start = System.nanoTime();
            results.add(observed(guideline.evaluator().evaluate(checked), start));
        }
        return results;
    }

    /**
     * The case with its words checked against this knowledge base's vocabulary, when that is wider
     * than its one guideline's (a guideline chosen from a folder of several): the guideline then sees
     * the words it has. With one guideline of its own, the guideline checks them itself.
     */
    private Case checked(Case input) {
        return vocabulary == only().vocabulary() ? input : new Case(input.patient(), vocabulary.admit(input.episode()));
    }

    /**
     * What the knowledge base's guidelines talk about: the ids a case may name. With several
     * guidelines, every guideline's ids together.
     *
     * @return the vocabulary
     */
    public io.guidelinekb.model.Vocabulary vocabulary() {
        return vocabulary;
    }

    /**
     * Evaluates a case and explains the result: for the scope and each recommendation, the rule,
     * the facts and values it matched, and for what was not given, the condition that failed.
     * Slower than {@link #evaluate(Case)}; meant for audit records and authors, not for every call.
     *
     * @param input the patient and the episode
     * @return the result with its explanation
     * @throws IllegalStateException when the knowledge base holds several guidelines; see {@link #guideline(String)}
     */
    public ExplainedResult explain(Case input) {
        GuidelineRules rules = only();
        return rules.explainer().explain(input, rules.evaluator().evaluateTraced(checked(input)));
    }

    /**
     * Evaluates a case and returns the engine's record of every rule firing with the result.
     *
     * @param input the patient and the episode
     * @return the result and the firings
     * @throws IllegalStateException when the knowledge base holds several guidelines; see {@link #guideline(String)}
     */
    public Traced trace(Case input) {
        Evaluator.Traced traced = only().evaluator().evaluateTraced(checked(input));
        return new Traced(traced.result(), traced.firings());
    }

    /**
     * A result with the rule firings that produced it, in order.
     *
     * @param result  the result
     * @param firings every rule firing, in order
     */
    public record Traced(EpisodeResult result, List<Firing> firings) {
        /**
         * Copies the firings.
         *
         * @param result  the result
         * @param firings every rule firing, in order
         */
        public Traced {
            firings = List.copyOf(firings);
        }
    }

    /**
     * Every rule, in file order.
     *
     * @return name, file, line and recommendation of each rule, across all guidelines
     */
    public List<RuleInfo> rules() {
        return rules;
    }

    /**
     * Evaluates many cases, in order; the same results as {@link #evaluate(Case)} one by one. Each case
     * is evaluated alone (no rule sees another case's facts); several take turns in one pooled session.
     * If a rule fails, the exception names the episode it failed on.
     *
     * @param cases the cases
     * @return one result per case, in order
     * @throws IllegalStateException when the knowledge base holds several guidelines; see {@link #guideline(String)}
     */
    public List<EpisodeResult> evaluateAll(Collection<Case> cases) {
        Evaluator evaluator = only().evaluator();
        List<Case> all = vocabulary == only().vocabulary() ? List.copyOf(cases)
                : cases.stream().map(this::checked).toList();
        List<EpisodeResult> results = new ArrayList<>(all.size());
        for (int from = 0; from < all.size(); from += Evaluator.GROUP) {
            long start = System.nanoTime();
            List<EpisodeResult> turn = evaluator.evaluateInTurn(all.subList(from, Math.min(all.size(), from + Evaluator.GROUP)));
            if (observer != EvaluationObserver.NONE) {
                long each = (System.nanoTime() - start) / Math.max(1, turn.size());
                turn.forEach(result -> observer.evaluated(result, each));
            }
            results.addAll(turn);
        }
        return results;
    }

    /**
     * A content hash of the rules and data files this was compiled from.
     *
     * @return e.g. {@code sha256:3f2a9c01b4e7}
     */
    public String version() {
        return version;
    }

    /**
     * Where the rules came from.
     *
     * @return their folder, or {@code classpath:ROOT} for rules on the class path
     */
    public Path directory() {
        return directory;
    }

    /**
     * Compiler warnings that did not stop the build.
     *
     * @return the warnings, by file and line
     */
    public List<RuleProblem> warnings() {
        return warnings;
    }

    /**
     * What each recommendation rule declares, in file order.
     *
     * @return the definitions, across all guidelines
     */
    public List<RecommendationDefinition> recommendations() {
        return recommendations;
    }

    /** The engine of a knowledge base of one guideline. */
    GuidelineRules only() {
        if (guidelines.size() != 1) {
            throw new IllegalStateException("this knowledge base holds " + guidelines.size() + " guidelines ("
                    + guidelines.stream().map(g -> g.guideline().id()).collect(Collectors.joining(", "))
                    + "): evaluate each with evaluateEach, or choose one with guideline(id)");
        }
        return guidelines.get(0);
    }

    List<GuidelineRules> parts() {
        return guidelines;
    }
}
