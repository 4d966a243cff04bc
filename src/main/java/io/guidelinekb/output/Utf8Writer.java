package io.guidelinekb.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Writes text as UTF-8 to a stream (standard output), a whole string at a time: the JDK's stream
 * writer encodes through intermediate buffers, {@link String#getBytes} copies ASCII text in one step.
 */
public final class Utf8Writer extends Writer {

    private final OutputStream out;

    public Utf8Writer(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        write(text.substring(offset, offset + length));
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        write(new String(chars, offset, length));
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
