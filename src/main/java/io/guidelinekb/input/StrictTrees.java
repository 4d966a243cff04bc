package io.guidelinekb.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.guidelinekb.util.JsonTreeReader;
import java.io.IOException;

/** A document given as input, read strictly as JSON or YAML, with no {@code ObjectMapper} made. */
final class StrictTrees {

    private static final JsonFactory JSON = new JsonFactory();
    // YAML's yes/no/on/off are words, not booleans
    private static final JsonFactory YAML = YAMLFactory.builder()
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS).build();

    private StrictTrees() {
    }

    /** The one value of {@code text}, a missing node when it holds none ({@link JsonTreeReader#readStrictly}). */
    static JsonNode read(String text, boolean yaml) throws IOException {
        try (JsonParser parser = (yaml ? YAML : JSON).createParser(text)) {
            return JsonTreeReader.readStrictly(parser);
        }
    }
}
