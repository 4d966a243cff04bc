package io.guidelinekb.input;

import io.guidelinekb.util.InvalidInputException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.guidelinekb.util.SyntaxMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** Parses YAML and JSON text into a tree, turning syntax errors into located messages. */
public final class Documents {

    // A key given twice is an error. Checked as the tree is built: the parser's own check keeps a
    // second set of names per object, a tenth of the time of reading a batch record.
    // Content after the first document or object is an error, not silently dropped (a second
    // patient in a file would never be evaluated). YAML's yes/no/on/off are words, not booleans.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS).build())
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Documents() {
    }

    /**
     * Nothing but this class's initialisation, the mappers': call it on another thread while rules load
     * (making an ObjectMapper reads the JDK's locale data, a twentieth of a short command's run).
     */
    public static void ready() {
        // the class is initialised by now
    }

    public static boolean isYaml(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    public static boolean isJson(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    public static boolean isRecordStream(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".ndjson") || name.endsWith(".jsonl");
    }

    public static String readText(Path file) throws InvalidInputException {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return Utf8.decode(bytes, 0, bytes.length, file.toString(), true);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** The mapping at the top of a YAML or JSON document; {@code source} names it in messages. */
    public static ObjectNode parseObject(String text, boolean yaml, String source, String expected)
            throws InvalidInputException {
        JsonNode root;
        try {
            root = (yaml ? YAML : JSON).readTree(text);
        } catch (JsonProcessingException e) {
            // a one-line record is already located by its line in the stream: add the column only
            String at = text.contains("\n") ? located(e.getLocation()) : column(e.getLocation());
            throw new InvalidInputException(source + at + ": syntax error: "
                    + SyntaxMessage.readable(e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new InvalidInputException(source + ": empty; expected a mapping with " + expected);
        }
        if (!root.isObject()) {
            throw new InvalidInputException(source + ": expected a mapping with " + expected + ", got "
                    + Fields.describe(root));
        }
        return (ObjectNode) root;
    }

    private static String column(JsonLocation location) {
        return location == null || location.getColumnNr() <= 0 ? "" : ":" + location.getColumnNr();
    }

    private static String located(JsonLocation location) {
        if (location == null || location.getLineNr() <= 0) {
            return "";
        }
        return ":" + location.getLineNr() + (location.getColumnNr() > 0 ? ":" + location.getColumnNr() : "");
    }
}
