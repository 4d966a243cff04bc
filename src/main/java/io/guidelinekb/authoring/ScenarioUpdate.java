package io.guidelinekb.authoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.input.Documents;
import io.guidelinekb.model.Recommendation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Rewrites a scenario's expectations to what the rules now give, for {@code test --update}: only
 * the {@code expect} keys the file already has, in its own style. YAML is edited line by line, so
 * every other line and comment stays as it was; JSON (which has no comments) is rewritten in order.
 */
public final class ScenarioUpdate {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern KEY = Pattern.compile("^(\\s*)(\\w+):(\\s*)(.*?)(\\s+#.*)?$");
    private static final List<String> DETAIL_KEYS = List.of("strength", "evidence", "triggeredBy", "against", "with");

    private ScenarioUpdate() {
    }

    /** The file's new text, or {@code null} when it cannot be updated this way (then it is left alone). */
    public static String updated(Path file, EpisodeResult result) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return Documents.isJson(file) ? json(text, result) : yaml(text, result);
    }

    /** The values of every expect key for {@code result}, as text, in the file's vocabulary. */
    private static Map<String, Object> actual(EpisodeResult result) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("scope", result.status().name());
        values.put("reasons", List.copyOf(result.reasons()));
        values.put("recommendations", result.recommendations().stream().map(Recommendation::id).toList());
        values.put("triggered", ids(result.recommendations(), Recommendation::triggered));
        values.put("triggeredAgainst", ids(result.recommendations(), Recommendation::triggeredAgainstIt));
        values.put("triggeredWith", ids(result.recommendations(), r -> !r.triggeredWith().isEmpty()));
        values.put("episodeId", result.episodeId());
        return values;
    }

    private static List<String> ids(List<Recommendation> recommendations, java.util.function.Predicate<Recommendation> p) {
        return recommendations.stream().filter(p).map(Recommendation::id).toList();
    }

    private static Map<String, Object> details(Recommendation r) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("strength", r.strength().name());
        details.put("evidence", r.evidence().name());
        details.put("triggeredBy", names(r.triggeredBy()));
        details.put("against", names(r.triggeredAgainst()));
        details.put("with", names(r.triggeredWith()));
        return details;
    }

    private static List<String> names(Set<String> values) {
        return List.copyOf(values);
    }

    private static String yaml(String text, EpisodeResult result) {
        String[] lines = text.split("\n", -1);
        int expect = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("expect:")) {
                expect = i;
            }
        }
        if (expect < 0 || !lines[expect].strip().equals("expect:")) {
            return null;   // a flow-style expect: rewriting it would lose its layout
        }
        Map<String, Object> values = actual(result);
        List<String> out = new ArrayList<>(List.of(lines).subList(0, expect + 1));
        int i = expect + 1;
        while (i < lines.length && (lines[i].isBlank() || lines[i].startsWith(" ") || lines[i].startsWith("#"))) {
            Matcher key = KEY.matcher(lines[i]);
            if (!key.matches() || !values.containsKey(key.group(2)) || key.group(1).length() == 0) {
                out.add(lines[i++]);
                continue;
            }
            String name = key.group(2);
            String comment = key.group(5) == null ? "" : key.group(5);
            Object value = values.get(name);
            if (!key.group(4).isEmpty()) {
                boolean wrapped = key.group(4).startsWith("[") && !key.group(4).contains("]");
                if (!wrapped && sameMeaning(name, key.group(4), value)) {
                    out.add(lines[i++]);   // unchanged: the author's spelling and layout stay
                    continue;
                }
                out.add(key.group(1) + name + ":" + key.group(3) + flow(value) + comment);
                i++;
                if (key.group(4).startsWith("[") && !key.group(4).contains("]")) {
                    // a flow list wrapped over several lines: its continuation goes with it
                    while (i < lines.length && !lines[i - 1].contains("]")) {
                        i++;
                    }
                }
                continue;
            }
            out.add(lines[i++]);
            int start = i;
            while (i < lines.length && indent(lines[i]) > key.group(1).length() && !lines[i].isBlank()) {
                i++;
            }
            out.addAll(block(List.of(lines).subList(start, i), value, result, key.group(1) + "  "));
        }
        out.addAll(List.of(lines).subList(i, lines.length));
        return String.join("\n", out);
    }

    /** A block list rewritten: items kept in their form (an id alone, or a mapping with details) where they still hold. */
    private static List<String> block(List<String> old, Object value, EpisodeResult result, String indent) {
        @SuppressWarnings("unchecked")
        List<String> ids = (List<String>) value;
        Map<String, List<String>> detailedKeys = new LinkedHashMap<>();
        Map<String, String> oldLines = new LinkedHashMap<>();
        String itemIndent = old.isEmpty() ? indent + "- " : old.get(0).substring(0, old.get(0).indexOf('-') + 2);
        for (int k = 0; k < old.size(); k++) {
            String line = old.get(k).strip();
            if (line.startsWith("- id:")) {
                String id = line.substring("- id:".length()).strip();
                List<String> keys = new ArrayList<>();
                for (int j = k + 1; j < old.size() && !old.get(j).strip().startsWith("-"); j++) {
                    Matcher m = KEY.matcher(old.get(j));
                    if (m.matches() && DETAIL_KEYS.contains(m.group(2))) {
                        keys.add(m.group(2));
                        oldLines.put(id + " " + m.group(2), old.get(j));
                    }
                }
                detailedKeys.put(id, keys);
            }
        }
        List<String> out = new ArrayList<>();
        String nested = " ".repeat(itemIndent.length());
        for (String id : ids) {
            if (!detailedKeys.containsKey(id)) {
                out.add(itemIndent + id);
                continue;
            }
            out.add(itemIndent + "id: " + id);
            Map<String, Object> details = details(result.recommendation(id).orElseThrow());
            for (String key : detailedKeys.get(id)) {
                String before = oldLines.get(id + " " + key);
                Matcher m = before == null ? null : KEY.matcher(before);
                out.add(m != null && m.matches() && sameMeaning(key, m.group(4), details.get(key)) ? before
                        : nested + key + ": " + flow(details.get(key)));
            }
        }
        return out;
    }

    /**
     * Whether {@code written} (as the author wrote it: a name, the guideline's symbol, a flow list in
     * any order) already says {@code value}; then its line is left as it is.
     */
    static boolean sameMeaning(String key, String written, Object value) {
        String text = unquoted(written.strip());
        if (value instanceof Collection<?> items) {
            if (!text.startsWith("[") || !text.endsWith("]")) {
                return false;
            }
            String inner = text.substring(1, text.length() - 1).strip();
            Set<String> before = inner.isEmpty() ? Set.of() : java.util.Arrays.stream(inner.split(","))
                    .map(item -> unquoted(item.strip())).collect(Collectors.toSet());
            return before.equals(items.stream().map(String::valueOf).collect(Collectors.toSet()));
        }
        String now = String.valueOf(value);
        if (key.equals("strength")) {
            return io.guidelinekb.model.Coded.parse(io.guidelinekb.model.Strength.class, text)
                    .map(Enum::name).filter(now::equals).isPresent();
        }
        if (key.equals("evidence")) {
            return io.guidelinekb.model.Coded.parse(io.guidelinekb.model.EvidenceGrade.class, text)
                    .map(Enum::name).filter(now::equals).isPresent();
        }
        return text.equals(now);
    }

    private static String unquoted(String text) {
        boolean quoted = text.length() >= 2 && (text.startsWith("\"") && text.endsWith("\"")
                || text.startsWith("'") && text.endsWith("'"));
        return quoted ? text.substring(1, text.length() - 1) : text;
    }

    private static int indent(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    private static String flow(Object value) {
        if (value instanceof Collection<?> items) {
            return "[" + items.stream().map(String::valueOf).collect(Collectors.joining(", ")) + "]";
        }
        return String.valueOf(value);
    }

    private static String json(String text, EpisodeResult result) throws IOException {
        JsonNode root = JSON.readTree(text);
        if (!(root.path("expect") instanceof ObjectNode expect)) {
            return null;
        }
        Map<String, Object> values = actual(result);
        for (String key : new ArrayList<>(iterable(expect.fieldNames()))) {
            Object value = values.get(key);
            JsonNode before = expect.get(key);
            if (value != null && !before.isContainerNode() && sameMeaning(key, before.asText(), value)
                    || value instanceof List<?> && before.isArray() && !key.equals("recommendations")
                    && sameMeaning(key, "[" + String.join(", ", iterable(before.elements()).stream()
                    .map(JsonNode::asText).toList()) + "]", value)) {
                continue;
            }
            if (value instanceof List<?> items && key.equals("recommendations")) {
                expect.set(key, recommendations((ArrayNode) expect.get(key), result));
            } else if (value instanceof List<?> items) {
                ArrayNode array = expect.putArray(key);
                items.forEach(item -> array.add(String.valueOf(item)));
            } else if (value != null) {
                expect.put(key, String.valueOf(value));
            }
        }
        return JSON.writeValueAsString(root) + "\n";
    }

    private static ArrayNode recommendations(ArrayNode old, EpisodeResult result) {
        Map<String, Set<String>> detailed = new LinkedHashMap<>();
        Map<String, JsonNode> oldItems = new LinkedHashMap<>();
        old.forEach(item -> {
            if (item.isObject()) {
                detailed.put(item.path("id").asText(), new TreeSet<>(iterable(item.fieldNames())));
                oldItems.put(item.path("id").asText(), item);
            }
        });
        ArrayNode updated = JSON.createArrayNode();
        for (Recommendation r : result.recommendations()) {
            Set<String> keys = detailed.get(r.id());
            if (keys == null) {
                updated.add(r.id());
                continue;
            }
            ObjectNode item = updated.addObject().put("id", r.id());
            details(r).forEach((key, value) -> {
                JsonNode was = oldItems.get(r.id()).get(key);
                if (keys.contains(key) && was != null && was.isTextual() && sameMeaning(key, was.asText(), value)) {
                    item.set(key, was);
                } else if (keys.contains(key)) {
                    if (value instanceof List<?> items) {
                        ArrayNode array = item.putArray(key);
                        items.forEach(v -> array.add(String.valueOf(v)));
                    } else {
                        item.put(key, String.valueOf(value));
                    }
                }
            });
        }
        return updated;
    }

    private static <T> List<T> iterable(java.util.Iterator<T> iterator) {
        List<T> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }

}
