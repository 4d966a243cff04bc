package io.guidelinekb.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.model.RuleProblem;
import io.guidelinekb.authoring.Linter;
import io.guidelinekb.guideline.ReleaseManifest;
import io.guidelinekb.util.InvalidInputException;
import io.guidelinekb.scenario.ScenarioRun;
import io.guidelinekb.util.HiddenPaths;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A release: the rules checked as lint checks them (any error refuses) and the scenarios run (any
 * failure refuses), then written whole into a folder of their own under {@code --out}, with a
 * manifest of every file's digest, the scenarios' results, and the outcome diff against the release
 * before it. {@code serve --release} and {@code KnowledgeBase.loadRelease} load it, checking the digests.
 */
@Command(name = "release", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = {"Makes a release of the rules: lint's checks (any error refuses) and the scenarios (any failure "
                + "refuses), then DIR/<date>-<content hash>/ with release.json (the guidelines' versions, the content "
                + "hash, the date, every file with its SHA-256, the scenarios' results) and diff.txt (what changes "
                + "against the release before it in DIR).",
            "Exit 0 released (or already released), 1 refused, 2 invalid input."})
final class ReleaseCommand implements Callable<Integer> {

    @ParentCommand
    GuidelineKbCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--scenarios", required = true, paramLabel = "PATH", description = "Scenario files or folders "
            + "the release must pass. Repeatable.")
    List<Path> scenarios;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder of releases.")
    Path out;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The release's date (default: today).")
    LocalDate date;

    @Override
    public Integer call() throws Exception {
        PrintWriter print = spec.commandLine().getOut();
        Path rules = parent.rulesFolder();
        if (out.toAbsolutePath().normalize().startsWith(rules.toAbsolutePath().normalize())) {
            // a release inside the folder it releases would be read as rules by the next release and load
            throw new InvalidInputException("release: --out " + out + " is inside the rules folder " + rules
                    + "; write releases beside it");
        }
        Linter.Report lint = Linter.lint(rules, parent.guideline);
        List<RuleProblem> errors = lint.findings().stream().filter(RuleProblem::isError).toList();
        if (!errors.isEmpty() || lint.knowledgeBase().isEmpty()) {
            errors.forEach(print::println);
            print.println("release refused: lint found " + errors.size() + " error(s)");
            return Main.FAILED;
        }
        KnowledgeBase knowledgeBase = parent.loadEveryGuideline();
        List<Path> files = ScenarioRun.findScenarioFiles(scenarios);
        if (files.isEmpty()) {
            throw new InvalidInputException("release: --scenarios " + scenarios + ": no scenario files found");
        }
        List<ScenarioRun.Outcome> outcomes = ScenarioRun.runAll(knowledgeBase, files);
        List<ScenarioRun.Outcome> failed = outcomes.stream().filter(o -> !o.passed()).toList();
        if (!failed.isEmpty()) {
            failed.forEach(o -> print.println("FAIL " + o.file() + (o.name() == null ? "" : " — " + o.name())));
            print.println("release refused: " + failed.size() + " of " + outcomes.size() + " scenarios failed");
            return Main.FAILED;
        }
        LocalDate day = date != null ? date : LocalDate.now();
        String name = day + "-" + knowledgeBase.version().substring("sha256:".length());
        Path release = out.resolve(name);
        if (Files.exists(release)) {
            String released = ReleaseManifest.verified(release).knowledgeBaseVersion();
            print.println("already released as " + release + " (" + released + ")");
            return released.equals(knowledgeBase.version()) ? Main.OK : Main.FAILED;
        }
        Files.createDirectories(out);
        String previous = previousRelease();
        Path made = Files.createTempDirectory(out, "." + name + ".");
        try {
            copyRules(rules, made.resolve(ReleaseManifest.RULES));
            String loaded = KnowledgeBase.load(made.resolve(ReleaseManifest.RULES)).version();
            if (!loaded.equals(knowledgeBase.version())) {
                print.println("release refused: the rules changed while they were released (" + knowledgeBase.version()
                        + " checked, " + loaded + " copied); release again");
                return Main.FAILED;
            }
            new ReleaseManifest(knowledgeBase.version(), day.toString(), guidelines(knowledgeBase),
                    ReleaseManifest.digests(made.resolve(ReleaseManifest.RULES)), scenarioResults(outcomes),
                    previous).write(made);
            Files.move(made, release, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteAll(made);
        }
        // what changes for patients against the release before, beside the manifest (which covers rules/)
        Files.writeString(release.resolve("diff.txt"), previous == null ? "the first release in " + out + "\n"
                : diff(release.resolve(ReleaseManifest.RULES), out.resolve(previous).resolve(ReleaseManifest.RULES)));
        print.println("released " + release + ": " + knowledgeBase.version() + ", " + outcomes.size()
                + " scenarios passed" + (previous == null ? "" : "; what changes against " + previous + " is in diff.txt"));
        return Main.OK;
    }

    /** The newest release in the folder: names start with their date, then the content hash. */
    private String previousRelease() throws IOException {
        try (Stream<Path> releases = Files.list(out)) {
            return releases.filter(p -> Files.isRegularFile(p.resolve(ReleaseManifest.FILE)))
                    .map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
                    .max(Comparator.naturalOrder()).orElse(null);
        }
    }

    private static void copyRules(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            for (Path file : walk.filter(p -> !HiddenPaths.hidden(from, p) && Files.isRegularFile(p)).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }

    /** What changes against the release before, as {@code diff --base} says it over the same scenarios. */
    private String diff(Path rules, Path previousRules) {
        StringWriter text = new StringWriter();
        List<String> args = new ArrayList<>(List.of("--rules", rules.toString(), "diff", "--base", previousRules.toString()));
        scenarios.forEach(p -> args.add(p.toString()));
        int code = Main.run(new PrintWriter(text), new PrintWriter(text), args.toArray(String[]::new));
        return text + (code <= 1 ? "" : "(the diff could not be made whole: exit " + code + ")\n");
    }

    private static ArrayNode guidelines(KnowledgeBase knowledgeBase) {
        ArrayNode all = new ObjectMapper().createArrayNode();
        knowledgeBase.guidelines().forEach(g -> all.addObject().put("id", g.id()).put("version", g.version())
                .put("status", g.review().status().code()));
        return all;
    }

    private ObjectNode scenarioResults(List<ScenarioRun.Outcome> outcomes) {
        ObjectNode results = new ObjectMapper().createObjectNode().put("passed", outcomes.size()).put("failed", 0);
        ArrayNode paths = results.putArray("paths");
        scenarios.forEach(p -> paths.add(p.toString()));
        return results;
    }

    private static void deleteAll(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
