package io.guidelinekb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code evaluate … | head}: a reader that closes the pipe early ends the run quietly, as it ends cat's. */
@io.guidelinekb.IntegrationTest
class ClosedPipeTest {

    @Test
    void aReaderThatClosesThePipeEndsTheRunQuietly() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--rules", CliTest.RULES, "evaluate", "--format", "json",
                "src/test/resources/fixture/facts/fixture-lbp/recommendations/every-intervention-proposed-triggers-all-ten.yaml"))
                .redirectOutput(ProcessBuilder.Redirect.PIPE).start();
        process.getInputStream().close();   // the reader is gone before the first byte

        assertEquals(true, process.waitFor(120, TimeUnit.SECONDS));
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals("", err.lines().filter(l -> !l.startsWith("WARNING")).reduce("", String::concat), err);
        assertEquals(0, process.exitValue(), err);
    }
}
