package io.guidelinekb.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.EpisodeResultJson;
import java.util.List;

/** The results of {@code evaluate --format json}: each result's JSON with the file it came from. */
public final class ResultJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultJson() {
    }

    public static String write(List<InputReader.Input> inputs, List<EpisodeResult> results) {
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
            node.setAll(io.guidelinekb.engine.ResultTree.of(results.get(i)));
        }
        try {
            return MAPPER.writeValueAsString(array);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }
}
