package io.guidelinekb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guidelinekb.engine.ResultTree;
import io.guidelinekb.model.EpisodeResult;

/**
 * A result as JSON, in the shape the command line writes ({@code evaluate --format json}) and
 * {@code docs/result.schema.json} describes: everything an {@link EpisodeResult} holds, dates as
 * ISO text, codes with their symbols beside them.
 */
public final class EpisodeResultJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EpisodeResultJson() {
    }

    /**
     * The result as one line of JSON.
     *
     * @param result the result
     * @return its JSON, as {@code docs/result.schema.json} describes
     */
    public static String toJson(EpisodeResult result) {
        try {
            return MAPPER.writeValueAsString(ResultTree.of(result));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }
}
