package io.guidelinekb.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * An output that says which output failed: a full disk or a closed pipe becomes a {@link Failure}
 * naming it, never mistaken for a problem with the input. A {@link PrintWriter} hides its errors,
 * so one is asked after every write.
 */
public final class NamedOutput extends OutputStream {

    /** Writing to the named output failed. */
    public static final class Failure extends IOException {
        private final String output;

        public Failure(String output, IOException cause) {
            super(output + ": cannot write: " + (cause.getMessage() == null ? cause.getClass().getSimpleName()
                    : cause.getMessage()), cause);
            this.output = output;
        }

        String output() {
            return output;
        }
    }

    private final String name;
    private final OutputStream out;
    private final Writer writer;

    private NamedOutput(String name, OutputStream out, Writer writer) {
        this.name = name;
        this.out = out;
        this.writer = writer;
    }

    public static NamedOutput of(String name, OutputStream out) {
        return new NamedOutput(name, out, null);
    }

    /** UTF-8 bytes to the command line's writer (standard output), which batch's chunks of whole lines suit. */
    public static NamedOutput of(String name, Writer writer) {
        return new NamedOutput(name, null, writer);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        try {
            if (writer != null) {
                writer.write(new String(bytes, offset, length, java.nio.charset.StandardCharsets.UTF_8));
                if (writer instanceof PrintWriter printWriter && printWriter.checkError()) {
                    throw new IOException("the output was closed (a closed pipe?) or failed");
                }
            } else {
                out.write(bytes, offset, length);
            }
        } catch (Failure e) {
            throw e;
        } catch (IOException e) {
            throw new Failure(name, e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void flush() throws IOException {
        try {
            if (writer != null) {
                writer.flush();
                if (writer instanceof PrintWriter printWriter && printWriter.checkError()) {
                    throw new IOException("the output was closed (a closed pipe?) or failed");
                }
            } else {
                out.flush();
            }
        } catch (Failure e) {
            throw e;
        } catch (IOException e) {
            throw new Failure(name, e);
        }
    }

    /** Flushes; a file is closed, the command line's writer is left open. */
    @Override
    public void close() throws IOException {
        flush();
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new Failure(name, e);
            }
        }
    }
}
