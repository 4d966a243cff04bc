package io.guidelinekb.cli;

import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.scenario.InvalidInputException;
import io.guidelinekb.scenario.ScenarioRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Runs scenario files and folders and reports each one that fails, with what was expected "
                + "and what came; an invalid scenario file counts as failed.")
final class TestCommand implements Callable<Integer> {

    @ParentCommand
    GuidelineKbCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "0..*", defaultValue = "facts",
            description = "Scenario files or folders (default: ${DEFAULT-VALUE}).")
    List<Path> paths;

    @Override
    public Integer call() throws Exception {
        List<Path> files = ScenarioRun.findScenarioFiles(paths);
        if (files.isEmpty()) {
            throw new InvalidInputException(paths + ": no scenario files (.yaml, .yml, .json) found");
        }
        KnowledgeBase knowledgeBase = parent.loadKnowledgeBase();
        PrintWriter out = spec.commandLine().getOut();
        int passed = 0;
        int failed = 0;
        for (Path file : files) {
            ScenarioRun.Outcome outcome = ScenarioRun.run(knowledgeBase, file);
            if (outcome.passed()) {
                passed++;
                continue;
            }
            failed++;
            out.println(label(outcome) + " " + outcome.file() + (outcome.name() == null ? "" : " — " + outcome.name()));
            outcome.problems().forEach(problem -> out.println("    " + problem));
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? Main.OK : Main.FAILED;
    }

    private static String label(ScenarioRun.Outcome outcome) {
        return switch (outcome.verdict()) {
            case FAILED -> "FAIL";
            case INVALID -> "INVALID";
            case ERROR -> "ERROR";
            case PASSED -> "PASS";
        };
    }
}
