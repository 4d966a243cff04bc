package io.guidelinekb.cli;

import io.guidelinekb.model.Language;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.cdshooks.CardPreview;
import io.guidelinekb.scenario.InputReader;
import io.guidelinekb.util.Identifiers;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The cards a GP would see at order-select for each scenario's proposals, before the change ships. */
@Command(name = "cards", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = {"Prints the cards the CDS Hooks service would return at order-select for each scenario or "
                + "record, its proposed interventions taken as draft orders: indicator, summary, detail, suggestions "
                + "and links, as an EHR would show them. --format json prints the cards as CDS Hooks sends them."})
final class CardsCommand implements Callable<Integer> {

    @ParentCommand
    GuidelineKbCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Scenario or record files.")
    List<Path> files;

    @Option(names = "--lang", defaultValue = "da", description = "Language of the cards: da, en (default: ${DEFAULT-VALUE}).")
    Language language;

    @Mixin
    FormatOption format;

    @Mixin
    AsOfOption asOf;

    @Override
    public Integer call() throws Exception {
        KnowledgeBase knowledgeBase = parent.loadEveryGuideline();
        List<InputReader.Input> inputs = InputFiles.readAll(files, knowledgeBase, asOf.date());
        PrintWriter out = spec.commandLine().getOut();
        print(out, knowledgeBase, inputs, language, format.json());
        return Main.OK;
    }

    /** Each input's cards at order-select, as an EHR shows them or (json) as CDS Hooks sends them: also what watch shows. */
    static void print(PrintWriter out, KnowledgeBase knowledgeBase, List<InputReader.Input> inputs, Language language,
                      boolean asJson) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ArrayNode all = json.createArrayNode();
        for (InputReader.Input input : inputs) {
            if (input.input() == null) {
                continue;
            }
            for (KnowledgeBase guideline : input.evaluatedBy(knowledgeBase)) {
                List<ObjectNode> cards = CardPreview.orderSelect(guideline, input.input(), language);
                if (asJson) {
                    ObjectNode entry = all.addObject().put("source", input.source()).put("guideline", guideline.guideline().id());
                    entry.putArray("cards").addAll(cards);
                    continue;
                }
                out.println(Identifiers.printable(input.source() + (input.name() == null ? "" : " — " + input.name())
                        + (knowledgeBase.guidelines().size() > 1 ? " (" + guideline.guideline().id() + ")" : "")));
                if (cards.isEmpty()) {
                    out.println("  no card");
                }
                cards.forEach(card -> print(out, card));
                out.println();
            }
        }
        if (asJson) {
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(all));
        }
    }

    /** A card as an EHR renders it: indicator and summary, the detail, then its actions and links. */
    private static void print(PrintWriter out, JsonNode card) {
        String mark = switch (card.path("indicator").asText()) {
            case "critical" -> "!!";
            case "warning" -> "⚠ ";
            default -> "i ";
        };
        out.println("  " + mark + " " + Identifiers.printable(card.path("summary").asText()));
        for (String line : card.path("detail").asText().split("\n")) {
            out.println("     " + Identifiers.printable(line.replace("\\", "")));
        }
        card.path("suggestions").forEach(s -> out.println("     [" + Identifiers.printable(s.path("label").asText()) + "]"));
        card.path("overrideReasons").forEach(r -> out.println("     (go on: " + Identifiers.printable(r.path("display")
                .asText()) + ")"));
        card.path("links").forEach(l -> out.println("     → " + Identifiers.printable(l.path("label").asText()) + " "
                + Identifiers.printable(l.path("url").asText())));
    }
}
