package io.guidelinekb.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.guidelinekb.model.GuidelineTexts;
import io.guidelinekb.model.Language;
import io.guidelinekb.model.OverrideReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a guideline descriptor's words for showing advice into {@link GuidelineTexts}: each word is
 * a plain value, or a {@code {da, en}} mapping; a word the descriptor leaves out is inherited from
 * the defaults that say nothing clinical, so that a new guideline writes only what is its own.
 */
public final class DescriptorWords {

    private static final JsonNode DEFAULTS = defaults();

    private DescriptorWords() {
    }

    /**
     * The texts of every guideline that has a descriptor, by guideline id in order.
     *
     * @param descriptors each descriptor as read, by guideline id
     * @param language    the language
     * @return the texts by guideline id
     */
    public static Map<String, GuidelineTexts> texts(Map<String, JsonNode> descriptors, Language language) {
        Map<String, GuidelineTexts> texts = new TreeMap<>();
        descriptors.forEach((id, tree) -> texts.put(id, texts(id, tree, language)));
        return texts;
    }

    /**
     * The texts of one guideline.
     *
     * @param guidelineId the guideline's id
     * @param descriptor  its descriptor as read
     * @param language    the language
     * @return its texts
     */
    public static GuidelineTexts texts(String guidelineId, JsonNode descriptor, Language language) {
        Map<String, String> words = new HashMap<>();
        collect(DEFAULTS, "", language, words);
        collect(descriptor, "", language, words);
        JsonNode given = descriptor.path("cards").path("overrideReasons");
        List<OverrideReason> reasons = new ArrayList<>();
        for (JsonNode reason : given.isMissingNode() ? DEFAULTS.path("cards").path("overrideReasons") : given) {
            reasons.add(new OverrideReason(reason.path("code").asText(), reason.path("display").path(language.code()).asText()));
        }
        return new GuidelineTexts(guidelineId, language, words, reasons);
    }

    /**
     * A word the descriptor gives in one language but not the other is missing in the other, not
     * inherited: the defaults are for words a guideline leaves out, not for half a translation.
     */
    private static void collect(JsonNode node, String path, Language language, Map<String, String> words) {
        if (node.isObject() && (node.has("da") || node.has("en"))) {
            JsonNode word = node.path(language.code());
            if (word.isMissingNode() || word.isNull() || word.isContainerNode()) {
                words.remove(path);
            } else {
                words.put(path, word.asText());
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(field -> collect(field.getValue(),
                    path.isEmpty() ? field.getKey() : path + "." + field.getKey(), language, words));
        } else if (node.isValueNode() && !node.isNull() && !path.isEmpty()) {
            words.put(path, node.asText());
        }
    }

    private static JsonNode defaults() {
        try (var in = DescriptorWords.class.getResourceAsStream("default-words.json")) {
            return io.guidelinekb.guideline.DataFiles.tree(in.readAllBytes(), "default-words.json");
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalStateException("the default words (io/guidelinekb/engine/default-words.json) are missing "
                    + "from the jar", e);
        }
    }
}
