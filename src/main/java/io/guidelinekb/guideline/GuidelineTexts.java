package io.guidelinekb.guideline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.guidelinekb.KnowledgeBase;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A guideline folder's {@code guideline.yaml}: its title and source, and the words of the cards and
 * the audit report that are not in any rule (strength and evidence in words, what to record when data are missing,
 * override reasons). Clinical text stays in the guideline's data files, not here.
 */
public final class GuidelineTexts {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String folder;
    private final JsonNode root;
    private final boolean english;

    private GuidelineTexts(String folder, JsonNode root, boolean english) {
        this.folder = folder;
        this.root = root;
        this.english = english;
    }

    /** Every guideline folder of the knowledge base with its texts, in folder order. */
    public static Map<String, GuidelineTexts> of(KnowledgeBase knowledgeBase, boolean english) {
        Map<String, GuidelineTexts> texts = new TreeMap<>();
        knowledgeBase.guidelineFiles().forEach((folder, bytes) -> {
            try {
                texts.put(folder, new GuidelineTexts(folder, YAML.readTree(bytes), english));
            } catch (IOException e) {
                throw new IllegalStateException(folder + "/guideline.yaml: " + e.getMessage(), e);
            }
        });
        return texts;
    }

    public String folder() {
        return folder;
    }

    /** The text at {@code path}: a plain value, or the value for this language in a {@code {da, en}} mapping. */
    public String text(String... path) {
        JsonNode node = root;
        for (String key : path) {
            node = node.path(key);
        }
        if (node.isObject()) {
            node = node.path(english ? "en" : "da");
        }
        if (node.isMissingNode() || node.isNull()) {
            throw new IllegalStateException(folder + "/guideline.yaml has no " + String.join(".", path));
        }
        return node.asText();
    }

    public boolean has(String... path) {
        JsonNode node = root;
        for (String key : path) {
            node = node.path(key);
        }
        return !node.isMissingNode();
    }

    /** The override reasons a clinician may give for going on against a card: code and display. */
    public List<String[]> overrideReasons() {
        List<String[]> reasons = new ArrayList<>();
        for (JsonNode reason : root.path("cards").path("overrideReasons")) {
            reasons.add(new String[] {reason.path("code").asText(),
                reason.path("display").path(english ? "en" : "da").asText()});
        }
        return reasons;
    }
}
