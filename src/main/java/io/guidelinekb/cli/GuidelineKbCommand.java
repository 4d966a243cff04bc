package io.guidelinekb.cli;

import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.RuleLoadException;
import io.guidelinekb.RuleProblem;
import java.util.List;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

@Command(name = "guideline-kb",
        mixinStandardHelpOptions = true,
        version = "guideline-kb 0.1.0",
        description = "Clinical guideline knowledge base: evaluates patients' episodes against DRL rules.",
        subcommands = {EvaluateCommand.class, TestCommand.class, ExplainCommand.class, LintCommand.class,
            CoverageCommand.class, DiffCommand.class, WatchCommand.class,
            GenerateCommand.class, BatchCommand.class, ServeCommand.class},
        footer = {"", "bin/guideline-kb bench runs the benchmark (see docs/performance.md)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done; every scenario passed, lint found no error, diff no difference, batch rejected nothing",
            "1:a scenario failed, lint found errors, diff found differences, or batch rejected records",
            "2:invalid input, or rules that do not load",
            "3:a rule failed while evaluating",
            "4:a resource limit was hit: rules that fire or insert without end, or memory or stack run out",
            "5:an output could not be written (a full disk, a closed pipe); the message names it"})
final class GuidelineKbCommand implements Runnable {

    @Option(names = "--rules", paramLabel = "DIR", defaultValue = "rules", scope = ScopeType.INHERIT,
            description = "Folder of DRL rules (default: ${DEFAULT-VALUE}).")
    Path rules;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "On an internal error, print the stack trace (also GUIDELINE_KB_DEBUG=1).")
    boolean debug;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    KnowledgeBase loadKnowledgeBase() throws RuleLoadException {
        return KnowledgeBase.load(rulesFolder());
    }

    /** The folder of rules, when there is one; else an error that says where rules are looked for. */
    java.nio.file.Path rulesFolder() throws RuleLoadException {
        if (!java.nio.file.Files.exists(rules)) {
            throw new RuleLoadException(List.of(RuleProblem.error(rules.toString(), 0, 0, "no such folder of rules"
                    + (rules.equals(java.nio.file.Path.of("rules")) ? "; run from the project's folder (where rules/ is), "
                    + "or give --rules DIR, the folder that holds a guideline's folder of .drl files" : ""))));
        }
        return rules;
    }
}
