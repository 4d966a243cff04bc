package io.guidelinekb.engine;

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

    private final String guidelineId;
    private final JsonNode root;
    private final boolean english;

    private GuidelineTexts(String guidelineId, JsonNode root, boolean english) {
        this.guidelineId = guidelineId;
        this.root = root;
        this.english = english;
    }

    /**
     * The texts of every guideline that has a descriptor, by guideline id in order.
     *
     * @param descriptors each descriptor as read, by guideline id
     * @param english     English words rather than Danish
     * @return the texts by guideline id
     */
    public static Map<String, GuidelineTexts> of(Map<String, JsonNode> descriptors, boolean english) {
        Map<String, GuidelineTexts> texts = new TreeMap<>();
        descriptors.forEach((id, tree) -> texts.put(id, new GuidelineTexts(id, tree, english)));
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
        JsonNode node = root;
        for (String key : path) {
            node = node.path(key);
        }
        if (node.isObject()) {
            node = node.path(english ? "en" : "da");
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
            for (boolean english : new boolean[] {false, true}) {
                GuidelineTexts texts = of(descriptors, english).get(guideline.id());
                if (texts == null) {
                    missing.add(guideline.id() + " has no guideline.yaml, whose words " + neededBy);
                    break;
                }
                texts.missing(paths).forEach(path -> missing.add(guideline.id() + ": guideline.yaml has no " + path
                        + (english ? " in English" : " in Danish") + ", which " + neededBy));
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
        JsonNode node = root;
        for (String key : path) {
            node = node.path(key);
        }
        return !node.isMissingNode();
    }

    /**
     * The override reasons a clinician may give for going on against a card.
     *
     * @return code and display of each, in the descriptor's order
     */
    public List<String[]> overrideReasons() {
        List<String[]> reasons = new ArrayList<>();
        for (JsonNode reason : root.path("cards").path("overrideReasons")) {
            reasons.add(new String[] {reason.path("code").asText(),
                reason.path("display").path(english ? "en" : "da").asText()});
        }
        return reasons;
    }
}
