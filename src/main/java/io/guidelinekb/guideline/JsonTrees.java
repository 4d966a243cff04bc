package io.guidelinekb.guideline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Trees of a data file read and written with Jackson's streaming parser and generator, giving what
 * {@code ObjectMapper.readTree} and {@code writeValueAsBytes} give (the test compares them). Making
 * an {@code ObjectMapper} is a fifth of a library user's start from the jar's compiled rules (about
 * 250 ms in a fresh JVM); reading four small files needs none of it.
 */
final class JsonTrees {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() {
    }

    /** The first value of the input as a tree, a missing node when there is none; later values are ignored. */
    static JsonNode read(JsonParser parser) throws IOException {
        return read(parser, null);
    }

    /**
     * {@link #read(JsonParser)}, putting into {@code where} (when not null) the line and column of every
     * value by its JSON pointer, and of every key by its pointer and {@link Locations#KEY}: a tree
     * forgets where each stood, and messages need it.
     */
    static JsonNode read(JsonParser parser, Map<String, int[]> where) throws IOException {
        JsonToken first = parser.nextToken();
        return first == null ? MissingNode.getInstance() : value(parser, first, where == null ? null : "", where);
    }

    private static JsonNode value(JsonParser parser, JsonToken token, String here, Map<String, int[]> where)
            throws IOException {
        if (here != null) {
            where.put(here, location(parser));
        }
        return switch (token) {
            case START_OBJECT -> object(parser, here, where);
            case START_ARRAY -> array(parser, here, where);
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> integer(parser);
            case VALUE_NUMBER_FLOAT -> decimal(parser);
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            case VALUE_EMBEDDED_OBJECT -> embedded(parser.getEmbeddedObject());
            default -> throw new com.fasterxml.jackson.core.JsonParseException(parser, "unexpected " + token);
        };
    }

    private static ObjectNode object(JsonParser parser, String here, Map<String, int[]> where) throws IOException {
        ObjectNode node = NODES.objectNode();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = parser.currentName();
            String at = here == null ? null : here + "/" + name;
            if (at != null) {
                where.put(at + Locations.KEY, location(parser));
            }
            // a key given twice keeps its first place and its last value, as ObjectMapper reads it
            node.replace(name, value(parser, parser.nextToken(), at, where));
        }
        return node;
    }

    private static ArrayNode array(JsonParser parser, String here, Map<String, int[]> where) throws IOException {
        ArrayNode node = NODES.arrayNode();
        int index = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            node.add(value(parser, token, here == null ? null : here + "/" + index++, where));
        }
        return node;
    }

    private static int[] location(JsonParser parser) {
        return new int[] {parser.currentTokenLocation().getLineNr(), parser.currentTokenLocation().getColumnNr()};
    }

    private static JsonNode integer(JsonParser parser) throws IOException {
        return switch (parser.getNumberType()) {
            case INT -> NODES.numberNode(parser.getIntValue());
            case LONG -> NODES.numberNode(parser.getLongValue());
            default -> NODES.numberNode(parser.getBigIntegerValue());
        };
    }

    private static JsonNode decimal(JsonParser parser) throws IOException {
        return switch (parser.getNumberType()) {
            case BIG_DECIMAL -> NODES.numberNode(parser.getDecimalValue());
            case FLOAT -> NODES.numberNode(parser.getFloatValue());
            default -> NODES.numberNode(parser.getDoubleValue());
        };
    }

    private static JsonNode embedded(Object value) {
        return value instanceof byte[] bytes ? NODES.binaryNode(bytes) : NODES.pojoNode(value);
    }

    /** The tree as compact JSON in UTF-8; null when it holds a value only a data binder can write. */
    static byte[] write(JsonFactory factory, JsonNode tree) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator generator = factory.createGenerator(bytes)) {
            if (!write(generator, tree)) {
                return null;
            }
        }
        return bytes.toByteArray();
    }

    private static boolean write(JsonGenerator generator, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                generator.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    generator.writeFieldName(field.getKey());
                    if (!write(generator, field.getValue())) {
                        return false;
                    }
                }
                generator.writeEndObject();
            }
            case ARRAY -> {
                generator.writeStartArray();
                for (JsonNode element : node) {
                    if (!write(generator, element)) {
                        return false;
                    }
                }
                generator.writeEndArray();
            }
            case STRING -> generator.writeString(node.textValue());
            case BOOLEAN -> generator.writeBoolean(node.booleanValue());
            case NULL -> generator.writeNull();
            case NUMBER -> number(generator, node);
            case BINARY -> generator.writeBinary(node.binaryValue());
            case MISSING -> generator.writeNull();   // as ObjectMapper writes a file with no value
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void number(JsonGenerator generator, JsonNode node) throws IOException {
        switch (node.numberType()) {
            case INT -> generator.writeNumber(node.intValue());
            case LONG -> generator.writeNumber(node.longValue());
            case BIG_INTEGER -> generator.writeNumber(node.bigIntegerValue());
            case FLOAT -> generator.writeNumber(node.floatValue());
            case BIG_DECIMAL -> generator.writeNumber(node.decimalValue());
            default -> generator.writeNumber(node.doubleValue());
        }
    }
}
