package io.guidelinekb.input;

import io.guidelinekb.util.InvalidInputException;
import io.guidelinekb.LbpFixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.scenario.InputReader;
import io.guidelinekb.util.Identifiers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input is read strictly: nothing after the first document, UTF-8 only, plausible values, printable ids. */
class StrictInputTest {

    static final String RECORD = "{\"asOf\":\"2026-03-10\",\"patient\":{\"id\":\"p1\",\"age\":40},\"episode\":{\"id\":\"e1\","
            + "\"durationDays\":10,\"painLocation\":[\"LOW_BACK\"],\"redFlagsScreened\":true}}";
    static final String SCENARIO = """
            name: one
            asOf: 2026-03-10
            patient: {id: p1, age: 40}
            episode: {id: e1, durationDays: 10, painLocation: [LOW_BACK], redFlagsScreened: true}
            expect: {scope: IN_SCOPE}
            """;

    @TempDir
    Path temp;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(temp.resolve(name), text);
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(temp.resolve(name), bytes);
    }

    private String problem(Path file) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> InputReader.read(file, LbpFixture.knowledgeBase()));
        assertEquals(1, e.problems().size(), e.getMessage());
        return e.problems().get(0);
    }

    @Test
    void aSecondYamlDocumentIsAnErrorNotDropped() throws Exception {
        Path file = write("two.yaml", SCENARIO + "---\n" + SCENARIO.replace("p1", "p2"));
        String problem = problem(file);
        assertEquals(file + ":7:1: syntax error: content after the first document: a file holds one scenario or "
                + "record (several records go one a line in .ndjson)", problem);
    }

    @Test
    void contentAfterTheJsonObjectIsAnError() throws Exception {
        Path file = write("two.json", RECORD + "\n" + RECORD);
        String problem = problem(file);
        assertTrue(problem.startsWith(file + ":2:1: syntax error: content after the first document"), problem);
    }

    @Test
    void contentAfterTheObjectOnAnNdjsonLineIsAnError() throws Exception {
        Path file = write("in.ndjson", RECORD + "\n" + RECORD + " " + RECORD + "\n");
        String problem = problem(file);
        assertTrue(problem.startsWith(file + ":2:"), problem);
        assertTrue(problem.contains("content after the first document"), problem);
        byte[] line = (RECORD + " " + RECORD).getBytes(StandardCharsets.UTF_8);
        InvalidInputException bytes = assertThrows(InvalidInputException.class,
                () -> RecordReader.readRecord(line, 0, line.length, () -> "in.ndjson:2", LbpFixture.vocabulary()));
        assertTrue(bytes.getMessage().contains("content after the first document"), bytes.getMessage());
    }

    @Test
    void invalidUtf8IsNamedWithItsPositionEverywhere() throws Exception {
        byte[] record = RECORD.replace("\"p1\"", "\"p\u00e91\"").getBytes(StandardCharsets.UTF_8);
        int at = RECORD.indexOf("\"p1\"") + 2;
        record[at + 1] = (byte) 0x28;   // the second byte of é broken: not UTF-8
        InvalidInputException batch = assertThrows(InvalidInputException.class,
                () -> RecordReader.readRecord(record, 0, record.length, () -> "in.ndjson:3", LbpFixture.vocabulary()));
        assertEquals("in.ndjson:3: byte " + (at + 1) + ": not UTF-8 (byte 0xC3); save the file as UTF-8",
                batch.getMessage());

        byte[] file = (RECORD + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] withBad = new byte[file.length + record.length + 1];
        System.arraycopy(file, 0, withBad, 0, file.length);
        System.arraycopy(record, 0, withBad, file.length, record.length);
        withBad[withBad.length - 1] = '\n';
        Path stream = write("bad.ndjson", withBad);
        assertEquals(stream + ":2:" + (at + 1) + " (byte " + (file.length + at + 1) + "): not UTF-8 (byte 0xC3); "
                + "save the file as UTF-8", problem(stream));
    }

    @Test
    void aByteOrderMarkStartingAFileIsSkippedInEveryFormat() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        for (String name : List.of("s.yaml", "r.json", "r.ndjson")) {
            byte[] text = (name.endsWith("yaml") ? SCENARIO : RECORD + "\n").getBytes(StandardCharsets.UTF_8);
            byte[] withBom = new byte[bom.length + text.length];
            System.arraycopy(bom, 0, withBom, 0, 3);
            System.arraycopy(text, 0, withBom, 3, text.length);
            assertEquals(1, InputReader.read(write(name, withBom), LbpFixture.knowledgeBase()).size(), name);
        }
    }

    @Test
    void binaryAndEmptyFilesAreNamedWithAPosition() throws Exception {
        Path binary = write("photo.json", new byte[] {'{', 0, 1, 2});
        assertEquals(binary + ":1:2 (byte 2): a NUL byte; this looks like a binary file, not UTF-8 text", problem(binary));
        Path empty = write("empty.json", "");
        assertTrue(problem(empty).startsWith(empty + ": empty; expected a mapping"), problem(empty));
    }

    @Test
    void yamlBooleansAreTrueOrFalseOnly() throws Exception {
        for (String word : List.of("yes", "on", "y", "Yes", "off", "no")) {
            Path file = write("b.yaml", SCENARIO.replace("redFlagsScreened: true", "redFlagsScreened: " + word));
            String problem = problem(file);
            assertEquals(file + ": episode.redFlagsScreened: expected true or false, got text \"" + word + "\"", problem);
        }
    }

    @Test
    void implausibleValuesAreErrors() throws Exception {
        assertEquals("a.yaml: patient.age: 2147483647 is not a plausible age (0 to 130)", problem(write("a.yaml",
                SCENARIO.replace("age: 40", "age: 2147483647"))).replace(temp + "/", ""));
        assertEquals("b.yaml: patient.birthDate: 0001-01-01 is more than 130 years before asOf 2026-03-10; not a "
                + "plausible birth date", problem(write("b.yaml", SCENARIO.replace("age: 40", "birthDate: 0001-01-01")))
                .replace(temp + "/", ""));
        assertEquals("c.yaml: episode.durationDays: 99999999 is not a plausible duration (at most 47580 days)",
                problem(write("c.yaml", SCENARIO.replace("durationDays: 10", "durationDays: 99999999")))
                        .replace(temp + "/", ""));
    }

    @Test
    void idsWithControlCharactersAreRefusedAndNeverPrintedRaw() throws Exception {
        Path file = write("id.json", RECORD.replace("\"p1\"", "\"p1\\nscope: IN_SCOPE\""));
        String problem = problem(file);
        assertEquals(file + ": patient.id: \"p1\\u000Ascope: IN_SCOPE\" contains the control character U+000A at "
                + "position 3; only printable text is allowed", problem);
        assertTrue(!problem.contains("\n"));
        assertEquals("a\\u202Eb\\u0007", Identifiers.printable("a\u202Eb\u0007"));
        assertEquals("plain", Identifiers.printable("plain"));
    }
}
