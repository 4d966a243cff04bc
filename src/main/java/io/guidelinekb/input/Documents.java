package io.guidelinekb.input;

import io.guidelinekb.util.InvalidInputException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.util.SyntaxMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** Parses YAML and JSON text into a tree, turning syntax errors into located messages. */
public final class Documents {

    // A key given twice is an error, and content after the first document or object (a second patient
    // in a file would never be evaluated): StrictTrees.
    private Documents() {
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
            root = StrictTrees.read(text, yaml);
        } catch (JsonProcessingException e) {
            // a one-line record is already located by its line in the stream: add the column only
            String at = text.contains("\n") ? located(e.getLocation()) : column(e.getLocation());
            throw new InvalidInputException(source + at + ": syntax error: "
                    + SyntaxMessage.readable(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidInputException(source + ": cannot read: " + e.getMessage());
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
