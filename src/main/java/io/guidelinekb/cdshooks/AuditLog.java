package io.guidelinekb.cdshooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The service's audit log: one JSON object a line, written and flushed before the response goes
 * out, so that a clean stop loses none. It never holds a token, an access token or a direct patient
 * identifier: callers put in only times, service ids, hook instances, versions, scope, cards and
 * latencies, and feedback outcomes.
 */
final class AuditLog implements AutoCloseable {

    private final Writer out;

    private AuditLog(Writer out) {
        this.out = out;
    }

    static AuditLog to(Path file) throws IOException {
        return file == null ? new AuditLog(null) : new AuditLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    }

    synchronized void write(ObjectNode line) {
        if (out == null) {
            return;
        }
        try {
            out.write(line.toString());
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException("the audit log cannot be written: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
