package io.guidelinekb.guideline;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.guidelinekb.model.RuleProblem;
import io.guidelinekb.model.Guideline;
import io.guidelinekb.model.Review;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads what a guideline folder's {@code guideline.yaml} says the guideline is:
 * <pre>
 * id: nkr-lbp-2016                 # the folder's name
 * title: {da: …, en: …}
 * publisher: Sundhedsstyrelsen
 * published: 2016-06-20            # or 2016-06
 * version: "1.0"
 * source: https://…
 * review:                          # optional; current when left out
 *   status: under-review           # current | under-review | superseded | withdrawn
 *   note: {da: …, en: …}
 *   link: https://…
 * recommendations:                 # optional: a recommendation's own standing
 *   NKR-LBP-08:
 *     review: {status: under-review, note: {da: …, en: …}, link: https://…}
 * </pre>
 * Every problem names the file, line and column of the value.
 */
public final class GuidelineDescriptor {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern PUBLISHED = Pattern.compile("\\d{4}-\\d{2}(-\\d{2})?");
    private static final Set<String> TOP_KEYS = Set.of("id", "title", "publisher", "published", "version", "source", "sourceText",
            "review", "recommendations", "cards", "report");
    private static final Set<String> REVIEW_KEYS = Set.of("status", "note", "link");

    /** The descriptor read, the file as a tree (for the words of cards and reports), and every problem found. */
    public record Result(Guideline guideline, JsonNode tree, List<RuleProblem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    private final String file;
    private final Map<String, int[]> where;
    private final List<RuleProblem> problems = new ArrayList<>();

    private GuidelineDescriptor(String file, Map<String, int[]> where) {
        this.file = file;
        this.where = where;
    }

    /**
     * Reads a descriptor from its file's content; {@code folder} is the guideline folder's name, which
     * the id must repeat, {@code declared} the recommendation ids its rules declare (the only ones it
     * may speak of), and {@code file} names the file in messages.
     */
    public static Result read(byte[] content, String file, String folder, Set<String> declared) {
        JsonNode tree;
        Map<String, int[]> where;
        try {
            DataFiles.Parsed parsed = DataFiles.parsed(content, file);
            tree = parsed.tree();
            where = parsed.where();
        } catch (IOException | DataFiles.MissingYamlException e) {
            return new Result(Guideline.undescribed(folder), null, List.of(DataFiles.problemReading(e, file)));
        }
        if (tree == null || !tree.isObject()) {
            return new Result(Guideline.undescribed(folder), null, List.of(RuleProblem.error(file, 1, 1,
                    "expected a mapping with id, title, publisher, published, version and source")));
        }
        GuidelineDescriptor reader = new GuidelineDescriptor(file, where);
        Guideline guideline = reader.guideline(tree, folder);
        reader.unknownRecommendations(tree, declared);
        return reader.problems.isEmpty() ? new Result(guideline, tree, List.of())
                : new Result(Guideline.undescribed(folder), null, reader.problems);
    }

    private Guideline guideline(JsonNode root, String folder) {
        root.fieldNames().forEachRemaining(key -> {
            if (!TOP_KEYS.contains(key)) {
                problem("/" + key + Locations.KEY, "unknown key \"" + key + "\"; allowed: " + sorted(TOP_KEYS));
            }
        });
        String id = text(root, "/id");
        if (id != null && !ID.matcher(id).matches()) {
            problem("/id", "\"" + id + "\" is not an id: use lower-case letters, digits and -");
        } else if (id != null && !folder.isEmpty() && !id.equals(folder)) {
            problem("/id", "is \"" + id + "\" but the folder is " + folder + "; the id names the folder");
        }
        String titleDa = text(root, "/title/da");
        String titleEn = text(root, "/title/en");
        String publisher = text(root, "/publisher");
        String published = text(root, "/published");
        if (published != null && !PUBLISHED.matcher(published).matches()) {
            problem("/published", "\"" + published + "\" is not a date: write 2016-06-20 or 2016-06");
        }
        String version = text(root, "/version");
        String source = url(root, "/source", true);
        Review review = root.has("review") ? review(root.path("review"), "/review") : Review.CURRENT;
        Map<String, Review> reviews = new LinkedHashMap<>();
        root.path("recommendations").fields().forEachRemaining(entry -> {
            String path = "/recommendations/" + entry.getKey();
            entry.getValue().fieldNames().forEachRemaining(key -> {
                if (!key.equals("review")) {
                    problem(path + "/" + key + Locations.KEY, "unknown key \"" + key + "\"; allowed: review");
                }
            });
            if (entry.getValue().has("review")) {
                reviews.put(entry.getKey(), review(entry.getValue().path("review"), path + "/review"));
            }
        });
        return problems.isEmpty()
                ? new Guideline(id, titleDa, titleEn, publisher, published, version, source, review, reviews)
                : Guideline.undescribed(folder);
    }

    /** Where the descriptor names a recommendation that no rule of its folder declares. */
    private void unknownRecommendations(JsonNode root, Set<String> declared) {
        root.path("recommendations").fieldNames().forEachRemaining(id -> {
            if (!declared.contains(id)) {
                // ids differ by a digit, so a "did you mean" would guess: list them instead
                problem("/recommendations/" + id + Locations.KEY, "no rule of this guideline declares " + id + "; declared: "
                        + sorted(declared));
            }
        });
    }

    private Review review(JsonNode node, String path) {
        if (!node.isObject()) {
            problem(path, "expected a mapping with status, note and link");
            return Review.CURRENT;
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!REVIEW_KEYS.contains(key)) {
                problem(path + "/" + key + Locations.KEY, "unknown key \"" + key + "\"; allowed: " + sorted(REVIEW_KEYS));
            }
        });
        String code = text(node, path, "/status");
        Review.Status status = code == null ? null : Review.Status.ofCode(code);
        if (code != null && status == null) {
            problem(path + "/status", "\"" + code + "\" is not a status; allowed: " + Arrays.stream(Review.Status.values())
                    .map(Review.Status::code).collect(Collectors.joining(", ")));
        }
        boolean current = status == Review.Status.CURRENT;
        String noteDa = current && !node.has("note") ? null : text(node, path, "/note/da");
        String noteEn = current && !node.has("note") ? null : text(node, path, "/note/en");
        String link = node.has("link") ? url(node, path, "/link") : null;
        return status == null ? Review.CURRENT : new Review(status, noteDa, noteEn, link);
    }

    private String text(JsonNode root, String pointer) {
        return text(root, "", pointer);
    }

    /** The text at {@code pointer} under {@code node}, which stands at {@code base} in the file. */
    private String text(JsonNode node, String base, String pointer) {
        JsonNode value = node.at(pointer);
        if (value.isMissingNode() || value.isNull()) {
            problem(parentOf(base + pointer), "missing " + (base + pointer).substring(1).replace('/', '.'));
            return null;
        }
        if (!value.isValueNode() || value.asText().isBlank()) {
            problem(base + pointer, (base + pointer).substring(1).replace('/', '.') + ": expected text");
            return null;
        }
        return value.asText();
    }

    private String url(JsonNode root, String pointer, boolean required) {
        return required || root.has(pointer.substring(1)) ? url(root, "", pointer) : null;
    }

    private String url(JsonNode node, String base, String pointer) {
        String text = text(node, base, pointer);
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if (uri.isAbsolute() && uri.getHost() != null && (text.startsWith("https://") || text.startsWith("http://"))) {
                return text;
            }
        } catch (java.net.URISyntaxException e) {
            // said below
        }
        problem(base + pointer, "\"" + text + "\" is not a web address: write https://…");
        return null;
    }

    /** The nearest element the file has, so that a missing key is blamed on its parent. */
    private String parentOf(String pointer) {
        String at = pointer;
        while (!at.isEmpty() && !where.containsKey(at)) {
            at = at.substring(0, at.lastIndexOf('/'));
        }
        return at;
    }

    private void problem(String pointer, String message) {
        int[] at = where.getOrDefault(pointer, where.getOrDefault(parentOf(pointer), new int[] {1, 1}));
        problems.add(RuleProblem.error(file, at[0], at[1], message));
    }

    private static String sorted(Set<String> keys) {
        return keys.stream().sorted().collect(Collectors.joining(", "));
    }


}
