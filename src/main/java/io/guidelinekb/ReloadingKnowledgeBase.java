package io.guidelinekb;

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
        List<String> failures(KnowledgeBase candidate);
    }

    private final Path directory;
    private final AtomicReference<KnowledgeBase> current;
    private final Object reloading = new Object();
    private final Check check;

    private ReloadingKnowledgeBase(Path directory, KnowledgeBase first, Check check) {
        this.directory = directory;
        this.current = new AtomicReference<>(first);
        this.check = check;
    }

    public static ReloadingKnowledgeBase load(Path directory) throws RuleLoadException {
        return load(directory, candidate -> List.of());
    }

    /**
     * Loads the folder, and from then on serves a version only when it loads and passes {@code check}.
     *
     * @throws RuleLoadException when the rules do not load, or the first version fails the check
     */
    public static ReloadingKnowledgeBase load(Path directory, Check check) throws RuleLoadException {
        KnowledgeBase first = checked(KnowledgeBase.load(directory), check, directory);
        return new ReloadingKnowledgeBase(directory, first, check);
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

    /** What a reload did: the version in service afterwards, and the problems when it kept the old one. */
    public record Reload(boolean replaced, String previousVersion, String version, List<RuleProblem> problems) {
        public Reload {
            problems = List.copyOf(problems);
        }
    }

    /** Compiles the folder again and, if it loads, puts it in service. Reloads run one at a time. */
    public Reload reload() {
        synchronized (reloading) {
            KnowledgeBase old = current.get();
            try {
                KnowledgeBase fresh = checked(KnowledgeBase.load(directory), check, directory);
                current.set(fresh);
                return new Reload(true, old.version(), fresh.version(), fresh.warnings());
            } catch (RuleLoadException e) {
                return new Reload(false, old.version(), old.version(), e.problems());
            }
        }
    }

    /** The version in service now; hold on to it to run several evaluations on one version. */
    public KnowledgeBase current() {
        return current.get();
    }

    public EpisodeResult evaluate(Case input) {
        return current.get().evaluate(input);
    }

    public ExplainedResult explain(Case input) {
        return current.get().explain(input);
    }
}
