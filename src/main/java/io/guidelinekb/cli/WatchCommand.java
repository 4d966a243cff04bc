package io.guidelinekb.cli;

import io.guidelinekb.model.Language;
import io.guidelinekb.model.RuleLoadException;
import io.guidelinekb.authoring.Linter;
import io.guidelinekb.util.InvalidInputException;
import io.guidelinekb.scenario.ScenarioRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "watch", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = "Runs lint and the scenarios, then again on every change under the rules folder or the "
                + "scenario paths, until interrupted (Ctrl-C): the author's inner loop.")
final class WatchCommand implements Callable<Integer> {

    @ParentCommand
    GuidelineKbCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioPaths scenarios;

    @Option(names = "--interval", defaultValue = "500", paramLabel = "MS",
            description = "How often to look for changes, in milliseconds (default: ${DEFAULT-VALUE}).")
    long intervalMillis;

    @Option(names = "--runs", defaultValue = "0", hidden = true, description = "Stop after this many runs (tests).")
    int maxRuns;

    @Option(names = "--cards", paramLabel = "FILE", description = "After each run, the cards a GP would see at "
            + "order-select for this scenario or record (as the cards command prints them); repeat for several.")
    List<Path> cards = new ArrayList<>();

    @Option(names = "--lang", defaultValue = "da", description = "Language of the cards: da, en (default: ${DEFAULT-VALUE}).")
    Language language;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        out.println("watching " + parent.rules + " and " + scenarios.paths + "; Ctrl-C to stop");
        out.flush();
        List<String> seen = null;
        int runs = 0;
        while (maxRuns == 0 || runs < maxRuns) {
            List<String> now = fingerprint();
            if (!now.equals(seen)) {
                if (seen != null) {
                    Thread.sleep(Math.min(intervalMillis, 200));
                    now = fingerprint();
                }
                seen = now;
                runOnce(out);
                runs++;
                out.flush();
                continue;
            }
            Thread.sleep(intervalMillis);
        }
        return Main.OK;
    }

    private void runOnce(PrintWriter out) {
        out.println();
        out.println("── " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " ──");
        try {
            Linter.Report report = Linter.lint(parent.rules);
            report.findings().forEach(out::println);
            out.println("lint: " + LintCommand.plural(report.errors(), "error") + ", "
                    + LintCommand.plural(report.warnings(), "warning"));
            if (report.knowledgeBase().isEmpty()) {
                out.println("scenarios not run: fix the errors first");
                return;
            }
            SuiteReport.run(report.knowledgeBase().get(), ScenarioRun.findScenarioFiles(scenarios.paths), out);
            if (!cards.isEmpty()) {
                out.println("cards:");
                CardsCommand.print(out, report.knowledgeBase().get(), InputFiles.readAll(cards,
                        report.knowledgeBase().get(), java.time.LocalDate.now()), language, false);
            }
        } catch (RuleLoadException e) {
            e.problems().forEach(out::println);
        } catch (InvalidInputException e) {
            e.problems().forEach(out::println);
        } catch (RuntimeException e) {
            out.println("error: " + e.getMessage());
        } catch (Exception e) {
            out.println("cards not shown: " + e.getMessage());
        }
    }

    /** Path, size and content hash of every file watched: cheap for rule and scenario folders. */
    private List<String> fingerprint() {
        List<String> files = new ArrayList<>();
        List<Path> roots = new ArrayList<>(scenarios.paths);
        roots.add(parent.rules);
        roots.addAll(cards);
        for (Path root : roots) {
            if (!Files.exists(root)) {
                files.add(root + " missing");
                continue;
            }
            try (Stream<Path> walk = Files.walk(root, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
                walk.filter(p -> !io.guidelinekb.util.HiddenPaths.hidden(root, p)).filter(Files::isRegularFile).sorted().forEach(file -> files.add(file + " " + hash(file)));
            } catch (IOException | UncheckedIOException e) {
                files.add(root + " unreadable");
            }
        }
        return files;
    }

    private static String hash(Path file) {
        try {
            return Integer.toHexString(Arrays.hashCode(Files.readAllBytes(file)));
        } catch (IOException e) {
            return "unreadable";
        }
    }
}
