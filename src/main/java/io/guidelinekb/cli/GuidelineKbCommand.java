package io.guidelinekb.cli;

import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.model.RuleLoadException;
import io.guidelinekb.model.RuleProblem;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

@Command(name = "guideline-kb",
        mixinStandardHelpOptions = true, addMethodSubcommands = false,
        version = "guideline-kb 0.1.0",
        description = "Clinical guideline knowledge base: evaluates patients' episodes against DRL rules.",
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

    /** The rules folder when none is named. */
    static final String DEFAULT_RULES = "rules";

    @Option(names = "--rules", paramLabel = "DIR", defaultValue = DEFAULT_RULES, scope = ScopeType.INHERIT,
            description = "Folder of DRL rules (default: ${DEFAULT-VALUE}).")
    Path rules;

    @Option(names = "--guideline", paramLabel = "ID", scope = ScopeType.INHERIT,
            description = "When the rules folder holds several guidelines, the one to use (its folder's name).")
    String guideline;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "On an internal error, print the stack trace (also GUIDELINE_KB_DEBUG=1).")
    boolean debug;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The knowledge base of one guideline: the folder's only one, or the one --guideline names. */
    KnowledgeBase loadKnowledgeBase() throws RuleLoadException {
        KnowledgeBase knowledgeBase = loadEveryGuideline();
        if (knowledgeBase.guidelines().size() > 1) {
            throw new RuleLoadException(List.of(RuleProblem.error(rules.toString(), 0, 0, "holds "
                    + knowledgeBase.guidelines().size() + " guidelines (" + ids(knowledgeBase)
                    + "); choose one with --guideline ID")));
        }
        return knowledgeBase;
    }

    /** The knowledge base of every guideline in the folder, or of the one --guideline names. */
    KnowledgeBase loadEveryGuideline() throws RuleLoadException {
        Path folder = rulesFolder();
        Optional<KnowledgeBase> early = EarlyLoad.take(folder, guideline);
        return early.isPresent() ? early.get() : load(folder, guideline);
    }

    /** The load of {@link #loadEveryGuideline}, which {@link EarlyLoad} begins too. */
    static KnowledgeBase load(Path folder, String guideline) throws RuleLoadException {
        // the guideline named alone: another folder's error does not stop it
        return guideline == null ? KnowledgeBase.load(folder) : KnowledgeBase.load(folder,
                io.guidelinekb.LoadOptions.defaults().withOnlyGuideline(guideline));
    }

    private static String ids(KnowledgeBase knowledgeBase) {
        return String.join(", ", knowledgeBase.guidelines().stream().map(g -> g.id()).toList());
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
