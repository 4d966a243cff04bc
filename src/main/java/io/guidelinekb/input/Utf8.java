package io.guidelinekb.input;

import io.guidelinekb.util.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Input text as UTF-8, read strictly: a byte sequence that is not UTF-8, or a NUL byte (a binary
 * file), is an error naming where it stands, never a silent U+FFFD that could merge two ids. A
 * byte-order mark at the very start of a file is skipped, in every format; elsewhere it is text
 * that the readers name.
 */
public final class Utf8 {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private Utf8() {
    }

    /**
     * The text of {@code bytes[offset, offset + length)}.
     *
     * @param source names the input in messages: {@code in.ndjson:12} or a file name
     * @param wholeFile true for a whole file: a byte-order mark starting it is skipped, and a bad byte
     *                  is named by line and column; false for one record of a stream, whose bad byte
     *                  is named by its offset in the record
     * @throws InvalidInputException naming the position of the first bad byte
     */
    public static String decode(byte[] bytes, int offset, int length, String source, boolean wholeFile)
            throws InvalidInputException {
        boolean lines = wholeFile;
        int start = offset;
        if (wholeFile && length >= 3 && bytes[offset] == BOM[0] && bytes[offset + 1] == BOM[1] && bytes[offset + 2] == BOM[2]) {
            start += 3;
        }
        int end = offset + length;
        // Within a record, the JSON parser names a NUL as the control character it is.
        for (int i = start; wholeFile && i < end; i++) {
            if (bytes[i] == 0) {
                throw new InvalidInputException(source + where(bytes, start, i, lines)
                        + ": a NUL byte; this looks like a binary file, not UTF-8 text");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, end - start);
        CharBuffer out = CharBuffer.allocate(end - start);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int bad = in.position();
            throw new InvalidInputException(source + where(bytes, start, bad, lines) + ": not UTF-8 (byte 0x"
                    + String.format("%02X", bytes[bad] & 0xFF) + "); save the file as UTF-8");
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** {@code :line:column (byte N)} for a whole file, {@code : byte N} within a record. */
    private static String where(byte[] bytes, int start, int at, boolean lines) {
        if (!lines) {
            return ": byte " + (at - start + 1);
        }
        int line = 1;
        int lineStart = start;
        for (int i = start; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return ":" + line + ":" + (at - lineStart + 1) + " (byte " + (at - start + 1) + ")";
    }
}
