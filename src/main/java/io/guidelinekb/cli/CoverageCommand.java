package io.guidelinekb.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.model.RuleInfo;
import io.guidelinekb.authoring.Coverage;
import io.guidelinekb.scenario.Scenario;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "coverage", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = "Runs scenarios and reports what they exercise: for every rule how many scenarios fired it, "
                + "for every recommendation the scenarios in which it was given, withheld and triggered, and for "
                + "every scope reason the scenarios that produced it. What was never exercised comes first.")
final class CoverageCommand implements Callable<Integer> {

    @ParentCommand
    GuidelineKbCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioPaths scenarios;

    @Mixin
    FormatOption format;

    @Option(names = "--details", description = "In text, list the scenarios behind every count.")
    boolean details;

    @Override
    public Integer call() throws Exception {
        KnowledgeBase knowledgeBase = parent.loadEveryGuideline();
        List<Scenario> read = InputFiles.readScenarios(scenarios.paths, knowledgeBase);
        Coverage coverage = Coverage.of(knowledgeBase, read);
        PrintWriter out = spec.commandLine().getOut();
        if (format.json()) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toJson(coverage)));
        } else {
            printText(out, knowledgeBase, coverage);
        }
        return Main.OK;
    }

    private void printText(PrintWriter out, KnowledgeBase knowledgeBase, Coverage coverage) {
        out.println("coverage of " + knowledgeBase.directory() + " (" + coverage.knowledgeBaseVersion() + ") by "
                + coverage.scenarios().size() + " scenarios");
        out.println();
        out.println("never exercised:");
        int gaps = 0;
        for (RuleInfo rule : coverage.rulesNeverFired()) {
            out.println("  rule never fired       " + rule.name() + "  (" + rule.file() + ":" + rule.line() + ")");
            gaps++;
        }
        for (String id : coverage.recommendationsNeverTriggered()) {
            out.println("  never triggered        " + id);
            gaps++;
        }
        for (String id : coverage.recommendationsNeverWithheld()) {
            out.println("  never withheld         " + id);
            gaps++;
        }
        for (var reason : coverage.reasonsNeverProduced()) {
            out.println("  reason never produced  " + reason);
            gaps++;
        }
        if (gaps == 0) {
            out.println("  nothing: every rule fired, every recommendation was given, withheld and triggered, "
                    + "every scope reason was produced");
        }
        out.println();
        out.println("rules (scenarios that fired it):");
        coverage.rules().forEach((rule, users) -> {
            out.printf("  %4d  %s  (%s:%d)%n", users.size(), rule.name(), rule.file(), rule.line());
            listed(out, users);
        });
        out.println();
        out.println("recommendations (scenarios in which it was given / withheld / triggered):");
        coverage.recommendations().forEach((id, uses) -> {
            out.printf("  %s  given %d, withheld %d, triggered %d%n", id, uses.given().size(), uses.withheld().size(),
                    uses.triggered().size());
            if (details) {
                out.println("      given:");
                listed(out, uses.given());
                out.println("      withheld:");
                listed(out, uses.withheld());
            }
            if (details || !uses.triggered().isEmpty()) {
                out.println("      triggered:");
                uses.triggered().forEach(s -> out.println("        " + s));
            }
        });
        out.println();
        out.println("scope reasons (scenarios that produced it):");
        coverage.reasons().forEach((reason, users) -> {
            out.printf("  %4d  %s%n", users.size(), reason);
            users.forEach(s -> out.println("        " + s));
        });
    }

    private void listed(PrintWriter out, List<String> scenarios) {
        if (details) {
            scenarios.forEach(s -> out.println("        " + s));
        }
    }

    private static ObjectNode toJson(Coverage coverage) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode node = mapper.createObjectNode().put("knowledgeBaseVersion", coverage.knowledgeBaseVersion());
        strings(node.putArray("scenarios"), coverage.scenarios());
        ObjectNode never = node.putObject("neverExercised");
        strings(never.putArray("rules"), coverage.rulesNeverFired().stream().map(RuleInfo::name).toList());
        strings(never.putArray("recommendationsNeverTriggered"), coverage.recommendationsNeverTriggered());
        strings(never.putArray("recommendationsNeverWithheld"), coverage.recommendationsNeverWithheld());
        strings(never.putArray("reasons"), coverage.reasonsNeverProduced());
        ArrayNode rules = node.putArray("rules");
        coverage.rules().forEach((rule, users) -> {
            ObjectNode item = rules.addObject().put("rule", rule.name()).put("file", rule.file()).put("line", rule.line())
                    .put("fired", users.size());
            strings(item.putArray("scenarios"), users);
        });
        ObjectNode recommendations = node.putObject("recommendations");
        coverage.recommendations().forEach((id, uses) -> {
            ObjectNode item = recommendations.putObject(id);
            strings(item.putArray("given"), uses.given());
            strings(item.putArray("withheld"), uses.withheld());
            strings(item.putArray("triggered"), uses.triggered());
        });
        ObjectNode reasons = node.putObject("reasons");
        coverage.reasons().forEach((reason, users) -> strings(reasons.putArray(reason), users));
        return node;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
