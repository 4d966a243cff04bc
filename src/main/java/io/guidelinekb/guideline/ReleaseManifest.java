package io.guidelinekb.guideline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.model.RuleLoadException;
import io.guidelinekb.model.RuleProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A release of the rules: a folder holding {@code release.json} and the rules as released under
 * {@code rules/}. The manifest names the knowledge base's content hash, the release's date, every
 * file with its SHA-256, the scenarios it passed and the release before it. A release loads only
 * when every file is there with its digest and no other file is: what was reviewed is what serves.
 *
 * @param knowledgeBaseVersion the content hash of the rules, {@code sha256:…}
 * @param date                 the release's date, {@code YYYY-MM-DD}
 * @param guidelines           each guideline's id, version and standing, as its guideline.yaml says
 * @param files                every file under {@code rules/} by its path there, with its SHA-256
 * @param scenarios            how many scenarios passed, and the files they came from
 * @param previous             the release before it in the same folder, or {@code null}
 */
public record ReleaseManifest(String knowledgeBaseVersion, String date, JsonNode guidelines, Map<String, String> files,
                              JsonNode scenarios, String previous) {

    /** The manifest's file name in a release folder. */
    public static final String FILE = "release.json";
    /** The folder of the released rules in a release folder. */
    public static final String RULES = "rules";

    private static final ObjectMapper JSON = new ObjectMapper();

    public ReleaseManifest {
        files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
    }

    /** The SHA-256 of every file under {@code rules}, by its path there ({@code nkr-lbp-2016/04-imaging.drl}). */
    public static Map<String, String> digests(Path rules) throws IOException {
        Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(rules)) {
            for (Path file : walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                digests.put(rules.relativize(file).toString().replace(java.io.File.separatorChar, '/'), sha256(file));
            }
        }
        return digests;
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Writes the manifest into {@code release}. */
    public void write(Path release) throws IOException {
        ObjectNode root = JSON.createObjectNode().put("format", 1).put("knowledgeBaseVersion", knowledgeBaseVersion)
                .put("date", date);
        root.set("guidelines", guidelines);
        ObjectNode digests = root.putObject("files");
        files.forEach(digests::put);
        root.set("scenarios", scenarios);
        if (previous != null) {
            root.put("previous", previous);
        } else {
            root.putNull("previous");
        }
        Files.writeString(release.resolve(FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }

    /**
     * The release in {@code release}, its files checked against their digests first.
     *
     * @param release a release folder
     * @return its manifest
     * @throws RuleLoadException naming the file when the manifest cannot be read, a file is missing,
     *                           differs from its digest, or is not in the manifest
     */
    public static ReleaseManifest verified(Path release) throws RuleLoadException {
        Path manifest = release.resolve(FILE);
        JsonNode root;
        try {
            root = JSON.readTree(manifest.toFile());
        } catch (IOException e) {
            throw refused(manifest, "cannot be read as a release's manifest: " + e.getMessage());
        }
        if (root == null || root.path("format").asInt() != 1 || !root.path("files").isObject()
                || !root.path("knowledgeBaseVersion").isTextual()) {
            throw refused(manifest, "is not a release's manifest (format 1, knowledgeBaseVersion, files)");
        }
        Map<String, String> expected = new TreeMap<>();
        root.get("files").fields().forEachRemaining(f -> expected.put(f.getKey(), f.getValue().asText()));
        Map<String, String> found;
        try {
            found = digests(release.resolve(RULES));
        } catch (IOException e) {
            throw refused(release.resolve(RULES), "cannot be read: " + e.getMessage());
        }
        for (Map.Entry<String, String> file : expected.entrySet()) {
            String digest = found.get(file.getKey());
            if (digest == null) {
                throw refused(release.resolve(RULES).resolve(file.getKey()), "is in the release's manifest but not in the release");
            }
            if (!digest.equals(file.getValue())) {
                throw refused(release.resolve(RULES).resolve(file.getKey()), "is not the file that was released (its SHA-256 "
                        + "is " + digest.substring(0, 12) + "…, the manifest's " + file.getValue().substring(0, Math.min(12,
                        file.getValue().length())) + "…)");
            }
        }
        for (String file : found.keySet()) {
            if (!expected.containsKey(file)) {
                throw refused(release.resolve(RULES).resolve(file), "is not in the release's manifest: a file added after "
                        + "the release was made");
            }
        }
        return new ReleaseManifest(root.get("knowledgeBaseVersion").asText(), root.path("date").asText(),
                root.path("guidelines"), expected, root.path("scenarios"),
                root.path("previous").isTextual() ? root.get("previous").asText() : null);
    }

    private static RuleLoadException refused(Path file, String message) {
        return new RuleLoadException(List.of(RuleProblem.error(file.toString(), 0, 0, message)));
    }
}
