package io.guidelinekb.cli;

import io.guidelinekb.model.Language;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.guidelinekb.util.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ParseResult;

/**
 * {@code serve --config FILE}: every option of {@code serve} (and {@code --rules}, {@code --guideline})
 * by its name without the dashes, in YAML. A flag on the command line wins over the file; a key the
 * file should not have is an error naming it and its line. Relative paths are read from the file's
 * folder, so that a mounted configuration means the same wherever the service starts.
 */
final class ServeConfig {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final List<String> KEYS = List.of("rules", "guideline", "port", "host", "lang", "trust", "public-url",
            "fhir-server-allow", "cors-origin", "audit", "scenarios", "no-auth", "log-format", "connections-per-client",
            "fetch-deadline-ms", "fetching-at-once", "reload", "release", "shadow");

    private ServeConfig() {
    }

    static void apply(Path file, ServeCommand serve, ParseResult given, ParseResult parentGiven) throws InvalidInputException {
        Map<String, JsonNode> values = read(file);
        Path folder = file.toAbsolutePath().getParent();
        for (Map.Entry<String, JsonNode> entry : values.entrySet()) {
            String key = entry.getKey();
            String flag = "--" + key;
            if (given.hasMatchedOption(flag) || parentGiven != null && parentGiven.hasMatchedOption(flag)) {
                continue;   // the command line wins
            }
            JsonNode value = entry.getValue();
            String where = file + ": " + key;
            switch (key) {
                case "rules" -> serve.parent.rules = folder.resolve(text(value, where));
                case "guideline" -> serve.parent.guideline = text(value, where);
                case "port" -> serve.port = number(value, where);
                case "host" -> serve.host = text(value, where);
                case "lang" -> serve.language = language(value, where);
                case "trust" -> serve.trust = texts(value, where).stream().map(t -> withFolder(t, folder)).toList();
                case "public-url" -> serve.publicUrl = text(value, where);
                case "fhir-server-allow" -> serve.fhirServers = texts(value, where);
                case "cors-origin" -> serve.corsOrigins = texts(value, where);
                case "audit" -> serve.audit = folder.resolve(text(value, where));
                case "scenarios" -> serve.scenarios = texts(value, where).stream().map(folder::resolve).toList();
                case "no-auth" -> serve.noAuth = bool(value, where);
                case "log-format" -> serve.logFormat = logFormat(value, where);
                case "connections-per-client" -> serve.connectionsPerClient = number(value, where);
                case "fetch-deadline-ms" -> serve.fetchDeadlineMillis = number(value, where);
                case "fetching-at-once" -> serve.fetchingAtOnce = number(value, where);
                case "reload" -> serve.reload = bool(value, where);
                case "release" -> serve.release = folder.resolve(text(value, where));
                case "shadow" -> serve.shadow = folder.resolve(text(value, where));
                default -> throw new IllegalStateException(key);
            }
        }
    }

    /** The file's top-level keys and values, each checked to be one {@code serve} knows. */
    private static Map<String, JsonNode> read(Path file) throws InvalidInputException {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        try (JsonParser parser = YAML.getFactory().createParser(Files.newBufferedReader(file))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidInputException(file + ": expected a map of serve's options (port: 8080, trust: [...])");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonLocation at = parser.currentTokenLocation();
                if (!KEYS.contains(key)) {
                    throw new InvalidInputException(file + ":" + at.getLineNr() + ": unknown key \"" + key + "\""
                            + io.guidelinekb.util.Spelling.didYouMean(key, KEYS, "") + "; known: " + String.join(", ", KEYS));
                }
                parser.nextToken();
                if (values.put(key, YAML.readTree(parser)) != null) {
                    throw new InvalidInputException(file + ":" + at.getLineNr() + ": " + key + " is given twice");
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException(file + ": " + (Files.exists(file) ? "not YAML: " + e.getMessage()
                    .lines().findFirst().orElse("") : "no such file"));
        }
        return values;
    }

    private static String text(JsonNode value, String where) throws InvalidInputException {
        if (value == null || !value.isValueNode() || value.isNull()) {
            throw new InvalidInputException(where + ": expected a value");
        }
        return value.asText();
    }

    private static int number(JsonNode value, String where) throws InvalidInputException {
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new InvalidInputException(where + ": expected a whole number");
        }
        return value.asInt();
    }

    private static boolean bool(JsonNode value, String where) throws InvalidInputException {
        if (value == null || !value.isBoolean()) {
            throw new InvalidInputException(where + ": expected true or false");
        }
        return value.asBoolean();
    }

    private static List<String> texts(JsonNode value, String where) throws InvalidInputException {
        List<String> texts = new ArrayList<>();
        if (value != null && value.isArray()) {
            for (JsonNode item : value) {
                texts.add(text(item, where));
            }
            return texts;
        }
        texts.add(text(value, where));
        return texts;
    }

    private static Language language(JsonNode value, String where) throws InvalidInputException {
        try {
            return Language.of(text(value, where));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(where + ": expected da or en");
        }
    }

    private static ServeCommand.LogFormat logFormat(JsonNode value, String where) throws InvalidInputException {
        try {
            return ServeCommand.LogFormat.valueOf(text(value, where));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(where + ": expected text or json");
        }
    }

    /** ISSUER=FILE with the file read from the configuration's folder; a URL stays as it is. */
    private static String withFolder(String trust, Path folder) {
        int url = Math.max(trust.lastIndexOf("=https://"), trust.lastIndexOf("=http://"));
        int equals = trust.lastIndexOf('=');
        if (url > 0 || equals <= 0) {
            return trust;
        }
        return trust.substring(0, equals + 1) + folder.resolve(trust.substring(equals + 1));
    }
}
