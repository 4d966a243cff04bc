package io.guidelinekb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.model.EvidenceGrade;
import io.guidelinekb.model.Intervention;
import io.guidelinekb.model.Review;
import io.guidelinekb.model.ScopeReason;
import io.guidelinekb.model.ScopeStatus;
import io.guidelinekb.model.Strength;
import io.guidelinekb.scenario.InputReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public JSON of a result matches {@code docs/result.schema.json} for every shipped scenario,
 * and the schema's codes are the model's. The schema uses a small part of JSON Schema (type, also
 * with null, required, properties, additionalProperties, items, enum, pattern, $ref), which this
 * test checks; "format" is a note to readers.
 */
class EpisodeResultJsonTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyShippedScenarioGivesJsonTheSchemaAccepts() throws Exception {
        JsonNode schema = JSON.readTree(Path.of("docs/result.schema.json").toFile());
        KnowledgeBase kb = Shipped.knowledgeBase();
        List<Path> scenarios;
        try (Stream<Path> files = Files.walk(Path.of("facts"))) {
            scenarios = files.filter(f -> f.toString().endsWith(".yaml") && !f.startsWith(Path.of("facts", "fhir"))).toList();
        }
        assertTrue(scenarios.size() > 40, "found " + scenarios.size());
        for (Path scenario : scenarios) {
            for (InputReader.Input input : InputReader.read(scenario)) {
                JsonNode json = JSON.readTree(EpisodeResultJson.toJson(kb.evaluate(input.input())));
                List<String> problems = new ArrayList<>();
                check(schema, schema, json, "", problems);
                assertEquals(List.of(), problems, scenario.toString());
            }
        }
    }

    @Test
    void theSchemaRejectsWhatItShould() throws Exception {
        JsonNode schema = JSON.readTree(Path.of("docs/result.schema.json").toFile());
        ObjectNode json = (ObjectNode) JSON.readTree(EpisodeResultJson.toJson(Shipped.knowledgeBase().evaluate(
                InputReader.read(Path.of("facts/recommendations/imaging-mri-proposed-triggers-04.yaml")).get(0).input())));
        assertEquals("IN_SCOPE", json.at("/scope/status").asText());
        assertEquals("2026-03-10", json.get("asOf").asText(), "a date as ISO text, not Jackson's array");
        json.remove("scope");
        ((ObjectNode) json.at("/recommendations/3")).put("strength", "WEAK");
        ((ArrayNode) json.at("/recommendations/3/triggeredBy")).add("MRII");
        json.put("extra", 1);
        List<String> problems = new ArrayList<>();
        check(schema, schema, json, "", problems);
        assertEquals(List.of("/: missing scope", "/recommendations/3/strength: \"WEAK\" is not one of the allowed values",
                "/recommendations/3/triggeredBy/1: \"MRII\" is not one of the allowed values", "/: extra is not allowed"),
                problems);
    }

    @Test
    void theSchemasCodesAreTheModels() throws Exception {
        JsonNode schema = JSON.readTree(Path.of("docs/result.schema.json").toFile());
        assertEquals(names(ScopeStatus.values()), texts(schema.at("/properties/scope/properties/status/enum")));
        assertEquals(Arrays.stream(Review.Status.values()).map(Review.Status::code).toList(),
                texts(schema.at("/$defs/review/properties/status/enum")));
        assertEquals(names(ScopeReason.values()), texts(schema.at("/$defs/scopeReason/enum")));
        assertEquals(names(Intervention.values()), texts(schema.at("/$defs/intervention/enum")));
        assertEquals(names(Strength.values()), texts(schema.at("/$defs/recommendation/properties/strength/enum")));
        assertEquals(Arrays.stream(Strength.values()).map(Strength::symbol).toList(),
                texts(schema.at("/$defs/recommendation/properties/strengthSymbol/enum")));
        assertEquals(names(EvidenceGrade.values()), texts(schema.at("/$defs/recommendation/properties/evidence/enum")));
        assertEquals(Arrays.stream(EvidenceGrade.values()).map(EvidenceGrade::symbol).toList(),
                texts(schema.at("/$defs/recommendation/properties/evidenceSymbol/enum")));
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static void check(JsonNode root, JsonNode schema, JsonNode value, String at, List<String> problems) {
        if (schema.has("$ref")) {
            check(root, root.at(schema.get("$ref").asText().substring(1)), value, at, problems);
            return;
        }
        String where = at.isEmpty() ? "/" : at;
        if (schema.has("enum")) {
            boolean allowed = false;
            for (JsonNode option : schema.get("enum")) {
                allowed |= option.equals(value);
            }
            if (!allowed) {
                problems.add(where + ": " + value + " is not one of the allowed values");
            }
        }
        if (value.isNull() && texts(schema.path("type")).contains("null")) {
            return;
        }
        if (schema.has("pattern") && !value.asText().matches(schema.get("pattern").asText())) {
            problems.add(where + ": " + value + " does not match " + schema.get("pattern").asText());
        }
        // a type may be a list of one type and "null", which is handled above
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asText() : schema.path("type").asText("");
        boolean typed = switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "" -> true;
            default -> throw new IllegalArgumentException("the test does not know type " + type);
        };
        if (!typed) {
            problems.add(where + ": " + value + " is not of type " + type);
            return;
        }
        if (value.isObject()) {
            schema.path("required").forEach(key -> {
                if (!value.has(key.asText())) {
                    problems.add(where + ": missing " + key.asText());
                }
            });
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode property = schema.path("properties").get(field.getKey());
                if (property == null) {
                    if (schema.path("additionalProperties").isBoolean() && !schema.get("additionalProperties").asBoolean()) {
                        problems.add(where + ": " + field.getKey() + " is not allowed");
                    }
                } else {
                    check(root, property, field.getValue(), at + "/" + field.getKey(), problems);
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(root, schema.get("items"), value.get(i), at + "/" + i, problems);
            }
        }
    }
}
