package io.guidelinekb.cli;

import io.guidelinekb.model.Language;
import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.scenario.InputReader;
import io.guidelinekb.scenario.ResultJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "evaluate", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = {"Evaluates scenario or record files and prints, per episode, the scope status with its "
                + "reasons and the recommendations, marking those a proposed intervention triggers.",
            "Files: scenarios and single records (.yaml, .yml, .json), record streams (.ndjson, .jsonl), and FHIR R4 "
                + "Bundles (.json: a Patient, Conditions, Observations and draft ServiceRequest or MedicationRequest "
                + "orders), read with the rules' bindings.yaml."})
final class EvaluateCommand implements Callable<Integer> {

    @ParentCommand
    GuidelineKbCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Scenario, record or FHIR Bundle files.")
    List<Path> files;

    @Option(names = "--lang", defaultValue = "da", description = "Language of the recommendations' text: "
            + "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Language language;

    @Mixin
    FormatOption format;

    @Mixin
    AsOfOption asOf;

    @Override
    public Integer call() throws Exception {
        KnowledgeBase knowledgeBase = parent.loadEveryGuideline();
        List<InputReader.Input> read = InputFiles.readAll(files, knowledgeBase, asOf.date());
        // one result per input and guideline that evaluates it (a scenario's, or each), each naming its guideline
        List<InputReader.Input> inputs = new ArrayList<>(read.size());
        List<EpisodeResult> results = new ArrayList<>(read.size());
        for (InputReader.Input input : read) {
            if (input.input() == null) {
                inputs.add(input);
                results.add(null);
                continue;
            }
            for (KnowledgeBase guideline : input.evaluatedBy(knowledgeBase)) {
                inputs.add(input);
                results.add(guideline.evaluate(input.input()));
            }
        }
        var out = spec.commandLine().getOut();
        if (format.json()) {
            out.println(ResultJson.write(inputs, results));
        } else {
            new TextReport(out, language, Ansi.forStdout()).print(knowledgeBase, inputs, results);
        }
        return Main.OK;
    }

}
