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
 * latencies, and feedback outcomes. A hook instance is kept as sent only when it is a UUID, as CDS
 * Hooks says it is; anything else (a CPR number was seen) is kept as a hash. Every character that
 * some reader takes for a line break (U+0085, U+2028, U+2029) is written as an escape, as JSON
 * writes the ASCII controls, so that one entry is always one line.
 */
final class AuditLog implements AutoCloseable {

    private static final java.util.regex.Pattern UUID = java.util.regex.Pattern.compile(
            "(urn:uuid:)?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final com.fasterxml.jackson.databind.ObjectWriter LINES = Cards.JSON.writer()
            .with(new LineSafe());

    /** ASCII controls as JSON always escapes them, and the characters that break lines beyond ASCII. */
    private static final class LineSafe extends com.fasterxml.jackson.core.io.CharacterEscapes {
        private final int[] ascii = standardAsciiEscapesForJSON();

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
            if (ch == 0x85 || ch == 0x2028 || ch == 0x2029 || Character.getType(ch) == Character.CONTROL
                    || Character.getType(ch) == Character.FORMAT) {
                return new com.fasterxml.jackson.core.io.SerializedString(String.format("\\u%04X", ch));
            }
            return null;
        }
    }

    /** How a hook instance is logged: as sent when a UUID, otherwise the start of its SHA-256. */
    static String hookInstance(String sent) {
        if (UUID.matcher(sent).matches()) {
            return sent;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(sent.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

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
            out.write(LINES.writeValueAsString(line));
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
