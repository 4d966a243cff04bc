package io.guidelinekb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.LbpFixture;
import io.guidelinekb.scenario.InputReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnsiTest {

    @Test
    void colourOnlyOnAConsoleAndNeverWithNoColor() {
        assertEquals("\u001b[32mIN_SCOPE\u001b[0m", Ansi.of(true, null).green("IN_SCOPE"));
        assertEquals("IN_SCOPE", Ansi.of(true, "1").green("IN_SCOPE"), "NO_COLOR set");
        assertEquals("IN_SCOPE", Ansi.of(false, null).green("IN_SCOPE"), "a file or a pipe");
        assertEquals("\u001b[32mIN_SCOPE\u001b[0m", Ansi.of(true, "").green("IN_SCOPE"), "NO_COLOR empty is unset");
    }

    @Test
    void evaluateColoursTheStatusAndTheMarksOnATerminal() throws Exception {
        List<InputReader.Input> inputs = InputReader.read(Path.of(CliTest.EXAMPLE), LbpFixture.knowledgeBase());
        EpisodeResult result = LbpFixture.knowledgeBase().evaluate(inputs.get(0).input());
        StringWriter coloured = new StringWriter();
        StringWriter plain = new StringWriter();

        new TextReport(new PrintWriter(coloured), io.guidelinekb.model.Language.DANISH, Ansi.of(true, null))
                .print(LbpFixture.knowledgeBase(), inputs, List.of(result));
        new TextReport(new PrintWriter(plain), io.guidelinekb.model.Language.DANISH, Ansi.NONE).print(LbpFixture.knowledgeBase(), inputs, List.of(result));

        assertTrue(coloured.toString().contains("  scope: \u001b[32mIN_SCOPE\u001b[0m"), coloured.toString());
        assertTrue(coloured.toString().contains("\u001b[31m⚠\u001b[0m \u001b[31m↓ \u001b[0m"), coloured.toString());
        assertEquals(plain.toString(), coloured.toString().replaceAll("\u001b\\[[0-9]+m", ""));
    }
}
