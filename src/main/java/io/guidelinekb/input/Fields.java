package io.guidelinekb.input;

import io.guidelinekb.util.InvalidInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.model.Coded;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads typed values out of a parsed document and collects, for every field that is wrong, a
 * message naming the source and the field. Readers call it for every field, then {@link #check()}:
 * a document is either read whole or rejected with all its problems.
 */
public final class Fields {

    /** Each enum's constants by name, made once per type. */
    private static final ClassValue<Map<String, Object>> CODES = new ClassValue<>() {
        @Override
        protected Map<String, Object> computeValue(Class<?> type) {
            return Arrays.stream(type.getEnumConstants()).collect(
                    Collectors.toUnmodifiableMap(value -> ((Enum<?>) value).name(), value -> value));
        }
    };

    private final String source;
    private final List<String> problems = new ArrayList<>();

    public Fields(String source) {
        this.source = source;
    }

    public void problem(String field, String message) {
        problems.add(source + ": " + (field.isEmpty() ? "" : field + ": ") + message);
    }

    boolean hasProblems() {
        return !problems.isEmpty();
    }

    public void check() throws InvalidInputException {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    static String path(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    /** Reports every key of {@code node} that is not in {@code allowed}. */
    public void onlyKeys(ObjectNode node, String path, List<String> allowed) {
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!allowed.contains(key)) {
                problem(path(path, key), "unknown key; allowed here: " + String.join(", ", allowed));
            }
        }
    }

    public Optional<ObjectNode> object(ObjectNode parent, String path, String key, boolean required) {
        JsonNode value = present(parent, path, key, required);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            problem(path(path, key), "expected a mapping of keys to values, got " + describe(value));
            return Optional.empty();
        }
        return Optional.of((ObjectNode) value);
    }

    public String text(ObjectNode parent, String path, String key, boolean required) {
        JsonNode value = present(parent, path, key, required);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            problem(path(path, key), "expected text, got " + describe(value)
                    + (value.isNumber() ? " (put it in quotes)" : ""));
            return null;
        }
        if (value.asText().isBlank()) {
            problem(path(path, key), "must not be blank, got " + describe(value));
            return null;
        }
        return value.asText();
    }

    public LocalDate date(ObjectNode parent, String path, String key, boolean required) {
        JsonNode value = present(parent, path, key, required);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            problem(path(path, key), "expected a date YYYY-MM-DD, got " + describe(value));
            return null;
        }
        LocalDate date;
        try {
            date = parseDate(value.asText());
        } catch (DateTimeException e) {
            problem(path(path, key), "\"" + value.asText() + "\" is not a date that exists (expected YYYY-MM-DD)");
            return null;
        }
        if (!isOfOurEra(date)) {
            problem(path(path, key), "\"" + value.asText() + "\" is outside the years 0001 to 9999");
            return null;
        }
        return date;
    }

    /**
     * Whether a date falls in the years 0001 to 9999. The ISO parser takes years of up to nine
     * digits; none is a patient's date, and the days between two of them need not fit a duration.
     */
    static boolean isOfOurEra(LocalDate date) {
        return date.getYear() >= 1 && date.getYear() <= 9999;
    }

    /**
     * An ISO date, as {@link LocalDate#parse} reads it. The plain form YYYY-MM-DD is read directly:
     * the general parser costs a tenth of the time of reading a batch record.
     */
    static LocalDate parseDate(String text) {
        if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            if (year >= 0 && month >= 0 && day >= 0) {
                return LocalDate.of(year, month, day);
            }
        }
        return LocalDate.parse(text);
    }

    /** The number written by the ASCII digits from {@code from} to {@code to}, or -1. */
    private static int digits(String text, int from, int to) {
        int number = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            number = number * 10 + (c - '0');
        }
        return number;
    }

    /** A whole number that must not be negative. */
    Integer count(ObjectNode parent, String path, String key) {
        JsonNode value = present(parent, path, key, false);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            problem(path(path, key), "expected a whole number, got " + describe(value));
            return null;
        }
        if (value.asInt() < 0) {
            problem(path(path, key), "must not be negative, got " + value.asInt());
            return null;
        }
        return value.asInt();
    }

    Boolean bool(ObjectNode parent, String path, String key) {
        JsonNode value = present(parent, path, key, false);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            problem(path(path, key), "expected true or false, got " + describe(value));
            return null;
        }
        return value.asBoolean();
    }

    /** One code of an enum, by name. */
    public <E extends Enum<E>> E code(ObjectNode parent, String path, String key, boolean required, Class<E> type,
                               String what) {
        String text = text(parent, path, key, required);
        return text == null ? null : parseCode(path(path, key), text, type, what);
    }

    /** One code of a vocabulary with symbols, by name or symbol (e.g. WEAK_AGAINST or ↓). */
    public <E extends Enum<E> & Coded> E coded(ObjectNode parent, String path, String key, Class<E> type, String what) {
        String text = text(parent, path, key, false);
        if (text == null) {
            return null;
        }
        Optional<E> code = Coded.parse(type, text);
        if (code.isEmpty()) {
            problem(path(path, key), "unknown " + what + " \"" + text + "\"; allowed: " + Coded.allowed(type));
        }
        return code.orElse(null);
    }

    /** A list of enum codes; {@code null} when absent, so that absent and empty stay apart. */
    public <E extends Enum<E>> Set<E> codes(ObjectNode parent, String path, String key, Class<E> type, String what) {
        return list(parent, path, key, (item, itemPath) -> {
            if (!item.isTextual()) {
                problem(itemPath, "expected a " + what + " code, got " + describe(item));
                return null;
            }
            return parseCode(itemPath, item.asText(), type, what);
        });
    }

    /** Reads each item of a list with {@code reader}; items it rejects are left out (and reported). */
    public <T> Set<T> list(ObjectNode parent, String path, String key, ItemReader<T> reader) {
        JsonNode value = present(parent, path, key, false);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            problem(path(path, key), "expected a list, got " + describe(value));
            return null;
        }
        Set<T> items = new LinkedHashSet<>();
        for (int i = 0; i < value.size(); i++) {
            T item = reader.read(value.get(i), path(path, key) + "[" + i + "]");
            if (item != null) {
                items.add(item);
            }
        }
        return items;
    }

    public interface ItemReader<T> {
        T read(JsonNode item, String itemPath);
    }

    /** The constants of an enum by name. */
    static Map<String, Object> codesOf(Class<?> type) {
        return CODES.get(type);
    }

    public <E extends Enum<E>> E parseCode(String field, String text, Class<E> type, String what) {
        Object value = CODES.get(type).get(text);
        if (value != null) {
            return type.cast(value);
        }
        problem(field, "unknown " + what + " \"" + text + "\"; allowed: " + names(type, Enum::name));
        return null;
    }

    private static <E extends Enum<E>> String names(Class<E> type, Function<E, String> name) {
        return Arrays.stream(type.getEnumConstants()).map(name).collect(Collectors.joining(", "));
    }

    /** The value under {@code key}, or {@code null} when absent or null (reported when required). */
    private JsonNode present(ObjectNode parent, String path, String key, boolean required) {
        JsonNode value = parent.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                problem(path(path, key), "required, but missing");
            }
            return null;
        }
        return value;
    }

    public static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "text \"" + value.asText() + "\"";
        }
        if (value.isNumber()) {
            return "number " + value.asText();
        }
        if (value.isBoolean()) {
            return value.asText();
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        return value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
}
