package io.guidelinekb;

import io.guidelinekb.model.EpisodeResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.guidelinekb.model.EvidenceGrade;
import io.guidelinekb.model.Review;
import io.guidelinekb.model.ScopeStatus;
import io.guidelinekb.model.Strength;
import io.guidelinekb.scenario.InputReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public JSON of a result matches {@code docs/result.schema.json} for every shipped scenario,
 * checked by a JSON Schema 2020-12 validator, and the schema's codes are the model's.
 */
class EpisodeResultJsonTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyShippedScenarioGivesJsonTheSchemaAccepts() throws Exception {
        KnowledgeBase kb = LbpFixture.knowledgeBase();
        List<Path> scenarios;
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/fixture/facts"))) {
            scenarios = files.filter(f -> f.toString().endsWith(".yaml") && !f.startsWith(Path.of("facts", "fixture-lbp", "fhir"))).toList();
        }
        assertTrue(scenarios.size() > 40, "found " + scenarios.size());
        for (Path scenario : scenarios) {
            for (InputReader.Input input : InputReader.read(scenario, LbpFixture.knowledgeBase())) {
                JsonNode json = JSON.readTree(EpisodeResultJson.toJson(kb.evaluate(input.input())));
                assertEquals(List.of(), problems(json), scenario.toString());
            }
        }
    }

    @Test
    void theSchemaRejectsWhatItShould() throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(EpisodeResultJson.toJson(LbpFixture.knowledgeBase().evaluate(
                InputReader.read(Path.of("src/test/resources/fixture/facts/fixture-lbp/recommendations/imaging-mri-proposed-triggers-04.yaml"), LbpFixture.knowledgeBase()).get(0).input())));
        assertEquals("IN_SCOPE", json.at("/scope/status").asText());
        assertEquals("2026-03-10", json.get("asOf").asText(), "a date as ISO text, not Jackson's array");
        json.remove("scope");
        ((ObjectNode) json.at("/recommendations/3")).put("strength", "WEAK");
        ((ArrayNode) json.at("/recommendations/3/triggeredBy")).add("mri");
        json.put("extra", 1);
        ((ObjectNode) json.get("guideline")).put("version", 1.0);
        assertEquals(List.of(" additionalProperties", " required", "/guideline/version type",
                "/recommendations/3/strength enum", "/recommendations/3/triggeredBy/1 pattern"),
                problems(json).stream().sorted().toList());

        // a folder without a descriptor: the guideline's unknown fields are null, which the schema allows
        EpisodeResult undescribed = new EpisodeResult("p", "e", java.time.LocalDate.of(2026, 3, 10),
                ScopeStatus.UNDETERMINED, java.util.Set.of("MISSING_AGE"), List.of(), List.of(), "sha256:0123456789ab",
                io.guidelinekb.model.Guideline.undescribed("local-rules"));
        JsonNode plain = JSON.readTree(EpisodeResultJson.toJson(undescribed));
        assertTrue(plain.at("/guideline/version").isNull(), plain.toString());
        assertEquals(List.of(), problems(plain));
    }

    @Test
    void theSchemasCodesAreTheModels() throws Exception {
        JsonNode schema = JSON.readTree(Path.of("docs/result.schema.json").toFile());
        assertEquals(names(ScopeStatus.values()), texts(schema.at("/properties/scope/properties/status/enum")));
        assertEquals(Arrays.stream(Review.Status.values()).map(Review.Status::code).toList(),
                texts(schema.at("/$defs/review/properties/status/enum")));
        for (var section : List.of(io.guidelinekb.model.Vocabulary.Section.SCOPE_REASONS,
                io.guidelinekb.model.Vocabulary.Section.INTERVENTIONS)) {
            String pattern = schema.at("/$defs/" + (section == io.guidelinekb.model.Vocabulary.Section.INTERVENTIONS
                    ? "intervention" : "scopeReason") + "/pattern").asText();
            LbpFixture.vocabulary().terms(section).keySet().forEach(id -> assertTrue(id.matches(pattern), id));
        }
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

    /** What a JSON Schema 2020-12 validator finds wrong: each problem as where, keyword and message. */
    static List<String> problems(JsonNode json) throws Exception {
        Schema schema = SchemaRegistry.withDefaultDialect(Dialects.getDraft202012())
                .getSchema(Files.readString(Path.of("docs/result.schema.json")), InputFormat.JSON);
        return schema.validate(json).stream().map(e -> e.getInstanceLocation() + " " + e.getKeyword()).toList();
    }
}
