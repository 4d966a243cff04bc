package io.guidelinekb.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The languages a guideline writes its words in: Danish, the source's own, and English. Every text
 * of a recommendation, an alert, a card and a report comes in both.
 */
public enum Language {
    /** Danish, the language of the Danish guidelines themselves. */
    DANISH("da"),
    /** English. */
    ENGLISH("en");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    /**
     * The language's ISO 639-1 code, as the data files and {@code --lang} write it.
     *
     * @return {@code da} or {@code en}
     */
    public String code() {
        return code;
    }

    /**
     * The language of an ISO 639-1 code.
     *
     * @param code {@code da} or {@code en}
     * @return the language
     * @throws IllegalArgumentException naming the codes there are, when {@code code} is none of them
     */
    public static Language of(String code) {
        for (Language language : values()) {
            if (language.code.equals(code)) {
                return language;
            }
        }
        throw new IllegalArgumentException("no language \"" + io.guidelinekb.util.Identifiers.printable(code) + "\"; the languages are "
                + Arrays.stream(values()).map(Language::code).collect(Collectors.joining(", ")));
    }

    /**
     * The text of this language out of the two.
     *
     * @param danish  the Danish text
     * @param english the English text
     * @return {@code danish} or {@code english}
     */
    public String pick(String danish, String english) {
        return this == ENGLISH ? english : danish;
    }
}
