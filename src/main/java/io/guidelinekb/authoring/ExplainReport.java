package io.guidelinekb.authoring;

import io.guidelinekb.model.Language;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.model.ConditionCheck;
import io.guidelinekb.EpisodeResultJson;
import io.guidelinekb.model.ExplainedResult;
import io.guidelinekb.model.RecommendationExplanation;
import io.guidelinekb.model.RuleExplanation;
import io.guidelinekb.input.RecordJson;
import io.guidelinekb.scenario.InputReader;
import io.guidelinekb.util.Identifiers;
import java.io.PrintWriter;
import java.util.stream.Collectors;

/** The output of {@code explain}: text for people, JSON for audit logs. */
public final class ExplainReport {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ExplainReport() {
    }

    /** As text, the recommendations' words in {@code language}. */
    public static void printText(PrintWriter out, InputReader.Input input, ExplainedResult explained, Language language) {
        out.println(Identifiers.printable(input.name() == null ? input.source() : input.name() + "  (" + input.source() + ")"));
        if (!input.decisions().isEmpty()) {
            out.println("  read from FHIR:");
            input.decisions().forEach(decision -> out.println("    " + decision));
        }
        if (explained == null) {
            out.println("  no episode: nothing to evaluate");
            return;
        }
        var result = explained.result();
        var explanation = explained.explanation();
        out.println("  patient " + Identifiers.printable(result.patientId()) + ", episode " + Identifiers.printable(result.episodeId()) + ", as of " + result.asOf()
                + "; knowledge base " + result.knowledgeBaseVersion());
        out.println("  scope: " + result.status() + (result.reasons().isEmpty() ? "" : " " + result.reasons()));
        for (RuleExplanation rule : explanation.scopeRules()) {
            printRule(out, (rule.fired() ? "✓ " : "· ") + rule.rule(), rule);
        }
        out.println("  recommendations:");
        for (RecommendationExplanation r : explanation.recommendations()) {
            String outcome = switch (r.outcome()) {
                case TRIGGERED -> "TRIGGERED by " + r.triggeredBy().stream()
                        .map(i -> i + (r.against().contains(i) ? " (against)" : " (with)")).sorted()
                        .collect(Collectors.joining(", "));
                case GIVEN -> "given" + (r.concerns().isEmpty() ? "" : ", not triggered (concerns "
                        + r.concerns().stream().sorted().collect(Collectors.joining(", ")) + ")");
                case WITHHELD -> "WITHHELD";
            };
            String words = explained.result().recommendation(r.id())
                    .map(given -> "  — " + (language.pick(given.textDa(), given.textEn()))).orElse("");
            printRule(out, r.id() + " " + outcome + words, r.rule());
            explained.result().recommendation(r.id()).ifPresent(given -> printNotes(out, given.notes(), language));
        }
    }

    /** What the panel wrote besides the text, under the recommendation it belongs to. */
    private static void printNotes(PrintWriter out, io.guidelinekb.model.PanelNotes notes, Language language) {
        if (notes.rationale(language) != null) {
            out.println("        rationale: " + notes.rationale(language));
        }
        notes.references().forEach(r -> out.println("        reference: " + r.citation() + " <" + r.url() + ">"));
        io.guidelinekb.model.PanelNotes.Pico pico = notes.pico();
        if (!pico.isEmpty()) {
            out.println("        PICO: population " + pico.population() + "; intervention " + pico.intervention()
                    + "; comparison " + pico.comparison() + "; outcomes " + pico.outcomes());
        }
    }

    private static void printRule(PrintWriter out, String heading, RuleExplanation rule) {
        out.println("    " + heading + "  (" + rule.file() + ":" + rule.line() + ")"
                + (rule.firings() > 1 ? "  fired " + rule.firings() + "×" : "")
                + (rule.concluded().isEmpty() ? "" : "  → " + String.join(", ", rule.concluded())));
        for (ConditionCheck check : rule.conditions()) {
            String mark = switch (check.verdict()) {
                case HELD -> "✓";
                case FAILED -> "✗";
                case UNKNOWN -> "?";
            };
            out.println("        " + mark + " " + check.condition()
                    + (check.observed().isEmpty() ? "" : "   [" + check.observed() + "]"));
        }
    }

    public static ObjectNode toJson(InputReader.Input input, ExplainedResult explained) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("source", input.source());
        if (!input.decisions().isEmpty()) {
            ArrayNode decisions = node.putArray("fhirDecisions");
            input.decisions().forEach(decisions::add);
        }
        if (explained == null) {
            node.putNull("input");
            return node;
        }
        node.set("input", RecordJson.toJson(explained.input()));
        node.put("knowledgeBaseVersion", explained.result().knowledgeBaseVersion());
        node.set("result", io.guidelinekb.engine.ResultTree.of(explained.result()));
        ObjectNode explanation = node.putObject("explanation");
        ArrayNode scope = explanation.putArray("scopeRules");
        explained.explanation().scopeRules().forEach(rule -> scope.add(toJson(rule)));
        ArrayNode recommendations = explanation.putArray("recommendations");
        for (RecommendationExplanation r : explained.explanation().recommendations()) {
            ObjectNode item = recommendations.addObject().put("id", r.id()).put("outcome", r.outcome().name());
            ArrayNode triggeredBy = item.putArray("triggeredBy");
            r.triggeredBy().stream().sorted().forEach(triggeredBy::add);
            ArrayNode against = item.putArray("triggeredAgainst");
            r.triggeredBy().stream().filter(r.against()::contains).sorted().forEach(against::add);
            item.set("rule", toJson(r.rule()));
        }
        ArrayNode firings = node.putArray("firings");
        explained.firings().forEach(f -> {
            ObjectNode firing = firings.addObject().put("rule", f.rule());
            ArrayNode concluded = firing.putArray("concluded");
            f.concluded().forEach(c -> concluded.add(String.valueOf(c)));
        });
        return node;
    }

    private static ObjectNode toJson(RuleExplanation rule) {
        ObjectNode node = MAPPER.createObjectNode().put("rule", rule.rule()).put("file", rule.file())
                .put("line", rule.line()).put("firings", rule.firings());
        ArrayNode concluded = node.putArray("concluded");
        rule.concluded().forEach(concluded::add);
        ArrayNode conditions = node.putArray("conditions");
        for (ConditionCheck check : rule.conditions()) {
            conditions.addObject().put("condition", check.condition()).put("line", check.line())
                    .put("verdict", check.verdict().name()).put("observed", check.observed());
        }
        return node;
    }
}
