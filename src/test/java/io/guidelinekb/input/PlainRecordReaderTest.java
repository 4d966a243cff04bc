package io.guidelinekb.input;

import io.guidelinekb.util.InvalidInputException;
import io.guidelinekb.LbpFixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.model.Case;
import io.guidelinekb.pipeline.PopulationGenerator;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Batch reads a plain record straight from its tokens and any other the careful way. Whichever way
 * a record goes, it must come out the same: the same case, or the same problems.
 */
class PlainRecordReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void everyGeneratedRecordIsReadPlainlyAndAsTheCarefulReaderReadsIt() throws Exception {
        PopulationGenerator population = new PopulationGenerator(5, LocalDate.of(2026, 1, 15), io.guidelinekb.LbpFixture.population());
        for (int i = 0; i < 20_000; i++) {
            Case original = population.next();
            String unit = i % 2 == 0 ? null : "unit \"" + i % 7 + "\", Aarhus";
            String json = RecordJson.toJson(original).toString();
            String text = unit == null ? json : "{\"unit\":" + new com.fasterxml.jackson.databind.ObjectMapper()
                    .writeValueAsString(unit) + "," + json.substring(1);
            RecordReader.BatchRecord plain = PlainRecordReader.read(utf8(text), 0, utf8(text).length, LbpFixture.vocabulary());
            assertNotNull(plain, text);
            assertEquals(RecordReader.readBatchRecord(text, "r", LbpFixture.vocabulary()), plain, text);
            assertEquals(new Case(original.patient(), LbpFixture.vocabulary().admit(original.episode())), plain.input(),
                    "read in the guideline's words, bound to its vocabulary: " + text);
            assertEquals(unit, plain.unit(), text);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"asOf\":\"2026-01-15\",\"patient\":{\"id\":\"p\",\"age\":40},\"episode\":{\"id\":\"e\",\"id\":\"f\"}}",
        "{\"asOf\":\"2026-01-15\",\"patient\":{\"id\":\"p\",\"age\":40},\"episode\":{\"id\":\"e\",\"legRadiation\":null}}",
        "{\"asOf\":\"2026-01-15\",\"patient\":{\"id\":\"p\",\"age\":40.0},\"episode\":{\"id\":\"e\"}}",
        "{\"asOf\":\"2026-01-15\",\"patient\":{\"id\":\"p\",\"age\":40},\"episode\":{\"id\":\"e\"}} {}",
        "{\"asOf\":\"2026-01-15\",\"patient\":{\"id\":\"p\",\"age\":40},\"episode\":{\"id\":\"e\",\"painLocation\":[]}}",
        "{\"asOf\":\"2026-02-30\",\"patient\":{\"id\":\"p\",\"age\":40},\"episode\":{\"id\":\"e\"}}",
        "{\"asOf\":\"2026-01-15\",\"patient\":{\"id\":\" \",\"age\":40},\"episode\":{\"id\":\"e\"}}",
        "{\"asOf\":\"2026-01-15\",\"patient\":{\"id\":\"p\",\"age\":40},\"episode\":{\"id\":\"e\",\"redFlags\":[\"X\"]}}",
        "{\"asOf\":\"2026-01-15\",\"patient\":{\"id\":\"p\",\"age\":4000000000},\"episode\":{\"id\":\"e\"}}",
        "{\"asOf\":\"2026-01-15\",\"patient\":{\"id\":\"p\",\"age\":40},\"episode\":{\"id\":\"e\",\"onset\":\"2026-01-16\"}}",
        "{\"asOf\":\"2026-01-15\",\"patient\":{\"id\":\"p\",\"age\":40},\"episode\":{\"id\":\"e\",\"durationDays\":3,\"durationWeeks\":1}}",
        "{\"asOf\":\"2026-01-15\",\"patient\":{\"id\":\"p\",\"age\":40}}",
        "[1, 2]",
        "\uFEFF{\"asOf\":\"2026-01-15\",\"patient\":{\"id\":\"p\",\"age\":40},\"episode\":{\"id\":\"e\"}}",
        " {\"asOf\":\"2026-01-15\",\"patient\":{\"id\":\"p\",\"age\":40},\"episode\":{\"id\":\"e\"}}",
        "{\u0000\u0000\u0000",
        "{\"asOf\":\"2026-01-15\",",
        "{\"unit\":5,\"asOf\":\"2026-01-15\",\"patient\":{\"id\":\"p\",\"age\":40},\"episode\":{\"id\":\"e\"}}",
        "{\"unit\":\"a\\u0007b\",\"asOf\":\"2026-01-15\",\"patient\":{\"id\":\"p\",\"age\":40},\"episode\":{\"id\":\"e\"}}",
        "{\"unit\":\" \",\"asOf\":\"2026-01-15\",\"patient\":{\"id\":\"p\",\"age\":40},\"episode\":{\"id\":\"e\"}}",
        "{\"unit\":null,\"asOf\":\"2026-01-15\",\"patient\":{\"id\":\"p\",\"age\":40},\"episode\":{\"id\":\"e\"}}",
        "{\"unit\":\"a\",\"unit\":\"b\",\"asOf\":\"2026-01-15\",\"patient\":{\"id\":\"p\",\"age\":40},\"episode\":{\"id\":\"e\"}}",
    })
    void givesUpOnWhatTheCarefulReaderMustNameAndBothWaysSayTheSame(String text) {
        assertNull(PlainRecordReader.read(utf8(text), 0, utf8(text).length, LbpFixture.vocabulary()), text);
        assertEquals(outcome(text, (t, s) -> RecordReader.readRecord(t, s, LbpFixture.vocabulary())), outcome(text, PlainRecordReaderTest::fromBytes), text);
    }

    @Test
    void mutatedRecordsComeOutTheSameWhicheverWayTheyAreRead() throws Exception {
        PopulationGenerator population = new PopulationGenerator(9, LocalDate.of(2026, 1, 15), io.guidelinekb.LbpFixture.population());
        SplittableRandom random = new SplittableRandom(9);
        int plain = 0;
        int rejected = 0;
        for (int i = 0; i < 20_000; i++) {
            ObjectNode record = RecordJson.toJson(population.next());
            int mutations = 1 + random.nextInt(2);
            for (int m = 0; m < mutations; m++) {
                mutate(record, random);
            }
            String text = random.nextInt(10) == 0 ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(record)
                    .replace('\n', ' ') : record.toString();
            if (random.nextInt(20) == 0) {
                text = duplicateAKey(text);
            }
            String careful = outcome(text, (t, s) -> RecordReader.readRecord(t, s, LbpFixture.vocabulary()));
            assertEquals(careful, outcome(text, PlainRecordReaderTest::fromBytes), text);
            if (PlainRecordReader.read(utf8(text), 0, utf8(text).length, LbpFixture.vocabulary()) != null) {
                plain++;
            }
            rejected += careful.startsWith("rejected") ? 1 : 0;
        }
        // the mutations reach both ways: neither is left untested
        assertTrue(plain > 2_000 && rejected > 5_000, plain + " read plainly, " + rejected + " rejected");
    }

    private interface Reading {
        Case read(String text, String source) throws InvalidInputException;
    }

    private static Case fromBytes(String text, String source) throws InvalidInputException {
        byte[] padded = utf8("xx" + text + "yy");
        return RecordReader.readRecord(padded, 2, padded.length - 4, () -> source, LbpFixture.vocabulary());
    }

    private static String outcome(String text, Reading reading) {
        try {
            return "read " + describe(reading.read(text, "in.ndjson:7"));
        } catch (InvalidInputException e) {
            return "rejected " + e.problems();
        }
    }

    private static String describe(Case c) {
        return c.patient() + " " + c.patient().birthDate() + " " + c.patient().ageYears() + " "
                + c.episode().id() + " " + c + " " + c.episode().hashCode();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static final List<BiFunction<ObjectNode, SplittableRandom, JsonNode>> VALUES = List.of(
            (node, random) -> NODES.nullNode(),
            (node, random) -> NODES.numberNode(random.nextInt(-3, 200)),
            (node, random) -> NODES.numberNode(random.nextLong(3_000_000_000L, 9_000_000_000L)),
            (node, random) -> NODES.numberNode(random.nextDouble() * 10),
            (node, random) -> NODES.textNode(random.nextBoolean() ? " " : "x-" + random.nextInt(9)),
            (node, random) -> NODES.textNode(String.format("%04d-%02d-%02d", random.nextInt(1900, 2030),
                    random.nextInt(0, 14), random.nextInt(0, 33))),
            (node, random) -> NODES.textNode(pick(random, "-999999999-01-01", "0000-12-31", "0001-01-01",
                    "9999-12-31", "+10000-01-01")),
            (node, random) -> NODES.booleanNode(random.nextBoolean()),
            (node, random) -> NODES.arrayNode(),
            (node, random) -> NODES.arrayNode().add(pick(random, "LOW_BACK", "BUTTOCK", "MRI", "NSAID",
                    "CAUDA_EQUINA", "FEVER", "low_back", "")),
            (node, random) -> NODES.objectNode());

    private static final Map<String, List<String>> KEYS = Map.of(
            "", CaseReader.CASE_KEYS, "patient", CaseReader.PATIENT_KEYS, "episode", CaseReader.EPISODE_KEYS);

    /** One change somewhere in the record: a key removed, added, unknown, or given another value. */
    private static void mutate(ObjectNode record, SplittableRandom random) {
        String where = pick(random, "", "patient", "episode", "episode");
        JsonNode node = where.isEmpty() ? record : record.get(where);
        if (!(node instanceof ObjectNode target)) {
            return;
        }
        List<String> keys = KEYS.get(where);
        String key = random.nextInt(15) == 0 ? "unknown" : keys.get(random.nextInt(keys.size()));
        switch (random.nextInt(5)) {
            case 0 -> target.remove(key);
            case 1 -> reorder(target, random);
            default -> target.set(key, VALUES.get(random.nextInt(VALUES.size())).apply(target, random));
        }
    }

    private static void reorder(ObjectNode target, SplittableRandom random) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = target.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        if (names.isEmpty()) {
            return;
        }
        String first = names.get(random.nextInt(names.size()));
        JsonNode value = target.remove(first);
        target.set(first, value);
    }

    /** The first {@code "key" : "text",} written twice. */
    private static String duplicateAKey(String text) {
        return text.replaceFirst("(\"\\w+\"\\s*:\\s*\"[^\"]*\"\\s*,)", "$1$1");
    }

    @SafeVarargs
    private static <T> T pick(SplittableRandom random, T... values) {
        return values[random.nextInt(values.length)];
    }
}
