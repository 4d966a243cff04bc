package io.guidelinekb.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Cuts a byte stream into chunks of whole lines without decoding them, so that the one thread
 * reading the input only copies bytes and the workers decode. Memory is bounded in bytes: a line
 * longer than {@link #MAX_RECORD} is skipped to its end without being held (and marked, so that it
 * becomes an error line), and a chunk ends early once it holds {@link #CHUNK_BYTES}. Lines end as
 * {@link java.io.BufferedReader#readLine()} ends them: at {@code \n}, {@code \r} or {@code \r\n}. A
 * UTF-8 byte-order mark at the start of the input, which some editors write, is skipped (and
 * counted as read).
 */
public final class LineChunker {

    /** The longest record read: no record of a patient and episode comes near it. */
    static final int MAX_RECORD = 1 << 20;
    /** A chunk holds at most about this many bytes of records, whatever its line count. */
    static final int CHUNK_BYTES = 4 << 20;

    /**
     * Up to a chunk's worth of lines, one after another in {@code data}.
     *
     * @param tooLong per line, its length in bytes when it was longer than {@link #MAX_RECORD} and
     *                so not kept (its text is then empty); 0 otherwise
     */
    record Lines(byte[] data, int[] starts, int[] ends, long[] tooLong, int count, long bytes) {

        int length(int line) {
            return ends[line] - starts[line];
        }

        String text(int line) {
            return new String(data, starts[line], length(line), StandardCharsets.UTF_8);
        }

        /** Whether the line is empty or only white space, as {@link String#isBlank()} says. */
        boolean isBlank(int line) {
            for (int i = starts[line]; i < ends[line]; i++) {
                byte b = data[i];
                if (b < 0) {
                    return text(line).isBlank();
                }
                if (!Character.isWhitespace(b)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private boolean ended;
    private boolean started;

    LineChunker(InputStream in) {
        this.in = in;
    }

    /** The next lines, at most {@code max}; {@code null} when the input has ended. */
    Lines next(int max) throws IOException {
        byte[] data = new byte[max * 512];
        int[] starts = new int[max];
        int[] ends = new int[max];
        long[] tooLong = new long[max];
        int count = 0;
        int size = 0;
        long consumed = started ? 0 : skipByteOrderMark();
        while (count < max && size < CHUNK_BYTES) {
            int start = size;
            long lineLength = 0;
            boolean lineEnded = false;
            while (!lineEnded) {
                if (position == limit && !fill()) {
                    break;
                }
                int end = position;
                while (end < limit && buffer[end] != '\n' && buffer[end] != '\r') {
                    end++;
                }
                int length = end - position;
                lineLength += length;
                if (lineLength > MAX_RECORD) {
                    size = start;   // drop what was kept of it; the rest is skipped
                } else {
                    if (size + length > data.length) {
                        data = Arrays.copyOf(data, Math.max(2 * data.length, size + length));
                    }
                    System.arraycopy(buffer, position, data, size, length);
                    size += length;
                }
                consumed += length;
                position = end;
                if (end < limit) {
                    position++;
                    consumed++;
                    if (buffer[end] == '\r' && (position < limit || fill()) && buffer[position] == '\n') {
                        position++;
                        consumed++;
                    }
                    lineEnded = true;
                }
            }
            if (!lineEnded && lineLength == 0) {
                break;
            }
            starts[count] = start;
            ends[count] = size;
            tooLong[count] = lineLength > MAX_RECORD ? lineLength : 0;
            count++;
        }
        return count == 0 ? null : new Lines(data, starts, ends, tooLong, count, consumed);
    }

    private int skipByteOrderMark() throws IOException {
        started = true;
        while (limit - position < 3 && !ended) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                ended = true;
            } else {
                limit += read;
            }
        }
        if (limit - position >= 3 && buffer[position] == (byte) 0xEF && buffer[position + 1] == (byte) 0xBB
                && buffer[position + 2] == (byte) 0xBF) {
            position += 3;
            return 3;
        }
        return 0;
    }

    private boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        int read = in.read(buffer);
        if (read < 0) {
            ended = true;
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }
}
