package io.guidelinekb.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;

/**
 * A document's tree as Jackson's streaming parser reads it, strictly: a key given twice and content
 * after the first value are errors, worded as {@code ObjectMapper} words them with its
 * {@code FAIL_ON_READING_DUP_TREE_KEY} and {@code FAIL_ON_TRAILING_TOKENS} (the test compares the two).
 * Making an {@code ObjectMapper} reads the JDK's locale data, a tenth of the CPU of a short command;
 * reading a tree needs none of it.
 */
final class StrictTrees {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonFactory JSON = new JsonFactory();
    // YAML's yes/no/on/off are words, not booleans
    private static final JsonFactory YAML = YAMLFactory.builder()
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS).build();

    private StrictTrees() {
    }

    /** The one value of {@code text}, a missing node when it holds none. */
    static JsonNode read(String text, boolean yaml) throws IOException {
        try (JsonParser parser = (yaml ? YAML : JSON).createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return MissingNode.getInstance();
            }
            JsonNode root = value(parser, first);
            JsonToken after = parser.nextToken();
            if (after != null) {
                throw new JsonParseException(parser, "Trailing token (of type " + after + ") found after value (bound as `"
                        + JsonNode.class.getName() + "`): not allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`",
                        parser.currentTokenLocation());
            }
            return root;
        }
    }

    private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
                    ? NODES.numberNode(parser.getDecimalValue()) : NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            case VALUE_EMBEDDED_OBJECT -> parser.getEmbeddedObject() instanceof byte[] bytes ? NODES.binaryNode(bytes)
                    : NODES.pojoNode(parser.getEmbeddedObject());
            default -> throw new JsonParseException(parser, "Unexpected token (" + token + ")", parser.currentTokenLocation());
        };
    }

    private static ObjectNode object(JsonParser parser) throws IOException {
        ObjectNode node = NODES.objectNode();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken first = parser.nextToken();
            // located where the second value starts, as the mapper locates it
            com.fasterxml.jackson.core.JsonLocation at = parser.currentTokenLocation();
            if (node.replace(name, value(parser, first)) != null) {
                throw new JsonParseException(parser, "Duplicate field '" + name + "' for `ObjectNode`: not allowed when "
                        + "`DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY` enabled", at);
            }
        }
        return node;
    }

    private static ArrayNode array(JsonParser parser) throws IOException {
        ArrayNode node = NODES.arrayNode();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            node.add(value(parser, token));
        }
        return node;
    }
}
