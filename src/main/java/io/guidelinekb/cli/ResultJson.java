package io.guidelinekb.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.EpisodeResult;
import io.guidelinekb.model.Alert;
import io.guidelinekb.model.Recommendation;
import io.guidelinekb.scenario.InputReader;
import java.util.List;

/** The full result as JSON: everything {@link EpisodeResult} holds, with symbols beside codes. */
final class ResultJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultJson() {
    }

    static String write(List<InputReader.Input> inputs, List<EpisodeResult> results) {
        ArrayNode array = MAPPER.createArrayNode();
        for (int i = 0; i < results.size(); i++) {
            ObjectNode node = array.addObject();
            node.put("source", inputs.get(i).source());
            if (inputs.get(i).name() != null) {
                node.put("name", inputs.get(i).name());
            }
            if (results.get(i) == null) {
                node.putNull("episodeId");
                ArrayNode decisions = node.putArray("fhirDecisions");
                inputs.get(i).decisions().forEach(decisions::add);
                continue;
            }
            node.setAll(toJson(results.get(i)));
        }
        try {
            return MAPPER.writeValueAsString(array);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }

    static ObjectNode toJson(EpisodeResult result) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("patientId", result.patientId());
        node.put("episodeId", result.episodeId());
        node.put("asOf", result.asOf().toString());
        node.put("knowledgeBaseVersion", result.knowledgeBaseVersion());
        ObjectNode scope = node.putObject("scope");
        scope.put("status", result.status().name());
        ArrayNode reasons = scope.putArray("reasons");
        result.reasons().forEach(reason -> reasons.add(reason.name()));
        ArrayNode alerts = node.putArray("alerts");
        for (Alert alert : result.alerts()) {
            alerts.addObject().put("textDa", alert.textDa()).put("textEn", alert.textEn());
        }
        ArrayNode recommendations = node.putArray("recommendations");
        result.recommendations().forEach(r -> recommendations.add(toJson(r)));
        return node;
    }

    private static ObjectNode toJson(Recommendation r) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", r.id());
        node.put("strength", r.strength().name());
        node.put("strengthSymbol", r.strength().symbol());
        node.put("evidence", r.evidence().name());
        node.put("evidenceSymbol", r.evidence().symbol());
        node.put("section", r.section());
        node.put("textDa", r.textDa());
        node.put("textEn", r.textEn());
        node.put("triggered", r.triggered());
        ArrayNode triggeredBy = node.putArray("triggeredBy");
        r.triggeredBy().forEach(intervention -> triggeredBy.add(intervention.name()));
        ArrayNode against = node.putArray("triggeredAgainst");
        r.triggeredAgainst().forEach(intervention -> against.add(intervention.name()));
        ArrayNode with = node.putArray("triggeredWith");
        r.triggeredWith().forEach(intervention -> with.add(intervention.name()));
        node.putObject("provenance")
                .put("rule", r.provenance().rule())
                .put("file", r.provenance().file())
                .put("knowledgeBaseVersion", r.provenance().knowledgeBaseVersion());
        return node;
    }
}
