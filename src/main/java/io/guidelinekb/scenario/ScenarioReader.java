package io.guidelinekb.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.Case;
import io.guidelinekb.fhir.FhirMapping;
import io.guidelinekb.input.CaseReader;
import io.guidelinekb.input.Documents;
import io.guidelinekb.input.Fields;
import io.guidelinekb.input.InvalidInputException;
import io.guidelinekb.model.EvidenceGrade;
import io.guidelinekb.model.Intervention;
import io.guidelinekb.model.ScopeReason;
import io.guidelinekb.model.ScopeStatus;
import io.guidelinekb.model.Strength;
import io.guidelinekb.terminology.TerminologyBindings;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads scenario files (YAML or JSON): every field checked, every problem named with file and field. */
public final class ScenarioReader {

    static final List<String> SCENARIO_KEYS = List.of("name", "description", "asOf", "patient", "episode", "expect");
    private static final List<String> FHIR_SCENARIO_KEYS = List.of("name", "description", "asOf", "fhir", "expect");
    private static final List<String> EXPECT_KEYS = List.of("scope", "reasons", "recommendations", "triggered",
            "triggeredAgainst", "triggeredWith", "episodeId");
    private static final List<String> RECOMMENDATION_KEYS = List.of("id", "strength", "evidence", "triggeredBy",
            "against", "with");
    private static final String EXPECTED = "name, asOf, patient, episode and expect";

    private ScenarioReader() {
    }

    public static Scenario read(Path file) throws InvalidInputException {
        return read(file, null);
    }

    /** Reads a scenario; one given as FHIR ({@code fhir:} a Bundle) is read with {@code bindings}. */
    public static Scenario read(Path file, TerminologyBindings bindings) throws InvalidInputException {
        if (!Documents.isYaml(file) && !Documents.isJson(file)) {
            throw new InvalidInputException(file + ": not a scenario file; scenarios end in .yaml, .yml or .json");
        }
        String text = Documents.readText(file);
        ObjectNode root = Documents.parseObject(text, Documents.isYaml(file), file.toString(), EXPECTED);
        return read(root, new Fields(file.toString()), file.toString(), bindings);
    }

    static Scenario read(ObjectNode root, Fields fields, String file, TerminologyBindings bindings)
            throws InvalidInputException {
        boolean fhir = root.has("fhir");
        fields.onlyKeys(root, "", fhir ? FHIR_SCENARIO_KEYS : SCENARIO_KEYS);
        String name = fields.text(root, "", "name", true);
        String description = fields.text(root, "", "description", false);
        Case input = null;
        List<String> decisions = List.of();
        if (fhir) {
            LocalDate asOf = fields.date(root, "", "asOf", true);
            Optional<ObjectNode> bundle = fields.object(root, "", "fhir", true);
            if (asOf != null && bundle.isPresent()) {
                FhirMapping mapping = FhirInput.map(bundle.get(), bindings, asOf, file + ": fhir");
                decisions = mapping.decisions();
                input = mapping.input().orElse(null);
                if (input == null) {
                    fields.problem("fhir", "nothing in the bundle makes an episode of low back pain: "
                            + String.join("; ", decisions));
                }
            }
        } else {
            input = CaseReader.read(root, fields);
        }
        Expectation expect = fields.object(root, "", "expect", true).map(node -> expectation(node, fields)).orElse(null);
        fields.check();
        return new Scenario(file, name, description, input, expect, decisions);
    }

    private static Expectation expectation(ObjectNode node, Fields fields) {
        fields.onlyKeys(node, "expect", EXPECT_KEYS);
        ScopeStatus scope = fields.code(node, "expect", "scope", true, ScopeStatus.class, "scope status");
        Set<ScopeReason> reasons = fields.codes(node, "expect", "reasons", ScopeReason.class, "scope reason");
        Set<ExpectedRecommendation> recommendations = fields.list(node, "expect", "recommendations",
                (item, path) -> recommendation(item, path, fields));
        Set<String> triggered = fields.list(node, "expect", "triggered", (item, path) -> recommendationId(item, path, fields));
        Set<String> against = fields.list(node, "expect", "triggeredAgainst",
                (item, path) -> recommendationId(item, path, fields));
        Set<String> with = fields.list(node, "expect", "triggeredWith", (item, path) -> recommendationId(item, path, fields));
        String episodeId = fields.text(node, "expect", "episodeId", false);
        if (scope == null) {
            return null;
        }
        return new Expectation(scope, reasons, recommendations == null ? null : new ArrayList<>(recommendations),
                triggered, against, with, episodeId);
    }

    private static ExpectedRecommendation recommendation(JsonNode item, String path, Fields fields) {
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
        Set<Intervention> triggeredBy = fields.codes(node, path, "triggeredBy", Intervention.class, "intervention");
        Set<Intervention> against = fields.codes(node, path, "against", Intervention.class, "intervention");
        Set<Intervention> with = fields.codes(node, path, "with", Intervention.class, "intervention");
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
