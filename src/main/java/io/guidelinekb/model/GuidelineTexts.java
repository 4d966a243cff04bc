package io.guidelinekb.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A guideline's words for showing its advice, in one language, that are not in any rule: strength
 * and evidence in words, what to record when data are missing, override reasons, the cards' and the
 * audit report's words. They come from the guideline's {@code guideline.yaml}, which inherits
 * defaults for the words that say nothing clinical; clinical text stays in the guideline's files.
 */
public final class GuidelineTexts {

    private final String guidelineId;
    private final Language language;
    private final Map<String, String> words;
    private final List<OverrideReason> overrideReasons;

    /**
     * The words of a guideline in a language.
     *
     * @param guidelineId     the guideline's id
     * @param language        the language the words are in
     * @param words           each word by its dotted path ({@link TextKey#path()})
     * @param overrideReasons the reasons a clinician may give for going on against a card, in order
     */
    public GuidelineTexts(String guidelineId, Language language, Map<String, String> words,
                          List<OverrideReason> overrideReasons) {
        this.guidelineId = Objects.requireNonNull(guidelineId, "guidelineId");
        this.language = Objects.requireNonNull(language, "language");
        this.words = Map.copyOf(words);
        this.overrideReasons = List.copyOf(overrideReasons);
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
     * The language of these words.
     *
     * @return the language
     */
    public Language language() {
        return language;
    }

    /**
     * The word at {@code key}.
     *
     * @param key where the word sits
     * @return the word
     * @throws IllegalStateException naming the guideline and the key when there is no word there
     */
    public String text(TextKey key) {
        String word = words.get(key.path());
        if (word == null) {
            throw new IllegalStateException(guidelineId + "'s guideline.yaml has no " + key.path() + " in "
                    + language.pick("Danish", "English"));
        }
        return word;
    }

    /**
     * A word of the cards.
     *
     * @param word which
     * @return the word
     * @throws IllegalStateException when the guideline has none there
     */
    public String card(CardWord word) {
        return text(word.key());
    }

    /**
     * A word of the audit report.
     *
     * @param word which
     * @return the word
     * @throws IllegalStateException when the guideline has none there
     */
    public String report(ReportWord word) {
        return text(word.key());
    }

    /**
     * Whether there is a word at {@code key}.
     *
     * @param key where the word would sit
     * @return true when there is
     */
    public boolean has(TextKey key) {
        return words.containsKey(key.path());
    }

    /**
     * Which of {@code keys} have no word: what a card or a report would miss.
     *
     * @param keys the words needed
     * @return the missing ones, in the order given
     */
    public List<TextKey> missing(Collection<TextKey> keys) {
        return keys.stream().filter(key -> !has(key)).toList();
    }

    /**
     * The reasons a clinician may give for going on against a card.
     *
     * @return code and words of each, in the guideline's order
     */
    public List<OverrideReason> overrideReasons() {
        return overrideReasons;
    }

    /**
     * What each guideline lacks of {@code keys}, in every language, as messages that name the
     * guideline and the key; empty when every word is there.
     *
     * @param guidelines the guidelines
     * @param texts      each language's texts by guideline id (a guideline without words is absent)
     * @param keys       the words needed, e.g. {@link TextKey#forCards()}
     * @param neededBy   what needs them, as the messages say it, e.g. {@code "its cards need"}
     * @return one message per missing word
     */
    public static List<String> missing(List<Guideline> guidelines, Function<Language, Map<String, GuidelineTexts>> texts,
                                       List<TextKey> keys, String neededBy) {
        List<String> missing = new ArrayList<>();
        for (Guideline guideline : guidelines) {
            for (Language language : Language.values()) {
                GuidelineTexts words = texts.apply(language).get(guideline.id());
                if (words == null) {
                    missing.add(guideline.id() + " has no guideline.yaml, whose words " + neededBy);
                    break;
                }
                words.missing(keys).forEach(key -> missing.add(guideline.id() + ": guideline.yaml has no " + key.path()
                        + " in " + language.pick("Danish", "English") + ", which " + neededBy));
            }
        }
        return missing;
    }
}
