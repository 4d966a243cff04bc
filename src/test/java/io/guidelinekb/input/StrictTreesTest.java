package io.guidelinekb.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The strict reader gives what a strict ObjectMapper gives: the same trees, and the same errors at the same places. */
class StrictTreesTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS).build())
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Test
    void readsJsonAsTheMapperReadsIt() throws Exception {
        for (String text : List.of("{\"a\": 1, \"b\": [true, null, 2.5, \"x\"], \"c\": {\"d\": 12345678901, \"e\": 1e400}}",
                "{\"big\": 123456789012345678901234567890, \"neg\": -0.0, \"s\": \"\\u00e6\\u200b\"}", "[1, 2]", "\"x\"", "",
                "  ", "null", "{}")) {
            assertEquals(JSON.readTree(text), StrictTrees.read(text, false), text);
        }
    }

    @Test
    void readsYamlAsTheMapperReadsIt() throws Exception {
        for (String text : List.of("a: 1\nb: [yes, no, on, off, true]\nc:\n  d: 2.5\n  e: ~\n  f: 'x'\n",
                "list:\n  - one\n  - two: 2\n", "---\nsex: female\nage: 047\n", "big: 123456789012345678901234567890\n",
                "bin: !!binary aGVsbG8=\n", "", "# only a comment\n")) {
            assertEquals(YAML.readTree(text), StrictTrees.read(text, true), text);
        }
    }

    @Test
    void aKeyTwiceAndContentAfterTheValueAreTheMappersErrorsInItsPlaces() {
        for (String text : List.of("{\"a\": 1, \"a\": 2}", "{\"a\": {\"b\": 1, \"b\": {}}}", "{\"a\": 1}\n{\"a\": 2}",
                "{\"a\": 1} 7", "{\"a\": [1,]", "{\"a\" 1}")) {
            assertSameError(text, false);
        }
        for (String text : List.of("a: 1\na: 2\n", "a:\n  b: 1\n  b:\n    c: 2\n", "a: 1\n---\na: 2\n", "a: [1, 2\n",
                "a: b: c\n")) {
            assertSameError(text, true);
        }
    }

    private static void assertSameError(String text, boolean yaml) {
        JsonProcessingException mapper = assertThrows(JsonProcessingException.class, () -> (yaml ? YAML : JSON).readTree(text), text);
        JsonProcessingException strict = assertThrows(JsonProcessingException.class, () -> StrictTrees.read(text, yaml), text);
        assertEquals(mapper.getOriginalMessage(), strict.getOriginalMessage(), text);
        assertEquals(mapper.getLocation().getLineNr(), strict.getLocation().getLineNr(), text);
        assertEquals(mapper.getLocation().getColumnNr(), strict.getLocation().getColumnNr(), text);
    }

    @Test
    void aTreeOfNothingIsMissing() throws Exception {
        JsonNode empty = StrictTrees.read("", false);
        assertEquals(true, empty.isMissingNode());
    }
}
