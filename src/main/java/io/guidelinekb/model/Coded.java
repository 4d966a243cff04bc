package io.guidelinekb.model;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** A closed vocabulary whose codes may also be written as the guideline's own symbol. */
public interface Coded {

    /**
     * The code's name.
     *
     * @return e.g. {@code WEAK_AGAINST}
     */
    String name();

    /**
     * The guideline's symbol for this code.
     *
     * @return e.g. {@code ↓}, or the empty string when it has none
     */
    String symbol();

    /**
     * Finds the code named {@code text}, or written as its symbol (with or without parentheses).
     *
     * @param <E>  the vocabulary
     * @param type the vocabulary's class
     * @param text a name or a symbol, e.g. {@code WEAK_AGAINST}, {@code ↓} or {@code (↓)}
     * @return the code, or empty when none is written so
     */
    static <E extends Enum<E> & Coded> Optional<E> parse(Class<E> type, String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = stripParentheses(text.strip());
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(wanted) || (!value.symbol().isEmpty() && value.symbol().equals(wanted))) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /**
     * Every code with its symbol, for messages that say what is allowed.
     *
     * @param <E>  the vocabulary
     * @param type the vocabulary's class
     * @return e.g. {@code WEAK_FOR (↑), WEAK_AGAINST (↓), …}
     */
    static <E extends Enum<E> & Coded> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(v -> v.symbol().isEmpty() ? v.name() : v.name() + " (" + v.symbol() + ")")
                .collect(Collectors.joining(", "));
    }

    private static String stripParentheses(String text) {
        if (text.length() > 2 && text.startsWith("(") && text.endsWith(")")) {
            return text.substring(1, text.length() - 1).strip();
        }
        return text;
    }
}
