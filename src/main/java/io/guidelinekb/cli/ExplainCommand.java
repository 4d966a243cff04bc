package io.guidelinekb.cli;

import io.guidelinekb.model.Language;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.guidelinekb.model.ExplainedResult;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.authoring.ExplainReport;
import io.guidelinekb.scenario.InputReader;
import java.io.PrintWriter;
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

@Command(name = "explain", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = "Shows, per episode, why the scope status and each recommendation came out as they did: "
                + "the rule, the conditions it matched with the values it saw, and for what was not given, the "
                + "condition that failed.")
final class ExplainCommand implements Callable<Integer> {

    @ParentCommand
    GuidelineKbCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Scenario or record files, or FHIR R4 Bundles "
            + "(.json), whose reading is explained too: which resource made the episode, which code matched what.")
    List<Path> files;

    @Mixin
    FormatOption format;

    @Mixin
    AsOfOption asOf;

    @Option(names = "--lang", defaultValue = "da", description = "Language of the recommendations' words: "
            + "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Language language;

    @Override
    public Integer call() throws Exception {
        KnowledgeBase knowledgeBase = parent.loadEveryGuideline();
        List<InputReader.Input> inputs = new ArrayList<>();
        List<ExplainedResult> explained = new ArrayList<>();
        for (InputReader.Input input : InputFiles.readAll(files, knowledgeBase, asOf.date())) {
            if (input.input() == null) {
                inputs.add(input);
                explained.add(null);
                continue;
            }
            // a scenario by its own guideline; a record or bundle by each guideline of the folder
            for (KnowledgeBase guideline : input.evaluatedBy(knowledgeBase)) {
                inputs.add(input);
                explained.add(guideline.explain(input.input()));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.json()) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            var array = mapper.createArrayNode();
            for (int i = 0; i < inputs.size(); i++) {
                array.add(ExplainReport.toJson(inputs.get(i), explained.get(i)));
            }
            out.println(mapper.writeValueAsString(array));
            return Main.OK;
        }
        for (int i = 0; i < inputs.size(); i++) {
            if (i > 0) {
                out.println();
            }
            ExplainReport.printText(out, inputs.get(i), explained.get(i), language);
        }
        return Main.OK;
    }
}
