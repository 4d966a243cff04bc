package io.guidelinekb;

import io.guidelinekb.model.Case;
import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.model.ExplainedResult;
import io.guidelinekb.model.RuleLoadException;
import io.guidelinekb.model.RuleProblem;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A knowledge base that can be reloaded from its folder while evaluations run. The new rules are
 * compiled and checked first (and, when asked, run against the scenario suite); only if they pass does
 * the new version replace the old, in one
 * atomic step. An evaluation runs wholly on the version it started with, and its result names
 * that version. When the new rules do not load, the old version stays in service.
 */
public final class ReloadingKnowledgeBase {

    /**
     * What a version must also pass before it serves, beyond loading: for example the scenario suite
     * ({@code ScenarioRun.gate(paths)}). Returns what failed, empty when it passes.
     */
    @FunctionalInterface
    public interface Check {
        /**
         * Checks a candidate version.
         *
         * @param candidate the rules, loaded
         * @return what failed; empty when it passes
         */
        List<String> failures(KnowledgeBase candidate);
    }

    private final Path directory;
    private final String guideline;
    private final AtomicReference<KnowledgeBase> current;
    private final Object reloading = new Object();
    private final Check check;

    private ReloadingKnowledgeBase(Path directory, String guideline, KnowledgeBase first, Check check) {
        this.directory = directory;
        this.guideline = guideline;
        this.current = new AtomicReference<>(first);
        this.check = check;
    }

    /**
     * Loads the folder, and from then on serves a version whenever it loads.
     *
     * @param directory the folder of rules
     * @return the knowledge base, serving the first version
     * @throws RuleLoadException when the rules do not load
     */
    public static ReloadingKnowledgeBase load(Path directory) throws RuleLoadException {
        return load(directory, candidate -> List.of());
    }

    /**
     * Loads the folder, and from then on serves a version only when it loads and passes {@code check}.
     *
     * @param directory the folder of rules
     * @param check     what each version must pass before it serves
     * @return the knowledge base, serving the first version
     * @throws RuleLoadException when the rules do not load, or the first version fails the check
     */
    public static ReloadingKnowledgeBase load(Path directory, Check check) throws RuleLoadException {
        return load(directory, null, check);
    }

    /**
     * Loads one guideline of the folder, or all of them, and from then on serves a version only when
     * it loads and passes {@code check}.
     *
     * @param directory the folder of rules
     * @param guideline the guideline's id; {@code null} for every guideline of the folder
     * @param check     what each version must pass before it serves
     * @return the knowledge base, serving the first version
     * @throws RuleLoadException when the rules do not load, the folder has no such guideline, or the
     *                           first version fails the check
     */
    public static ReloadingKnowledgeBase load(Path directory, String guideline, Check check) throws RuleLoadException {
        KnowledgeBase first = checked(loaded(directory, guideline), check, directory);
        return new ReloadingKnowledgeBase(directory, guideline, first, check);
    }

    /**
     * One guideline of the folder, or all of them, whose rules do not load yet: it serves nothing until
     * a {@link #reload()} loads a version that passes {@code check}. For a service that answers its
     * probes (not ready) while the first load fails, rather than not starting.
     *
     * @param directory the folder of rules
     * @param guideline the guideline's id; {@code null} for every guideline of the folder
     * @param check     what each version must pass before it serves
     * @return a knowledge base serving no version yet
     */
    public static ReloadingKnowledgeBase awaiting(Path directory, String guideline, Check check) {
        return new ReloadingKnowledgeBase(directory, guideline, null, check);
    }

    /**
     * Whether a version is in service.
     *
     * @return false only for one made {@link #awaiting} that no reload has loaded yet
     */
    public boolean isServing() {
        return current.get() != null;
    }

    /** The guideline served, or all of them when none is named: another's error does not stop the one named. */
    private static KnowledgeBase loaded(Path directory, String guideline) throws RuleLoadException {
        return guideline == null ? KnowledgeBase.load(directory) : KnowledgeBase.load(directory, LoadOptions.defaults().withOnlyGuideline(guideline));
    }

    private static KnowledgeBase checked(KnowledgeBase candidate, Check check, Path directory)
            throws RuleLoadException {
        List<String> failures = check.failures(candidate);
        if (!failures.isEmpty()) {
            throw new RuleLoadException(failures.stream().map(f -> RuleProblem.error(directory.toString(), 0, 0,
                    "the new rules fail a check and do not serve: " + f)).toList());
        }
        return candidate;
    }

    /**
     * What a reload did: the version in service afterwards, and the problems when it kept the old one.
     *
     * @param replaced        whether the new version went into service
     * @param previousVersion the version in service before
     * @param version         the version in service now
     * @param problems        why the old version stayed, or the new version's warnings
     */
    public record Reload(boolean replaced, String previousVersion, String version, List<RuleProblem> problems) {
        /**
         * Copies the problems.
         *
         * @param replaced        whether the new version went into service
         * @param previousVersion the version in service before
         * @param version         the version in service now
         * @param problems        why the old version stayed, or the new version's warnings
         */
        public Reload {
            problems = List.copyOf(problems);
        }
    }

    /** The last change that was refused while a version kept serving, or null when none was. */
    private volatile Reload lastRefused;

    /**
     * The last change to the folder that did not serve, with its problems, while the version before
     * it kept serving: what {@code /health/ready} shows.
     *
     * @return the refused reload, or empty when every change since the start served
     */
    public java.util.Optional<Reload> lastRefused() {
        return java.util.Optional.ofNullable(lastRefused);
    }

    /**
     * Compiles the folder again and, if it loads and passes the check, puts it in service. Reloads run
     * one at a time.
     *
     * @return what the reload did
     */
    public Reload reload() {
        Reload done = reloadOnce();
        lastRefused = done.replaced() ? null : done;
        return done;
    }

    private Reload reloadOnce() {
        synchronized (reloading) {
            KnowledgeBase old = current.get();
            String oldVersion = old == null ? NONE : old.version();
            try {
                KnowledgeBase fresh = checked(loaded(directory, guideline), check, directory);
                current.set(fresh);
                return new Reload(true, oldVersion, fresh.version(), fresh.warnings());
            } catch (RuleLoadException e) {
                return new Reload(false, oldVersion, oldVersion, e.problems());
            } catch (RuntimeException | StackOverflowError e) {
                // whatever goes wrong in a reload, the version in service keeps serving
                String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
                message = message.length() <= 300 ? message : message.substring(0, 299) + "…";
                return new Reload(false, oldVersion, oldVersion, List.of(RuleProblem.error(directory.toString(),
                        0, 0, "the rules could not be loaded: " + e.getClass().getSimpleName()
                                + (message.isBlank() ? "" : ": " + message))));
            }
        }
    }

    /**
     * The version in service now; hold on to it to run several evaluations on one version.
     *
     * @return the knowledge base in service
     * @throws IllegalStateException when none has loaded yet (see {@link #awaiting})
     */
    public KnowledgeBase current() {
        KnowledgeBase now = current.get();
        if (now == null) {
            throw new IllegalStateException("no version of the rules in " + directory + " has loaded yet");
        }
        return now;
    }

    /** What a reload reports as the version before the first one loaded. */
    public static final String NONE = "none";

    /**
     * Evaluates a case on the version in service.
     *
     * @param input the patient and the episode
     * @return the result, naming the version
     * @throws IllegalStateException when the version holds several guidelines; see {@link #current()}
     */
    public EpisodeResult evaluate(Case input) {
        return current().evaluate(input);
    }

    /**
     * Evaluates and explains a case on the version in service.
     *
     * @param input the patient and the episode
     * @return the result with its explanation
     */
    public ExplainedResult explain(Case input) {
        return current().explain(input);
    }
}
