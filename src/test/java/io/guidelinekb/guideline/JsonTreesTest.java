package io.guidelinekb.guideline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Data files are read without an ObjectMapper; the trees and the canonical bytes that version a
 * folder must be what ObjectMapper gave, or every published version would change.
 */
class JsonTreesTest {

    static Stream<Arguments> contents() throws IOException {
        List<Arguments> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/fixture/rules"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".json")).toList()) {
                all.add(Arguments.of(file.getFileName().toString(), Files.readAllBytes(file)));
            }
        }
        for (String json : List.of("", "  \n", "null", "7", "\"text\"", "{}", "[]", "{} [1]",
                "{\"a\": 1, \"b\": 2, \"a\": 3}", "{\"a\": {\"x\": 1}, \"a\": [2]}",
                "[0, -1, 2147483647, 2147483648, -9223372036854775808, 9223372036854775808, 123456789012345678901234567890]",
                "[1.50, 1e10, 1E-7, -0.0, 0.1, 1e400, 3.141592653589793238462643383279]",
                "{\"t\": \"tab\\there, quote \\\" and \\\\, \\u0001, \\u2028, æøå, \uD83D\uDE00\"}",
                "{\"deep\": [[[{\"k\": [true, false, null]}]]]}")) {
            all.add(Arguments.of("sample.json", json.getBytes(StandardCharsets.UTF_8)));
        }
        for (String yaml : List.of("", "a: 1\nb: 1.5\nc: 0x1F\nd: 1_000\nf: ~\ng: yes\nh: '07'\n",
                "x: &anchor\n  k: v\ny: *anchor\n", "first: 1\n---\nsecond: 2\n", "bin: !!binary aGVsbG8=\n",
                "a: 1\na: 2\n", "big: 123456789012345678901234567890\nfloat: 1.0e+400\n",
                "text: |\n  two\n  lines\nfolded: >\n  one\n  line\n", "- a\n- [b, {c: d}]\n")) {
            all.add(Arguments.of("sample.yaml", yaml.getBytes(StandardCharsets.UTF_8)));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} #{index}")
    @MethodSource("contents")
    void readsTheTreeObjectMapperReads(String name, byte[] content) throws IOException {
        JsonNode expected = mapper(name).readTree(content);
        JsonNode read = DataFiles.tree(content, name);
        assertSameTree(expected == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : expected, read, "");
    }

    @ParameterizedTest(name = "{0} #{index}")
    @MethodSource("contents")
    void writesTheCanonicalBytesObjectMapperWrote(String name, byte[] content) throws IOException {
        JsonNode tree = mapper(name).readTree(content);
        byte[] expected = tree == null ? content : new ObjectMapper().writeValueAsBytes(tree);
        assertArrayEquals(expected, DataFiles.canonical(content, name),
                () -> new String(expected, StandardCharsets.UTF_8) + " / "
                        + new String(DataFiles.canonical(content, name), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("broken")
    void failsWhereObjectMapperFails(String name, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        IOException expected = assertThrows(IOException.class, () -> mapper(name).readTree(bytes));
        IOException thrown = assertThrows(IOException.class, () -> DataFiles.tree(bytes, name));
        assertEquals(expected.getMessage(), thrown.getMessage());
        // a file that does not parse counts by its bytes, as before
        assertArrayEquals(bytes, DataFiles.canonical(bytes, name));
    }

    static Stream<Arguments> broken() {
        return Stream.of(Arguments.of("b.json", "{\"a\": }"), Arguments.of("b.json", "[1, 2"),
                Arguments.of("b.json", "{\"a\" 1}"), Arguments.of("b.yaml", "a: [1, 2\n"),
                Arguments.of("b.yaml", "a: b: c\n"), Arguments.of("b.yaml", "e: .inf\n"));
    }

    private static ObjectMapper mapper(String name) {
        return new ObjectMapper(DataFiles.factoryFor(name));
    }

    /** Equal, and of the same node classes all the way down: a DoubleNode is not a DecimalNode. */
    private static void assertSameTree(JsonNode expected, JsonNode actual, String at) {
        assertEquals(expected.getClass(), actual.getClass(), "node class at " + at);
        assertEquals(expected, actual, "value at " + at);
        if (expected.isObject()) {
            assertEquals(List.copyOf(iterable(expected.fieldNames())), List.copyOf(iterable(actual.fieldNames())),
                    "key order at " + at);
            expected.fieldNames().forEachRemaining(k -> assertSameTree(expected.get(k), actual.get(k), at + "/" + k));
        } else if (expected.isArray()) {
            for (int i = 0; i < expected.size(); i++) {
                assertSameTree(expected.get(i), actual.get(i), at + "/" + i);
            }
        }
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> all = new ArrayList<>();
        names.forEachRemaining(all::add);
        return all;
    }

    @org.junit.jupiter.api.Test
    void placesEveryKeyAndValueWhereItStands() throws IOException {
        byte[] yaml = "a: 1\nb:\n  - x\n  - {c: d}\n".getBytes(StandardCharsets.UTF_8);
        var where = DataFiles.parsed(yaml, "sample.yaml").where();
        assertEquals(List.of("", "/a#key", "/a", "/b#key", "/b", "/b/0", "/b/1", "/b/1/c#key", "/b/1/c"),
                where.keySet().stream().sorted(java.util.Comparator.comparing(k -> where.get(k)[0] * 100 + where.get(k)[1]))
                        .toList());
        assertArrayEquals(new int[] {1, 1}, where.get("/a#key"));
        assertArrayEquals(new int[] {1, 4}, where.get("/a"));
        assertArrayEquals(new int[] {3, 5}, where.get("/b/0"));
        assertArrayEquals(new int[] {4, 6}, where.get("/b/1/c#key"));
        assertArrayEquals(new int[] {4, 9}, where.get("/b/1/c"));
        byte[] json = "{\"a\": [1, {\"b\": 2}]}".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(new int[] {1, 12}, DataFiles.parsed(json, "sample.json").where().get("/a/1/b#key"));
    }

    @org.junit.jupiter.api.Test
    void parsesTheSameBytesOnceAndEqualBytesApart() throws IOException {
        byte[] content = "k: v\n".getBytes(StandardCharsets.UTF_8);
        DataFiles.Parsed first = DataFiles.parsed(content, "sample.yaml");
        org.junit.jupiter.api.Assertions.assertSame(first, DataFiles.parsed(content, "sample.yaml"));
        org.junit.jupiter.api.Assertions.assertNotSame(first, DataFiles.parsed(content.clone(), "sample.yaml"));
        assertEquals(first.tree(), DataFiles.parsed(content.clone(), "sample.yaml").tree());
    }
}
