package io.guidelinekb.guideline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Trees of a data file written with Jackson's streaming generator, giving what
 * {@code writeValueAsBytes} gives (the test compares them); {@link io.guidelinekb.util.JsonTreeReader}
 * reads them. Making an {@code ObjectMapper} is a fifth of a library user's start from the jar's
 * compiled rules (about 250 ms in a fresh JVM); four small files need none of it.
 */
final class JsonTrees {

    private JsonTrees() {
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
