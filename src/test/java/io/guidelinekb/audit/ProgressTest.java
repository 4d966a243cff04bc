package io.guidelinekb.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void onATerminalALiveBarWithCountRateAndEta() throws Exception {
        StringWriter err = new StringWriter();
        long[] now = {0};
        Progress progress = new Progress(new PrintWriter(err), true, 1000, true, () -> now[0]);
        now[0] += 250_000_000L;   // a quarter of a second: past the live bar's 200 ms
        progress.advance(1234, 250);
        progress.finish();
        String shown = err.toString();
        assertTrue(shown.startsWith("\rbatch: [########......................]  25% 1,234 records, "), shown);
        assertTrue(shown.contains("records/s, ETA "), shown);
        assertTrue(shown.endsWith("\n"), "the bar is closed before the summary");
    }

    @Test
    void elsewhereAPlainLineEveryFewSecondsAndNothingWhenAskedForNone() throws Exception {
        StringWriter plain = new StringWriter();
        long[] now = {0};
        Progress progress = new Progress(new PrintWriter(plain), false, 0, true, () -> now[0]);
        now[0] += 4_999_000_000L;
        progress.advance(10, 100);
        assertEquals("", plain.toString(), "not before five seconds");
        now[0] += 1_000_000L;
        progress.advance(10, 100);
        assertEquals("batch: 20 records, 4 records/s\n", plain.toString(), "at five seconds");

        StringWriter none = new StringWriter();
        Progress silent = new Progress(new PrintWriter(none), true, 100, false, () -> now[0]);
        now[0] += 250_000_000L;
        silent.advance(10, 100);
        silent.finish();
        assertEquals("", none.toString());
        assertEquals(10, silent.records());
    }
}
