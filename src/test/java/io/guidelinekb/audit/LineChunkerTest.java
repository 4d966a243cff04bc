package io.guidelinekb.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LineChunkerTest {

    @Test
    void cutsLinesWhereBufferedReaderDoesWhateverTheReadsAndChunkSizes() throws IOException {
        SplittableRandom random = new SplittableRandom(4);
        String[] pieces = {"a", "{\"x\":1}", " ", "\t", "\n", "\r", "\r\n", "é", "ø", "\n\n"};
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            LineChunker chunker = new LineChunker(new Trickle(bytes, random));
            List<String> lines = new ArrayList<>();
            long consumed = 0;
            LineChunker.Lines chunk;
            int max = 1 + random.nextInt(4);
            while ((chunk = chunker.next(max)) != null) {
                assertTrue(chunk.count() >= 1 && chunk.count() <= max);
                for (int line = 0; line < chunk.count(); line++) {
                    lines.add(chunk.text(line));
                    assertEquals(chunk.text(line).isBlank(), chunk.isBlank(line));
                }
                consumed += chunk.bytes();
            }
            assertEquals(readLines(text.toString()), lines, text.toString());
            assertEquals(bytes.length, consumed, "every byte is counted for the progress bar");
            assertNull(chunker.next(max));
        }
    }

    @Test
    void aByteOrderMarkAtTheStartIsSkippedAndCountedButNotElsewhere() throws IOException {
        byte[] bytes = "\uFEFFone\n\uFEFFtwo".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 50; i++) {
            LineChunker.Lines chunk = new LineChunker(new Trickle(bytes, new SplittableRandom(i))).next(5);
            assertEquals(List.of("one", "\uFEFFtwo"), List.of(chunk.text(0), chunk.text(1)));
            assertEquals(bytes.length, chunk.bytes());
        }
        assertNull(new LineChunker(new ByteArrayInputStream("\uFEFF".getBytes(StandardCharsets.UTF_8))).next(1),
                "a byte-order mark alone is no line");
    }

    @Test
    void aLineLongerThanTheBufferIsKeptWhole() throws IOException {
        String longLine = "x".repeat(300_000);
        byte[] bytes = (longLine + "\nshort").getBytes(StandardCharsets.UTF_8);
        LineChunker.Lines chunk = new LineChunker(new ByteArrayInputStream(bytes)).next(2);
        assertEquals(2, chunk.count());
        assertEquals(longLine, chunk.text(0));
        assertEquals("short", chunk.text(1));
    }

    private static List<String> readLines(String text) throws IOException {
        List<String> lines = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new StringReader(text));
        for (String line; (line = reader.readLine()) != null; ) {
            lines.add(line);
        }
        return lines;
    }

    /** Hands out its bytes a few at a time, as a pipe does. */
    private static final class Trickle extends InputStream {
        private final byte[] bytes;
        private final SplittableRandom random;
        private int position;

        Trickle(byte[] bytes, SplittableRandom random) {
            this.bytes = bytes;
            this.random = random;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (position == bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(length, 1 + random.nextInt(5)), bytes.length - position);
            System.arraycopy(bytes, position, into, offset, n);
            position += n;
            return n;
        }
    }
}
