package io.guidelinekb.cli;

import static io.guidelinekb.cli.BatchTest.GOOD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No output path may cost a file: backups are compared with the input and with each other, special
 * files and links are written through and never renamed, and a standard output that cannot be
 * written ends the run with exit 5.
 */
@io.guidelinekb.IntegrationTest
class OutputSafetyTest {

    @TempDir
    Path temp;

    private Path records(String name) throws Exception {
        return Files.write(temp.resolve(name), List.of(String.format(GOOD, 1, 1), String.format(GOOD, 2, 2)));
    }

    @Test
    void anOutputWhoseBackupIsTheInputIsRefusedBeforeTheInputIsTouched() throws Exception {
        Path in = records("o.ndjson.previous");
        Files.writeString(temp.resolve("o.ndjson"), "an earlier run\n");
        byte[] before = Files.readAllBytes(in);

        CliTest.Run run = CliTest.run("batch", in.toString(), "--out", temp.resolve("o.ndjson").toString(),
                "--progress", "none");

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("--out " + temp.resolve("o.ndjson") + ": its backup " + in + ": is the input ("
                + in + "); it would be overwritten; nothing was written"), run.err());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(in)), "the input is untouched");
        assertEquals("an earlier run\n", Files.readString(temp.resolve("o.ndjson")));
    }

    @Test
    void aCsvNamedAsTheResultsBackupIsRefusedAndBothEarlierFilesStay() throws Exception {
        Path in = records("in.ndjson");
        Files.writeString(temp.resolve("o.ndjson"), "earlier results\n");
        Files.writeString(temp.resolve("o.ndjson.previous"), "older results\n");

        CliTest.Run run = CliTest.run("batch", in.toString(), "--out", temp.resolve("o.ndjson").toString(),
                "--csv", temp.resolve("o.ndjson.previous").toString(), "--progress", "none");

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("--csv " + temp.resolve("o.ndjson.previous") + ": is --out's backup ("
                + temp.resolve("o.ndjson.previous") + ")"), run.err());
        assertEquals("earlier results\n", Files.readString(temp.resolve("o.ndjson")));
        assertEquals("older results\n", Files.readString(temp.resolve("o.ndjson.previous")));
    }

    @Test
    void aBackupPathThatIsALinkIsNeverReplaced() throws Exception {
        Path in = records("in.ndjson");
        Path elsewhere = Files.writeString(temp.resolve("precious.txt"), "precious\n");
        Files.writeString(temp.resolve("o.ndjson"), "earlier results\n");
        Files.createSymbolicLink(temp.resolve("o.ndjson.previous"), elsewhere);

        CliTest.Run run = CliTest.run("batch", in.toString(), "--out", temp.resolve("o.ndjson").toString(),
                "--progress", "none");

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("its backup " + temp.resolve("o.ndjson.previous") + " is a link, which batch never "
                + "replaces"), run.err());
        assertTrue(Files.isSymbolicLink(temp.resolve("o.ndjson.previous")));
        assertEquals("precious\n", Files.readString(elsewhere));
        assertEquals("earlier results\n", Files.readString(temp.resolve("o.ndjson")));
    }

    @Test
    void anOutputThatIsALinkIsWrittenThroughToItsTargetAndStaysALink() throws Exception {
        Path in = records("in.ndjson");
        Path target = Files.writeString(Files.createDirectories(temp.resolve("real")).resolve("results.ndjson"),
                "earlier results\n");
        Path link = Files.createSymbolicLink(temp.resolve("results-link.ndjson"), target);

        CliTest.Run run = CliTest.run("batch", in.toString(), "--out", link.toString(), "--progress", "none");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertEquals(2, Files.readAllLines(target).size(), "the results went to the link's target");
        assertEquals("earlier results\n", Files.readString(target.resolveSibling("results.ndjson.previous")));
        assertFalse(Files.exists(temp.resolve("results-link.ndjson.previous"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aLinkToNothingIsRefused() throws Exception {
        Path in = records("in.ndjson");
        Path link = Files.createSymbolicLink(temp.resolve("dangling.ndjson"), temp.resolve("nowhere/x.ndjson"));

        CliTest.Run run = CliTest.run("batch", in.toString(), "--out", link.toString(), "--progress", "none");

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("--out " + link + ": is a link to nothing"), run.err());
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void aSpecialFileIsWrittenStraightToNeverRenamedOrBackedUp() throws Exception {
        Path in = records("in.ndjson");
        Path fifo = temp.resolve("results.fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo, StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        CliTest.Run run = CliTest.run("batch", in.toString(), "--out", fifo.toString(), "--progress", "none");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(2, reader.get(30, TimeUnit.SECONDS).lines().count(), "both results came through the pipe");
        assertTrue(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS),
                "the pipe is still a pipe");
        assertEquals(List.of(fifo, in), Files.list(temp).sorted((a, b) -> b.compareTo(a)).toList(),
                "no .partial or .previous beside it");
    }

    @Test
    void standardOutputThatCannotBeWrittenEndsEvaluateAndBatchWithExitFive() throws Exception {
        Path in = records("in.ndjson");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        for (List<String> command : List.of(List.of("evaluate", in.toString()),
                List.of("batch", in.toString(), "--progress", "none"))) {
            List<String> line = new java.util.ArrayList<>(List.of(java, "-cp", classpath, "io.guidelinekb.cli.Main"));
            line.addAll(command);
            Path err = temp.resolve("err.txt");
            Process process = new ProcessBuilder(line).redirectOutput(new java.io.File("/dev/full"))
                    .redirectError(err.toFile()).start();
            assertTrue(process.waitFor(2, TimeUnit.MINUTES));
            String message = Files.readString(err);
            assertEquals(5, process.exitValue(), command + ": " + message);
            assertTrue(message.contains("stdout: cannot write"), message);
            assertFalse(message.contains("\tat "), "no stack trace: " + message);
        }
    }
}
