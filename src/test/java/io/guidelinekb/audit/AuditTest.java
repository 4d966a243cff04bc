package io.guidelinekb.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.LbpFixture;
import io.guidelinekb.util.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A population audit from Java, as a hospital's program runs it: no command line, no picocli. */
class AuditTest {

    private static final String MRI = "{\"asOf\":\"2026-03-10\",\"patient\":{\"id\":\"p1\",\"age\":40},\"episode\":"
            + "{\"id\":\"e1\",\"durationDays\":10,\"painLocation\":[\"LOW_BACK\"],\"redFlagsScreened\":true,"
            + "\"proposedInterventions\":[\"MRI\"]}}";
    private static final String EXERCISE = MRI.replace("p1", "p2").replace("e1", "e2").replace("MRI", "SUPERVISED_EXERCISE");
    private static final String BAD_AGE = "{\"asOf\":\"2026-03-10\",\"patient\":{\"id\":\"p3\",\"age\":-3},\"episode\":{\"id\":\"e3\"}}";

    @TempDir
    Path temp;

    @Test
    void auditsFilesAndCountsEveryRecordReadAsEvaluatedOrRejected() throws Exception {
        Path input = Files.writeString(temp.resolve("records.ndjson"), String.join("\n", MRI, BAD_AGE, EXERCISE) + "\n");
        Path out = temp.resolve("results.ndjson");
        Path report = temp.resolve("audit.html");
        Path csv = temp.resolve("flagged.csv");

        Audit.Counts counts = Audit.run(LbpFixture.knowledgeBase(), new Audit.Request(input, out, report, csv, 2, io.guidelinekb.model.Language.ENGLISH));

        assertEquals(new Audit.Counts(3, 2, 1, counts.seconds()), counts);
        assertFalse(counts.allEvaluated());
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).contains("\"episodeId\":\"e1\"") && lines.get(0).contains("FIX-LBP-04"), lines.get(0));
        assertTrue(lines.get(1).contains("patient.age"), lines.get(1));
        assertTrue(lines.get(2).contains("\"episodeId\":\"e2\""), lines.get(2));
        assertTrue(Files.readString(report).contains("FIX-LBP-04"));
        List<String> flagged = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(2, flagged.size(), "a header and the MRI episode against FIX-LBP-04: " + flagged);
        assertTrue(flagged.get(1).contains("e1") && flagged.get(1).contains("FIX-LBP-04"), flagged.get(1));
    }

    @Test
    void refusesAnOutputThatIsTheInputBeforeTouchingAnything() throws Exception {
        Path input = Files.writeString(temp.resolve("records.ndjson"), MRI + "\n");

        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> Audit.run(
                LbpFixture.knowledgeBase(), new Audit.Request(input, input, null, null, 2, io.guidelinekb.model.Language.DANISH)));

        assertTrue(refused.getMessage().contains("--out"), refused.getMessage());
        assertEquals(MRI + "\n", Files.readString(input));
        assertEquals(List.of(input), Files.list(temp).toList());
    }

    @Test
    void refusesThreadsOutsideOneToSixtyFour() throws Exception {
        Path input = Files.writeString(temp.resolve("records.ndjson"), MRI + "\n");

        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> Audit.run(
                LbpFixture.knowledgeBase(), new Audit.Request(input, temp.resolve("out"), null, null, 0, io.guidelinekb.model.Language.DANISH)));

        assertEquals("--threads: must be 1 to 64, got 0", refused.getMessage());
    }
}
