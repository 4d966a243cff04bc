package io.guidelinekb.cli;

import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.pipeline.OutcomeDiff;
import io.guidelinekb.authoring.DiffSummary;
import io.guidelinekb.scenario.InputReader;
import io.guidelinekb.scenario.ScenarioRun;
import io.guidelinekb.util.Identifiers;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "diff", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = {"Evaluates the same scenarios or records with two rule folders and prints every episode whose "
                + "outcome differs: scope status, reasons, recommendations given and triggered, strength or grade.",
            "Exit 0 when nothing differs, 1 when something does."})
final class DiffCommand implements Callable<Integer> {

    @ParentCommand
    GuidelineKbCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--base", required = true, paramLabel = "DIR", description = "The rules to compare against.")
    Path base;

    @Parameters(paramLabel = "PATH", arity = "0..*", defaultValue = "facts",
            description = "Scenario or record files, or folders of them (default: ${DEFAULT-VALUE}).")
    List<Path> paths;

    @Override
    public Integer call() throws Exception {
        KnowledgeBase before = KnowledgeBase.load(base);
        KnowledgeBase after = parent.loadEveryGuideline();
        // FHIR input is read as the changed rules' bindings say; a scenario carries its own date
        List<InputReader.Input> inputs = InputFiles.readAll(ScenarioRun.findInputFiles(paths), after,
                java.time.LocalDate.now()).stream().filter(i -> i.input() != null).toList();
        PrintWriter out = spec.commandLine().getOut();
        out.println("diff " + base + " (" + before.version() + ") → " + after.directory() + " (" + after.version()
                + ") over " + inputs.size() + " episodes");
        // what the change declares, whatever the episodes exercise: what a reviewer signs first
        List<String> declared = io.guidelinekb.authoring.DeclarationDiff.between(before, after);
        if (!declared.isEmpty()) {
            out.println();
            out.println("declarations:");
            declared.forEach(line -> out.println("  " + Identifiers.printable(line)));
        }
        int differing = 0;
        DiffSummary summary = new DiffSummary();
        int compared = 0;
        for (InputReader.Input input : inputs) {
            for (KnowledgeBase changed : input.evaluatedBy(after)) {
                String id = changed.guideline().id();
                var original = before.guideline(id);
                if (original.isEmpty()) {
                    // a guideline the base does not have: every episode it evaluates is new advice
                    EpisodeResult is = changed.evaluate(input.input());
                    differing++;
                    out.println();
                    out.println(input.source() + (input.name() == null ? "" : " — " + input.name()) + " (episode "
                            + is.episodeId() + ", " + id + ", a new guideline)");
                    out.println("  scope: " + is.status() + (is.recommendations().isEmpty() ? "" : ", recommendations: "
                            + is.recommendations().stream().map(io.guidelinekb.model.Recommendation::id).toList())
                            + (is.alerts().isEmpty() ? "" : ", alerts: " + is.alerts().stream()
                            .map(io.guidelinekb.model.Alert::id).toList()));
                    continue;
                }
                compared++;
                EpisodeResult is = changed.evaluate(input.input());
                EpisodeResult was;
                try {
                    was = original.get().evaluate(input.input());
                } catch (IllegalArgumentException e) {
                    // the episode speaks of a word the base rules do not have (a new intervention): a difference, not a crash
                    differing++;
                    out.println();
                    out.println(input.source() + (input.name() == null ? "" : " — " + input.name()) + " (episode "
                            + is.episodeId() + ")");
                    out.println("  the base rules cannot evaluate it: " + e.getMessage());
                    continue;
                }
                summary.add(was, is);
                List<String> differences = OutcomeDiff.between(was, is);
                if (!differences.isEmpty()) {
                    differing++;
                    out.println();
                    out.println(input.source() + (input.name() == null ? "" : " — " + input.name())
                            + " (episode " + is.episodeId() + (after.guidelines().size() > 1 ? ", " + id : "") + ")");
                    differences.forEach(line -> out.println("  " + line));
                }
            }
        }
        out.println();
        if (differing == 0) {
            out.println("no episode differs" + (declared.isEmpty() ? "" : "; " + declared.size()
                    + " declared difference" + (declared.size() == 1 ? "" : "s") + " above"));
        } else {
            summary.print(out, compared, differing);
        }
        return differing == 0 && declared.isEmpty() ? Main.OK : Main.FAILED;
    }
}
