package io.guidelinekb.cli;

import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.model.RuleLoadException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The load a command is about to start, begun while picocli still reads the command line (a tenth
 * of a short command's run). It is the very load the command makes, of the folder and guideline the
 * arguments name; the command takes it only when picocli read the same two, and loads as before
 * otherwise.
 */
final class EarlyLoad {

    /** The commands whose first step is {@link GuidelineKbCommand#loadEveryGuideline}. */
    private static final Set<String> LOADING_FIRST = Set.of("evaluate", "explain", "cards", "test", "coverage", "batch");

    private record Begun(Path rules, String guideline, CompletableFuture<KnowledgeBase> load) {
    }

    private static volatile Begun begun;

    private EarlyLoad() {
    }

    /**
     * Begins the load that {@code args} will ask for, when they say plainly what it is; the load starts
     * the logging and the engine beside it ({@link io.guidelinekb.pipeline.Pipeline#begin}).
     *
     * @return whether it began; when not, the caller prepares the engine itself
     */
    static boolean begin(String[] args) {
        Optional<String> command = Subcommands.named(args, Main.SUBCOMMANDS);
        Optional<Optional<String>> rules = Subcommands.value(args, "--rules");
        Optional<Optional<String>> guideline = Subcommands.value(args, "--guideline");
        if (command.isEmpty() || !LOADING_FIRST.contains(command.get()) || rules.isEmpty() || guideline.isEmpty()) {
            return false;
        }
        Path folder;
        try {
            folder = Path.of(rules.get().orElse(GuidelineKbCommand.DEFAULT_RULES));
        } catch (java.nio.file.InvalidPathException e) {
            return false;   // picocli says so
        }
        if (!java.nio.file.Files.isDirectory(folder)) {
            return false;   // the command says so, in its words
        }
        String only = guideline.get().orElse(null);
        CompletableFuture<KnowledgeBase> load = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                load.complete(GuidelineKbCommand.load(folder, only));
            } catch (RuleLoadException | RuntimeException | Error e) {
                load.completeExceptionally(e);
            }
        }, "early-load");
        thread.setDaemon(true);
        thread.start();
        begun = new Begun(folder, only, load);
        return true;
    }

    /**
     * The early load's knowledge base, when it was of {@code rules} and {@code guideline}; it throws
     * what the load threw. Taken once.
     */
    static Optional<KnowledgeBase> take(Path rules, String guideline) throws RuleLoadException {
        Begun mine = begun;
        if (mine == null || !mine.rules().equals(rules) || !java.util.Objects.equals(mine.guideline(), guideline)) {
            return Optional.empty();
        }
        begun = null;
        try {
            return Optional.of(mine.load().join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuleLoadException load) {
                throw load;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
