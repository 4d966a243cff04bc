package io.guidelinekb;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A knowledge base that can be reloaded from its folder while evaluations run. The new rules are
 * compiled and checked first; only if they load does the new version replace the old, in one
 * atomic step. An evaluation runs wholly on the version it started with, and its result names
 * that version. When the new rules do not load, the old version stays in service.
 */
public final class ReloadingKnowledgeBase {

    private final Path directory;
    private final AtomicReference<KnowledgeBase> current;
    private final Object reloading = new Object();

    private ReloadingKnowledgeBase(Path directory, KnowledgeBase first) {
        this.directory = directory;
        this.current = new AtomicReference<>(first);
    }

    public static ReloadingKnowledgeBase load(Path directory) throws RuleLoadException {
        return new ReloadingKnowledgeBase(directory, KnowledgeBase.load(directory));
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
                KnowledgeBase fresh = KnowledgeBase.load(directory);
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
