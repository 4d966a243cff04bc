package io.guidelinekb.engine;

import io.guidelinekb.model.Language;
import com.fasterxml.jackson.databind.JsonNode;
import io.guidelinekb.model.Guideline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The words a guideline's {@code guideline.yaml} gives for showing its advice that are not in any
 * rule: strength and evidence in words, what to record when data are missing, override reasons, and
 * the audit report's words. Clinical text stays in the guideline's data files, not in Java.
 */
public final class GuidelineTexts {

    /**
     * The words that say nothing clinical (strength and evidence in words, the cards' buttons, the
     * report's headings), which a descriptor inherits when it leaves them out: a new guideline writes
     * only what is its own.
     */
    private static final JsonNode DEFAULTS = defaults();

    /** The words every card may need, besides strength and evidence in words (see {@link #cardWords()}). */
    private static final List<String[]> CARD_WORDS = List.of(new String[] {"title"}, new String[] {"source"},
            new String[] {"cards", "label"}, new String[] {"cards", "undetermined", "summary"},
            new String[] {"cards", "undetermined", "intro"}, new String[] {"cards", "patientView", "summary"},
            new String[] {"cards", "words", "strength"}, new String[] {"cards", "words", "evidence"},
            new String[] {"cards", "words", "orderedBy"}, new String[] {"cards", "words", "rule"},
            new String[] {"cards", "words", "rationale"},
            new String[] {"cards", "words", "remove"}, new String[] {"cards", "words", "removeDescription"},
            new String[] {"cards", "words", "status"}, new String[] {"cards", "words", "reasons"},
            new String[] {"cards", "words", "age"}, new String[] {"cards", "words", "sinceOnset"},
            new String[] {"cards", "words", "sinceOnsetOneWeek"}, new String[] {"cards", "words", "sinceOnsetDays"},
            new String[] {"cards", "words", "sinceOnsetOneDay"}, new String[] {"cards", "words", "refer"},
            new String[] {"cards", "words", "order"}, new String[] {"cards", "patientView", "consider"},
            new String[] {"cards", "patientView", "orders"});

    /** The words of the audit report under {@code report:}. */
    public static final List<String> REPORT_WORDS = List.of("title", "version", "knowledgeBase", "input", "generated",
            "records", "inScope", "against", "with", "acute", "byUnit", "byMonth", "unit", "month", "noUnit", "episodes",
            "inScopeShort", "againstShort", "withShort", "acuteShort", "againstChart", "withChart", "scopeChart",
            "reasonsChart", "recommendationsChart", "withheld", "triggeredAgainst", "triggeredWith", "table", "given",
            "text", "none", "csv", "legendTitle", "legendColours", "legendStrength", "legendEvidence", "againstStanding",
            "againstUnderReview", "againstDraft", "of");

    /**
     * Every word a card may need from a descriptor: what the CDS Hooks service checks before a version
     * serves, and what lint checks.
     *
     * @return the paths of the words
     */
    public static List<String[]> cardWords() {
        List<String[]> needed = new ArrayList<>(CARD_WORDS);
        for (io.guidelinekb.model.Strength strength : io.guidelinekb.model.Strength.values()) {
            needed.add(new String[] {"cards", "strength", strength.name()});
        }
        for (io.guidelinekb.model.EvidenceGrade grade : io.guidelinekb.model.EvidenceGrade.values()) {
            needed.add(new String[] {"cards", "evidence", grade.name()});
        }
        return needed;
    }

    /**
     * Every word the audit report may need from a descriptor.
     *
     * @return the paths of the words
     */
    public static List<String[]> reportWords() {
        List<String[]> needed = new ArrayList<>();
        needed.add(new String[] {"title"});
        needed.add(new String[] {"publisher"});
        needed.add(new String[] {"published"});
        REPORT_WORDS.forEach(word -> needed.add(new String[] {"report", word}));
        for (io.guidelinekb.model.ScopeStatus status : io.guidelinekb.model.ScopeStatus.values()) {
            needed.add(new String[] {"report", "status", status.name()});
        }
        return needed;
    }

    /**
     * Whether a word is one a descriptor may leave out, inheriting the default.
     *
     * @param path the keys from the top of the file
     * @return true when there is a default
     */
    public static boolean inherited(String... path) {
        return !at(DEFAULTS, path).isMissingNode();
    }

    private static JsonNode defaults() {
        try (var in = GuidelineTexts.class.getResourceAsStream("default-words.json")) {
            return io.guidelinekb.guideline.DataFiles.tree(in.readAllBytes(), "default-words.json");
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalStateException("the default words (io/guidelinekb/engine/default-words.json) are missing "
                    + "from the jar", e);
        }
    }

    private static JsonNode at(JsonNode root, String... path) {
        JsonNode node = root;
        for (String key : path) {
            node = node.path(key);
        }
        return node;
    }

    private final String guidelineId;
    private final JsonNode root;
    private final Language language;

    private GuidelineTexts(String guidelineId, JsonNode root, Language language) {
        this.guidelineId = guidelineId;
        this.root = root;
        this.language = language;
    }

    /**
     * The texts of every guideline that has a descriptor, by guideline id in order.
     *
     * @param descriptors each descriptor as read, by guideline id
     * @param language    the language
     * @return the texts by guideline id
     */
    public static Map<String, GuidelineTexts> of(Map<String, JsonNode> descriptors, Language language) {
        Map<String, GuidelineTexts> texts = new TreeMap<>();
        descriptors.forEach((id, tree) -> texts.put(id, new GuidelineTexts(id, tree, language)));
        return texts;
    }

    /**
     * The guideline's id.
     *
     * @return the id, e.g. {@code nkr-lbp-2016}
     */
    public String guidelineId() {
        return guidelineId;
    }

    /**
     * The text at {@code path}: a plain value, or the value for this language in a {@code {da, en}} mapping.
     *
     * @param path the keys from the top of the file, e.g. {@code "cards", "words", "remove"}
     * @return the text
     * @throws IllegalStateException when the descriptor has no text there
     */
    public String text(String... path) {
        JsonNode node = at(root, path);
        if (node.isMissingNode()) {
            node = at(DEFAULTS, path);
        }
        if (node.isObject()) {
            node = node.path(language.code());
        }
        if (node.isMissingNode() || node.isNull()) {
            throw new IllegalStateException(guidelineId + "'s guideline.yaml has no " + String.join(".", path));
        }
        return node.asText();
    }

    /**
     * Which of {@code paths} have no text in this language: what a card or a report would miss.
     *
     * @param paths the keys from the top of the file, one array each
     * @return the missing ones, dotted (e.g. {@code report.title}), in the order given
     */
    public List<String> missing(List<String[]> paths) {
        List<String> missing = new ArrayList<>();
        for (String[] path : paths) {
            try {
                text(path);
            } catch (IllegalStateException e) {
                missing.add(String.join(".", path));
            }
        }
        return missing;
    }

    /**
     * What each guideline lacks of {@code paths}, in Danish and in English, as messages that name the
     * guideline and the key; empty when every word is there.
     *
     * @param guidelines  the guidelines
     * @param descriptors each one's descriptor as read, by guideline id
     * @param paths         the words needed, e.g. by the CDS Hooks cards or the audit report
     * @param neededBy      what needs them, as the messages say it, e.g. {@code "the cards need"}
     * @return one message per missing word
     */
    public static List<String> missing(List<Guideline> guidelines, Map<String, JsonNode> descriptors,
                                       List<String[]> paths, String neededBy) {
        List<String> missing = new ArrayList<>();
        for (Guideline guideline : guidelines) {
            for (Language language : Language.values()) {
                GuidelineTexts texts = of(descriptors, language).get(guideline.id());
                if (texts == null) {
                    missing.add(guideline.id() + " has no guideline.yaml, whose words " + neededBy);
                    break;
                }
                texts.missing(paths).forEach(path -> missing.add(guideline.id() + ": guideline.yaml has no " + path
                        + " in " + language.pick("Danish", "English") + ", which " + neededBy));
            }
        }
        return missing;
    }

    /**
     * Whether the descriptor has a value at {@code path}.
     *
     * @param path the keys from the top of the file
     * @return true when it has
     */
    public boolean has(String... path) {
        return !at(root, path).isMissingNode() || inherited(path);
    }

    /**
     * The override reasons a clinician may give for going on against a card.
     *
     * @return code and display of each, in the descriptor's order
     */
    public List<String[]> overrideReasons() {
        List<String[]> reasons = new ArrayList<>();
        JsonNode given = root.path("cards").path("overrideReasons");
        for (JsonNode reason : given.isMissingNode() ? DEFAULTS.path("cards").path("overrideReasons") : given) {
            reasons.add(new String[] {reason.path("code").asText(),
                reason.path("display").path(language.code()).asText()});
        }
        return reasons;
    }
}
