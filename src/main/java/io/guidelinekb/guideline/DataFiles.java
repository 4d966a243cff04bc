package io.guidelinekb.guideline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * A guideline folder's data files ({@code guideline} and {@code bindings}): authors write YAML, the
 * build packages JSON into the jar, so that a library user needs no YAML library. Both say the same,
 * and {@link #canonical} makes them hash the same.
 */
public final class DataFiles {

    /** The YAML dependency, optional for a library user: present for the command line and the build. */
    private static final String YAML_FACTORY = "com.fasterxml.jackson.dataformat.yaml.YAMLFactory";
    private static final JsonFactory JSON = new JsonFactory();

    private DataFiles() {
    }

    /** A YAML file's name needs a YAML parser; the build has written these as JSON for the jar. */
    public static boolean isYaml(String fileName) {
        return fileName.endsWith(".yaml") || fileName.endsWith(".yml");
    }

    /** Whether {@code fileName} is the data file {@code base}, in YAML or in JSON: {@code guideline.yaml}. */
    public static boolean is(String fileName, String base) {
        String name = fileName.substring(fileName.lastIndexOf('/') + 1);
        return name.equals(base + ".yaml") || name.equals(base + ".json");
    }

    /** The name without {@code .yaml} or {@code .json}: what the version hash sees, whichever was read. */
    public static String withoutFormat(String path) {
        return path.substring(0, path.lastIndexOf('.'));
    }

    /**
     * The parser factory for a file by its name.
     *
     * @throws MissingYamlException for a YAML file when no YAML library is on the class path
     */
    public static JsonFactory factoryFor(String fileName) {
        if (!isYaml(fileName)) {
            return JSON;
        }
        try {
            return (JsonFactory) Class.forName(YAML_FACTORY).getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new MissingYamlException(fileName);
        }
    }

    /** The file as a tree: its first value, a missing node when it has none. */
    public static JsonNode tree(byte[] content, String fileName) throws IOException {
        try (var parser = factoryFor(fileName).createParser(content)) {
            return io.guidelinekb.util.JsonTreeReader.read(parser, null);
        }
    }

    /** A data file as read: its tree, and the line and column of each key and value by JSON pointer. */
    public record Parsed(JsonNode tree, java.util.Map<String, int[]> where) {
    }

    /** What each content parsed to, by the identity of its bytes: a folder's files are hashed, then read. */
    private static final java.util.Map<byte[], Parsed> PARSED =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /**
     * The file as a tree with where each key and value stands ({@link Locations#KEY}), parsed once for
     * the same bytes: the version hash and the readers read the same files, and YAML is slow to parse.
     * The tree is shared: read it, never change it.
     */
    public static Parsed parsed(byte[] content, String fileName) throws IOException {
        Parsed known = PARSED.get(content);
        if (known != null) {
            return known;
        }
        java.util.Map<String, int[]> where = new java.util.HashMap<>();
        JsonNode tree;
        try (var parser = factoryFor(fileName).createParser(content)) {
            tree = io.guidelinekb.util.JsonTreeReader.read(parser, where);
        }
        Parsed parsed = new Parsed(tree, java.util.Collections.unmodifiableMap(where));
        PARSED.put(content, parsed);
        return parsed;
    }

    /**
     * The file's content as compact JSON, so that YAML in a folder and the JSON the build made of it
     * hash alike; the bytes as they are when they do not parse (the readers report why).
     */
    public static byte[] canonical(byte[] content, String fileName) {
        try {
            JsonNode tree = parsed(content, fileName).tree();
            byte[] written = JsonTrees.write(JSON, tree);
            return written != null ? written : new ObjectMapper().writeValueAsBytes(tree);
        } catch (IOException | MissingYamlException e) {
            return content;
        }
    }

    /**
     * Why a data file cannot be read, at the line and column its parser stopped: not valid YAML or
     * JSON, or YAML without the YAML library.
     *
     * @param e    what reading it threw: an {@link IOException} or a {@link MissingYamlException}
     * @param file the file as messages name it
     * @return the problem
     */
    public static io.guidelinekb.model.RuleProblem problemReading(Exception e, String file) {
        if (e instanceof MissingYamlException) {
            return io.guidelinekb.model.RuleProblem.error(file, 0, 0, e.getMessage().substring(file.length() + 2));
        }
        var location = e instanceof com.fasterxml.jackson.core.JsonProcessingException p ? p.getLocation() : null;
        return io.guidelinekb.model.RuleProblem.error(file, location == null ? 0 : location.getLineNr(),
                location == null ? 0 : location.getColumnNr(), "not valid " + (isYaml(file) ? "YAML" : "JSON") + ": "
                        + io.guidelinekb.util.SyntaxMessage.readable(location == null ? e.getMessage()
                        : ((com.fasterxml.jackson.core.JsonProcessingException) e).getOriginalMessage()));
    }

    /** A YAML file met without the optional YAML library. */
    public static final class MissingYamlException extends IllegalStateException {
        MissingYamlException(String fileName) {
            super(fileName + ": reading YAML needs com.fasterxml.jackson.dataformat:jackson-dataformat-yaml on the "
                    + "class path; add it, or load the rules from the class path, where the build has packaged them as JSON");
        }
    }
}
