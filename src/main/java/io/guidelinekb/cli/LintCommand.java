package io.guidelinekb.cli;

import io.guidelinekb.model.RuleLoadException;
import io.guidelinekb.authoring.Linter;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "lint", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = {"Compiles the rules and checks them: metadata and vocabularies, unique ids, GRADE consistency, "
                + "the safety policy (only the fact model and harmless JDK types), and recommendations that cannot "
                + "fire in scope. One line per finding, then a count.",
            "Exit 0 with no errors (warnings allowed), 1 with errors, 2 when the folder cannot be read."})
final class LintCommand implements Callable<Integer> {

    @ParentCommand
    GuidelineKbCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws RuleLoadException {
        Linter.Report report = Linter.lint(parent.rulesFolder(), parent.guideline);
        PrintWriter out = spec.commandLine().getOut();
        report.findings().forEach(out::println);
        out.println(plural(report.errors(), "error") + ", " + plural(report.warnings(), "warning")
                + " in " + parent.rules);
        return report.errors() == 0 ? Main.OK : Main.FAILED;
    }

    static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
