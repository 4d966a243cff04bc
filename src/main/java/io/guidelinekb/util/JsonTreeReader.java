package io.guidelinekb.util;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;

/**
 * Trees read with Jackson's streaming parser, giving what {@code ObjectMapper.readTree} gives (the
 * tests compare them). Making an {@code ObjectMapper} reads the JDK's locale data, a tenth of the CPU
 * of a short command; reading a tree needs none of it. The rules' data files are read as the mapper
 * reads them by default; documents given as input, as a strict mapper reads them.
 */
public final class JsonTreeReader {

    /** Suffix of a key's own place in a map of places: its pointer and this. */
    public static final String KEY = "#key";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final boolean strict;
    private final Map<String, int[]> where;

    private JsonTreeReader(boolean strict, Map<String, int[]> where) {
        this.strict = strict;
        this.where = where;
    }

    /**
     * The first value of the input as a tree, a missing node when there is none; later values are
     * ignored, and a key given twice keeps its first place and its last value. When {@code where} is not
     * null, the line and column of every value go into it by JSON pointer, and of every key by its
     * pointer and {@link #KEY}: a tree forgets where each stood, and messages need it.
     */
    public static JsonNode read(JsonParser parser, Map<String, int[]> where) throws IOException {
        JsonToken first = parser.nextToken();
        return first == null ? MissingNode.getInstance()
                : new JsonTreeReader(false, where).value(parser, first, where == null ? null : "");
    }

    /**
     * The one value of the input, a missing node when there is none. A key given twice and content
     * after the value are errors, worded and placed as a mapper with {@code FAIL_ON_READING_DUP_TREE_KEY}
     * and {@code FAIL_ON_TRAILING_TOKENS} words and places them.
     */
    public static JsonNode readStrictly(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            return MissingNode.getInstance();
        }
        JsonNode root = new JsonTreeReader(true, null).value(parser, first, null);
        JsonToken after = parser.nextToken();
        if (after != null) {
            throw new JsonParseException(parser, "Trailing token (of type " + after + ") found after value (bound as `"
                    + JsonNode.class.getName() + "`): not allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`",
                    parser.currentTokenLocation());
        }
        return root;
    }

    private JsonNode value(JsonParser parser, JsonToken token, String here) throws IOException {
        if (here != null) {
            where.put(here, location(parser));
        }
        return switch (token) {
            case START_OBJECT -> object(parser, here);
            case START_ARRAY -> array(parser, here);
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> switch (parser.getNumberType()) {
                case BIG_DECIMAL -> NODES.numberNode(parser.getDecimalValue());
                case FLOAT -> NODES.numberNode(parser.getFloatValue());
                default -> NODES.numberNode(parser.getDoubleValue());
            };
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            case VALUE_EMBEDDED_OBJECT -> parser.getEmbeddedObject() instanceof byte[] bytes ? NODES.binaryNode(bytes)
                    : NODES.pojoNode(parser.getEmbeddedObject());
            default -> throw new JsonParseException(parser, "unexpected " + token, parser.currentTokenLocation());
        };
    }

    private ObjectNode object(JsonParser parser, String here) throws IOException {
        ObjectNode node = NODES.objectNode();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = parser.currentName();
            String at = here == null ? null : here + "/" + name;
            if (at != null) {
                where.put(at + KEY, location(parser));
            }
            JsonToken first = parser.nextToken();
            // a second value is placed where it starts, as the mapper places it
            JsonLocation start = parser.currentTokenLocation();
            if (node.replace(name, value(parser, first, at)) != null && strict) {
                throw new JsonParseException(parser, "Duplicate field '" + name + "' for `ObjectNode`: not allowed when "
                        + "`DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY` enabled", start);
            }
        }
        return node;
    }

    private ArrayNode array(JsonParser parser, String here) throws IOException {
        ArrayNode node = NODES.arrayNode();
        int index = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            node.add(value(parser, token, here == null ? null : here + "/" + index++));
        }
        return node;
    }

    private static int[] location(JsonParser parser) {
        return new int[] {parser.currentTokenLocation().getLineNr(), parser.currentTokenLocation().getColumnNr()};
    }
}
