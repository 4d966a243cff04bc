package io.guidelinekb.guideline;

import com.fasterxml.jackson.databind.JsonNode;
import io.guidelinekb.model.RuleProblem;
import io.guidelinekb.model.Vocabulary;
import io.guidelinekb.model.VocabularyBuilder;
import io.guidelinekb.model.Vocabulary.Section;
import io.guidelinekb.util.Identifiers;
import io.guidelinekb.util.Spelling;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a guideline folder's {@code vocabulary.yaml}: what the guideline talks about, by id, with
 * each entry's labels. Every problem names the file, line and column.
 */
public final class VocabularyReader {

    /** The data file's name without its format. */
    public static final String FILE = "vocabulary";

    private static final Pattern ID = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern KEY = Pattern.compile("[a-z][A-Za-z0-9]*");
    private static final Set<String> TOP_KEYS = Set.of("interventions", "redFlags", "findings", "scopeReasons", "alerts",
            "episodeFinding", "keys");
    private static final Set<String> KINDS = Set.of("exclusion", "missing");
    private static final Set<String> LEVELS = Set.of("critical", "warning");
    private static final Set<String> RESOURCE_TYPES = Set.of("Condition", "Observation");

    /**
     * The vocabulary, or the problems that prevent one.
     *
     * @param vocabulary the vocabulary; an empty one when there are problems
     * @param problems   what is wrong, at file:line:col
     */
    public record Result(Vocabulary vocabulary, List<RuleProblem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    private final String file;
    private final Map<String, int[]> where;
    private final List<RuleProblem> problems = new ArrayList<>();

    private VocabularyReader(String file, Map<String, int[]> where) {
        this.file = file;
        this.where = where;
    }

    /** A guideline folder with no vocabulary file has an empty vocabulary: every id it names is unknown. */
    public static Vocabulary empty(String guideline) {
        return Vocabulary.builder(guideline).build();
    }

    /**
     * Reads a vocabulary file.
     *
     * @param content   the file's bytes
     * @param file      the file as messages name it
     * @param guideline the guideline folder's name
     * @return the vocabulary or its problems
     */
    public static Result read(byte[] content, String file, String guideline) {
        JsonNode tree;
        Map<String, int[]> where;
        try {
            DataFiles.Parsed parsed = DataFiles.parsed(content, file);
            tree = parsed.tree();
            where = parsed.where();
        } catch (IOException | DataFiles.MissingYamlException e) {
            return new Result(empty(guideline), List.of(DataFiles.problemReading(e, file)));
        }
        if (tree == null || !tree.isObject()) {
            return new Result(empty(guideline), List.of(RuleProblem.error(file, 1, 1,
                    "expected a mapping with interventions, redFlags, findings, scopeReasons and alerts")));
        }
        VocabularyReader reader = new VocabularyReader(file, where);
        Vocabulary vocabulary = reader.vocabulary(tree, guideline);
        reader.problems.sort(java.util.Comparator.comparingInt(RuleProblem::line).thenComparingInt(RuleProblem::column));
        return new Result(reader.problems.isEmpty() ? vocabulary : empty(guideline), reader.problems);
    }

    private Vocabulary vocabulary(JsonNode root, String guideline) {
        root.fieldNames().forEachRemaining(key -> {
            if (!TOP_KEYS.contains(key)) {
                problem("/" + key + Locations.KEY, "unknown key \"" + key + "\"" + Spelling.didYouMean(key, TOP_KEYS, "")
                        + "; allowed: " + String.join(", ", TOP_KEYS.stream().sorted().toList()));
            }
        });
        VocabularyBuilder builder = Vocabulary.builder(guideline).readFrom(file);
        Set<String> seen = new HashSet<>();
        for (Section section : Section.values()) {
            JsonNode entries = root.path(section.key());
            if (entries.isMissingNode() || entries.isNull()) {
                continue;
            }
            if (!entries.isObject()) {
                problem("/" + section.key(), "expected a mapping of ids, e.g. MRI: {da: MR-scanning, en: MRI}");
                continue;
            }
            entries.fields().forEachRemaining(entry -> entry(builder, section, entry.getKey(), entry.getValue(), seen));
        }
        Vocabulary draft = builder.build();
        redFlagReferences(draft);
        episodeFinding(root, draft, builder);
        keys(root.path("keys"), draft, builder);
        return builder.build();
    }

    private void entry(VocabularyBuilder builder, Section section, String id, JsonNode value, Set<String> seen) {
        String path = "/" + section.key() + "/" + id;
        if (!ID.matcher(id).matches()) {
            problem(path + Locations.KEY, "\"" + id + "\" is not an id: write it in UPPER_SNAKE case, e.g. "
                    + id.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_"));
            return;
        }
        if (section == Section.SCOPE_REASONS && id.startsWith(Vocabulary.RED_FLAG_REASON)) {
            problem(path + Locations.KEY, id + ": a red flag gives its own reason RED_FLAG_<ID>; add the flag under "
                    + "redFlags instead");
            return;
        }
        if (!seen.add(section.name() + id) || !value.isObject()) {
            problem(path, value.isObject() ? id + " is given twice" : "expected {da: …, en: …}");
            return;
        }
        Set<String> allowed = switch (section) {
            case SCOPE_REASONS -> Set.of("da", "en", "kind");
            case ALERTS -> Set.of("da", "en", "level", "referral", "link");
            case FINDINGS -> Set.of("da", "en", "fhir");
            case RED_FLAGS -> Set.of("da", "en", "indicates", "alert", "source");
            default -> Set.of("da", "en");
        };
        value.fieldNames().forEachRemaining(key -> {
            if (!allowed.contains(key)) {
                problem(path + "/" + key + Locations.KEY, "unknown key \"" + key + "\"" + Spelling.didYouMean(key, allowed,
                        "") + "; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
            }
        });
        String da = label(value, path, "da");
        String en = label(value, path, "en");
        if (da == null || en == null) {
            return;
        }
        Vocabulary.Term term = new Vocabulary.Term(id, da, en);
        switch (section) {
            case SCOPE_REASONS -> {
                String kind = choice(value, path, "kind", KINDS);
                if (kind != null) {
                    builder.reason(term, kind.equals("exclusion") ? Vocabulary.ReasonKind.EXCLUSION
                            : Vocabulary.ReasonKind.MISSING);
                }
            }
            case ALERTS -> {
                String level = choice(value, path, "level", LEVELS);
                if (level != null) {
                    builder.alert(term, level.equals("critical") ? Vocabulary.AlertLevel.CRITICAL
                            : Vocabulary.AlertLevel.WARNING);
                    builder.alertAction(id, alertAction(value, path));
                }
            }
            case RED_FLAGS -> {
                builder.add(section, term);
                builder.redFlagMeaning(id, new io.guidelinekb.model.RedFlagMeaning(text(value, path, "indicates"),
                        text(value, path, "alert"), text(value, path, "source")));
            }
            case FINDINGS -> {
                builder.add(section, term);
                if (value.has("fhir")) {
                    String type = choice(value, path, "fhir", RESOURCE_TYPES);
                    if (type != null) {
                        builder.findingFrom(id, type);
                    }
                }
            }
            default -> builder.add(section, term);
        }
    }

    /** An alert's referral ({da, en}) and link ({url, da, en}), each optional. */
    private io.guidelinekb.model.AlertAction alertAction(JsonNode value, String path) {
        String[] referral = {null, null};
        if (value.has("referral")) {
            referral[0] = label(value.get("referral"), path + "/referral", "da");
            referral[1] = label(value.get("referral"), path + "/referral", "en");
        }
        String[] link = {null, null, null};
        if (value.has("link")) {
            JsonNode url = value.get("link").get("url");
            if (url == null || !url.isTextual() || !url.asText().matches("https://[\\x21-\\x7e]+")) {
                problem(path + "/link", "needs url: an https:// address of what applies instead");
            } else {
                link[0] = url.asText();
            }
            link[1] = label(value.get("link"), path + "/link", "da");
            link[2] = label(value.get("link"), path + "/link", "en");
        }
        return new io.guidelinekb.model.AlertAction(referral[0], referral[1], link[0], link[1], link[2]);
    }

    private String text(JsonNode value, String path, String key) {
        JsonNode node = value.get(key);
        if (node == null) {
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            problem(path + "/" + key, key + ": expected text");
            return null;
        }
        return node.asText().strip();
    }

    /**
     * What red flags say of each other and of alerts: an indicator points to a category, which points
     * to nothing further; it cites its source and takes its category's alert; an alert named exists.
     */
    private void redFlagReferences(Vocabulary draft) {
        for (String flag : draft.terms(Section.RED_FLAGS).keySet()) {
            String path = "/redFlags/" + flag;
            io.guidelinekb.model.RedFlagMeaning meaning = draft.redFlagMeaning(flag);
            if (meaning.indicator()) {
                if (!draft.has(Section.RED_FLAGS, meaning.category())) {
                    problem(path + "/indicates", "indicates " + draft.unknownMessage(Section.RED_FLAGS, meaning.category()));
                } else if (draft.redFlagMeaning(meaning.category()).indicator()) {
                    problem(path + "/indicates", "indicates " + meaning.category() + ", which is itself an indicator; "
                            + "name the red flag it points to, " + draft.redFlagMeaning(meaning.category()).category());
                }
                if (meaning.source() == null) {
                    problem(path, flag + " indicates " + meaning.category() + ": needs source, where clinicians "
                            + "screen for it (e.g. NICE NG59)");
                }
                if (meaning.alert() != null) {
                    problem(path + "/alert", flag + " gives the alert of " + meaning.category() + ", the red flag it "
                            + "indicates; remove alert here");
                }
            } else if (meaning.alert() != null && !draft.has(Section.ALERTS, meaning.alert())) {
                problem(path + "/alert", "alert: " + draft.unknownMessage(Section.ALERTS, meaning.alert()));
            }
        }
    }

    private String label(JsonNode value, String path, String language) {
        JsonNode text = value.get(language);
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            problem(text == null ? path : path + "/" + language, "needs " + language + ": the "
                    + (language.equals("da") ? "Danish" : "English") + " label");
            return null;
        }
        String problem = io.guidelinekb.util.SafeText.problem(text.asText());
        if (problem != null) {
            problem(path + "/" + language, problem);
            return null;
        }
        return text.asText().strip();
    }

    private String choice(JsonNode value, String path, String key, Set<String> allowed) {
        JsonNode node = value.get(key);
        if (node == null || !node.isTextual() || !allowed.contains(node.asText())) {
            problem(node == null ? path : path + "/" + key, "needs " + key + ": " + String.join(" or ",
                    allowed.stream().sorted().toList()));
            return null;
        }
        return node.asText();
    }

    private void episodeFinding(JsonNode root, Vocabulary draft, VocabularyBuilder builder) {
        JsonNode node = root.get("episodeFinding");
        if (node == null) {
            return;
        }
        if (!node.isTextual() || !draft.has(Section.FINDINGS, node.asText())) {
            problem("/episodeFinding", node.isTextual() ? "episodeFinding names " + node.asText() + ", which "
                    + draft.unknownMessage(Section.FINDINGS, node.asText()).substring(node.asText().length() + 1)
                    : "episodeFinding: expected a finding's id");
            return;
        }
        builder.episodeFinding(node.asText());
    }

    private void keys(JsonNode keys, Vocabulary draft, VocabularyBuilder builder) {
        if (keys.isMissingNode()) {
            return;
        }
        keys.fields().forEachRemaining(entry -> {
            String path = "/keys/" + entry.getKey();
            if (!KEY.matcher(entry.getKey()).matches()) {
                problem(path + Locations.KEY, "\"" + entry.getKey() + "\" is not a key of the scenario format: write "
                        + "it in lowerCamelCase, e.g. legRadiation");
            } else if (entry.getValue().isTextual()) {
                if (finding(draft, path, entry.getValue().asText())) {
                    builder.findingKey(entry.getKey(), entry.getValue().asText());
                }
            } else if (entry.getValue().isObject()) {
                Map<String, String> values = new LinkedHashMap<>();
                entry.getValue().fields().forEachRemaining(v -> {
                    if (v.getValue().isTextual() && finding(draft, path + "/" + v.getKey(), v.getValue().asText())) {
                        values.put(v.getKey(), v.getValue().asText());
                    }
                });
                builder.listKey(entry.getKey(), values);
            } else {
                problem(path, "expected a finding's id, or a mapping of values to findings' ids");
            }
        });
    }

    private boolean finding(Vocabulary draft, String path, String id) {
        if (!draft.has(Section.FINDINGS, id)) {
            problem(path, draft.unknownMessage(Section.FINDINGS, id));
            return false;
        }
        return true;
    }

    private void problem(String pointer, String message) {
        int[] at = where.getOrDefault(pointer, where.getOrDefault(pointer.replace(Locations.KEY, ""),
                new int[] {1, 1}));
        problems.add(RuleProblem.error(file, at[0], at[1], message));
    }
}
