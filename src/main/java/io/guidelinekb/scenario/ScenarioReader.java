package io.guidelinekb.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.model.Case;
import io.guidelinekb.fhir.FhirMapping;
import io.guidelinekb.input.CaseReader;
import io.guidelinekb.input.Documents;
import io.guidelinekb.input.Fields;
import io.guidelinekb.util.InvalidInputException;
import io.guidelinekb.model.EvidenceGrade;
import io.guidelinekb.model.Vocabulary;
import io.guidelinekb.model.Vocabulary.Section;
import io.guidelinekb.model.ScopeStatus;
import io.guidelinekb.model.Strength;
import io.guidelinekb.KnowledgeBase;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads scenario files (YAML or JSON): every field checked, every problem named with file and field. */
public final class ScenarioReader {

    static final List<String> SCENARIO_KEYS = List.of("name", "description", "guideline", "asOf", "patient", "episode",
            "expect");
    private static final List<String> FHIR_SCENARIO_KEYS = List.of("name", "description", "guideline", "asOf", "fhir",
            "expect");
    private static final List<String> EXPECT_KEYS = List.of("scope", "reasons", "alerts", "recommendations", "given", "withheld", "triggered",
            "triggeredAgainst", "triggeredWith", "episodeId");
    private static final List<String> RECOMMENDATION_KEYS = List.of("id", "strength", "evidence", "triggeredBy",
            "against", "with");
    private static final String EXPECTED = "name, asOf, patient, episode and expect";

    private ScenarioReader() {
    }

    /**
     * Reads a scenario for one of the knowledge base's guidelines: the one it names ({@code guideline:}),
     * else the only one, else the one whose id names a folder the file is in ({@code facts/<id>/}).
     * Its ids are checked against that guideline's vocabulary; one given as FHIR ({@code fhir:} a
     * Bundle) is read with the knowledge base's bindings.
     */
    public static Scenario read(Path file, KnowledgeBase kb) throws InvalidInputException {
        if (!Documents.isYaml(file) && !Documents.isJson(file)) {
            throw new InvalidInputException(file + ": not a scenario file; scenarios end in .yaml, .yml or .json");
        }
        String text = Documents.readText(file);
        ObjectNode root = Documents.parseObject(text, Documents.isYaml(file), file.toString(), EXPECTED);
        return read(root, new Fields(file.toString()), file, kb);
    }

    static Scenario read(ObjectNode root, Fields fields, Path path, KnowledgeBase all)
            throws InvalidInputException {
        String file = path.toString();
        boolean fhir = root.has("fhir");
        fields.onlyKeys(root, "", fhir ? FHIR_SCENARIO_KEYS : SCENARIO_KEYS);
        String name = fields.text(root, "", "name", true);
        String guideline = guideline(root, fields, path, all);
        if (guideline == null) {
            fields.check();
        }
        KnowledgeBase kb = all.guideline(guideline).orElseThrow();
        Vocabulary vocabulary = kb.vocabulary();
        String description = fields.text(root, "", "description", false);
        Case input = null;
        List<String> decisions = List.of();
        if (fhir) {
            LocalDate asOf = fields.date(root, "", "asOf", true);
            Optional<ObjectNode> bundle = fields.object(root, "", "fhir", true);
            if (asOf != null && bundle.isPresent()) {
                FhirMapping mapping = FhirInput.map(bundle.get(), kb, asOf, file + ": fhir");
                decisions = mapping.decisions();
                input = mapping.input().orElse(null);
                if (input == null) {
                    fields.problem("fhir", "nothing in the bundle makes an episode of low back pain: "
                            + String.join("; ", decisions));
                }
            }
        } else {
            input = CaseReader.read(root, fields, vocabulary);
        }
        Expectation expect = fields.object(root, "", "expect", true).map(node -> expectation(node, fields, vocabulary))
                .orElse(null);
        fields.check();
        return new Scenario(file, name, description, input, expect, decisions, guideline);
    }

    /** The guideline the scenario is for; {@code null} with the problem reported when it cannot be told. */
    private static String guideline(ObjectNode root, Fields fields, Path file, KnowledgeBase kb) {
        List<String> ids = kb.guidelines().stream().map(io.guidelinekb.model.Guideline::id).toList();
        String named = fields.text(root, "", "guideline", false);
        if (named != null) {
            if (!ids.contains(named)) {
                fields.problem("guideline", "\"" + named + "\" is not a guideline of the knowledge base"
                        + io.guidelinekb.util.Spelling.didYouMean(named, ids, "") + "; guidelines: " + String.join(", ", ids));
                return null;
            }
            return named;
        }
        if (ids.size() == 1) {
            return ids.get(0);
        }
        for (Path folder = file.toAbsolutePath().getParent(); folder != null; folder = folder.getParent()) {
            if (folder.getFileName() != null && ids.contains(folder.getFileName().toString())) {
                return folder.getFileName().toString();
            }
        }
        fields.problem("guideline", "the knowledge base holds " + ids.size() + " guidelines (" + String.join(", ", ids)
                + "): say which this scenario is for with guideline: <id>, or put it under facts/<id>/");
        return null;
    }

    private static Expectation expectation(ObjectNode node, Fields fields, Vocabulary vocabulary) {
        fields.onlyKeys(node, "expect", EXPECT_KEYS);
        ScopeStatus scope = fields.code(node, "expect", "scope", true, ScopeStatus.class, "scope status");
        Set<String> reasons = ids(node, "expect", "reasons", Section.SCOPE_REASONS, vocabulary, fields);
        Set<String> alerts = ids(node, "expect", "alerts", Section.ALERTS, vocabulary, fields);
        Set<ExpectedRecommendation> recommendations = fields.list(node, "expect", "recommendations",
                (item, path) -> recommendation(item, path, fields, vocabulary));
        Set<ExpectedRecommendation> given = fields.list(node, "expect", "given",
                (item, path) -> recommendation(item, path, fields, vocabulary));
        Set<String> withheld = fields.list(node, "expect", "withheld", (item, path) -> recommendationId(item, path, fields));
        Set<String> triggered = fields.list(node, "expect", "triggered", (item, path) -> recommendationId(item, path, fields));
        Set<String> against = fields.list(node, "expect", "triggeredAgainst",
                (item, path) -> recommendationId(item, path, fields));
        Set<String> with = fields.list(node, "expect", "triggeredWith", (item, path) -> recommendationId(item, path, fields));
        String episodeId = fields.text(node, "expect", "episodeId", false);
        if (scope == null) {
            return null;
        }
        return new Expectation(scope, reasons, recommendations == null ? null : new ArrayList<>(recommendations),
                triggered, against, with, episodeId, alerts, given == null ? null : new ArrayList<>(given), withheld);
    }

    /** A list of a section's ids, each checked against the guideline's vocabulary. */
    private static Set<String> ids(ObjectNode node, String path, String key, Section section, Vocabulary vocabulary,
                                   Fields fields) {
        return fields.list(node, path, key, (item, itemPath) -> {
            if (!item.isTextual() || !vocabulary.has(section, item.asText())) {
                fields.problem(itemPath, item.isTextual() ? vocabulary.unknownMessage(section, item.asText())
                        : "expected " + section.singular() + " id, got " + Fields.describe(item));
                return null;
            }
            return item.asText();
        });
    }

    private static ExpectedRecommendation recommendation(JsonNode item, String path, Fields fields,
                                                         Vocabulary vocabulary) {
        if (item.isTextual()) {
            return ExpectedRecommendation.id(recommendationId(item, path, fields));
        }
        if (!item.isObject()) {
            fields.problem(path, "expected a recommendation id, or a mapping with id and any of strength, evidence, "
                    + "triggeredBy, against, with; got " + Fields.describe(item));
            return null;
        }
        ObjectNode node = (ObjectNode) item;
        fields.onlyKeys(node, path, RECOMMENDATION_KEYS);
        String id = fields.text(node, path, "id", true);
        Strength strength = fields.coded(node, path, "strength", Strength.class, "strength");
        EvidenceGrade evidence = fields.coded(node, path, "evidence", EvidenceGrade.class, "evidence grade");
        Set<String> triggeredBy = ids(node, path, "triggeredBy", Section.INTERVENTIONS, vocabulary, fields);
        Set<String> against = ids(node, path, "against", Section.INTERVENTIONS, vocabulary, fields);
        Set<String> with = ids(node, path, "with", Section.INTERVENTIONS, vocabulary, fields);
        return id == null ? null : new ExpectedRecommendation(id, strength, evidence, triggeredBy, against, with);
    }

    private static String recommendationId(JsonNode item, String path, Fields fields) {
        if (!item.isTextual() || item.asText().isBlank()) {
            fields.problem(path, "expected a recommendation id such as NKR-LBP-04, got " + Fields.describe(item));
            return null;
        }
        return item.asText();
    }
}
