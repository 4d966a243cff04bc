package io.guidelinekb.cli;

import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.authoring.ScenarioUpdates;
import io.guidelinekb.util.InvalidInputException;
import io.guidelinekb.scenario.ScenarioRun;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "test", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = "Runs scenario files and folders and reports each one that fails, with what was expected "
                + "and what came; an invalid scenario file counts as failed.")
final class TestCommand implements Callable<Integer> {

    @ParentCommand
    GuidelineKbCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioPaths scenarios;

    @Option(names = "--junit-xml", paramLabel = "FILE", description = "Also write the results as JUnit XML, "
            + "one testcase per scenario, for CI servers.")
    Path junitXml;

    @Option(names = {"-v", "--verbose"}, description = "List every scenario, the passing ones too.")
    boolean verbose;

    @Option(names = "--update", description = "Rewrite the expectations of failing scenarios to what the rules now "
            + "give (only the expect keys each file has, keeping its other lines and comments), and print each change "
            + "for review. Nothing changes without this flag.")
    boolean update;

    @Override
    public Integer call() throws Exception {
        List<Path> files = ScenarioRun.findScenarioFiles(scenarios.paths);
        if (files.isEmpty()) {
            throw new InvalidInputException(scenarios.paths + ": no scenario files (.yaml, .yml, .json) found");
        }
        KnowledgeBase knowledgeBase = parent.loadEveryGuideline();
        if (update) {
            return ScenarioUpdates.run(knowledgeBase, files, spec.commandLine().getOut()) == 0 ? Main.OK : Main.FAILED;
        }
        int failed = SuiteReport.run(knowledgeBase, files, spec.commandLine().getOut(),
                new SuiteReport.Options(verbose, junitXml));
        return failed == 0 ? Main.OK : Main.FAILED;
    }
}
