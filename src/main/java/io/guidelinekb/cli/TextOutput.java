package io.guidelinekb.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 bytes to a {@link Writer} such as the command line's standard output. Each write must
 * hold whole characters, as batch's chunks of whole lines do. Closing flushes the writer and
 * leaves it open: it belongs to the command line.
 */
final class TextOutput extends OutputStream {

    private final Writer out;

    TextOutput(Writer out) {
        this.out = out;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(new String(bytes, offset, length, StandardCharsets.UTF_8));
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
