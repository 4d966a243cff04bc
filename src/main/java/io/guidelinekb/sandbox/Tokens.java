package io.guidelinekb.sandbox;

import java.util.ArrayList;
import java.util.List;

/** Splits a condition into tokens: names, numbers, quoted strings and operators. */
final class Tokens {

    private static final String[] OPERATORS = {"&&", "||", "==", "!=", "<=", ">=", "<", ">", "!", "(", ")", ".", ",",
        "+", "-", "*", "/", "%"};

    private Tokens() {
    }

    static List<String> of(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isJavaIdentifierStart(c)) {
                int start = i;
                while (i < text.length() && Character.isJavaIdentifierPart(text.charAt(i))) {
                    i++;
                }
                tokens.add(text.substring(start, i));
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.'
                        && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)))) {
                    i++;
                }
                if (i < text.length() && "LlDdFf".indexOf(text.charAt(i)) >= 0) {
                    i++;
                }
                tokens.add(text.substring(start, i));
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != c) {
                    if (text.charAt(end) == '\\') {
                        end++;
                    }
                    end++;
                }
                if (end >= text.length()) {
                    tokens.add(String.valueOf(c));
                    return tokens;
                }
                tokens.add(text.substring(i, end + 1));
                i = end + 1;
            } else {
                String operator = operatorAt(text, i);
                tokens.add(operator);
                i += operator.length();
            }
        }
        return tokens;
    }

    private static String operatorAt(String text, int i) {
        for (String operator : OPERATORS) {
            if (text.startsWith(operator, i)) {
                return operator;
            }
        }
        return String.valueOf(text.charAt(i));
    }

    static boolean isName(String token) {
        return !token.isEmpty() && Character.isJavaIdentifierStart(token.charAt(0));
    }

    static boolean isNumber(String token) {
        return !token.isEmpty() && Character.isDigit(token.charAt(0));
    }

    static boolean isString(String token) {
        return token.length() >= 2 && (token.charAt(0) == '"' || token.charAt(0) == '\'')
                && token.charAt(token.length() - 1) == token.charAt(0);
    }
}
