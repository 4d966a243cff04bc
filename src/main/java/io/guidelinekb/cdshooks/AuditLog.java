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

    /** The key of patients' pseudonyms, or null when there is no audit log to write them to. */
    private final byte[] pseudonymKey;

    private AuditLog(Writer out) {
        this(out, null);
    }

    private AuditLog(Writer out, byte[] pseudonymKey) {
        this.pseudonymKey = pseudonymKey;
        this.out = out;
    }

    static AuditLog to(Path file) throws IOException {
        return file == null ? new AuditLog(null) : new AuditLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND), pseudonymKey(file));
    }

    /**
     * The key of the audit log's patient pseudonyms: {@code FILE.key} beside it, 32 random bytes made
     * the first time and readable by the owner alone, or provided there as configuration (a mounted
     * secret), so that one patient has one pseudonym across restarts and replicas that share the key.
     */
    private static byte[] pseudonymKey(Path file) throws IOException {
        Path key = file.resolveSibling(file.getFileName() + ".key");
        if (!Files.exists(key)) {
            byte[] fresh = new byte[32];
            new java.security.SecureRandom().nextBytes(fresh);
            Path made = Files.createTempFile(key.toAbsolutePath().getParent(), ".audit-key.", ".tmp");
            try {
                if (key.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(made, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                }
                Files.write(made, fresh);
                Files.move(made, key, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // made at the same moment by another process: read below
            } finally {
                Files.deleteIfExists(made);
            }
        }
        byte[] bytes = Files.readAllBytes(key);
        if (bytes.length < 16) {
            throw new IOException(key + ": a pseudonym key of at least 16 bytes is needed");
        }
        return bytes;
    }

    /**
     * A stable pseudonym of a patient: the start of an HMAC-SHA256 of the id with the log's key, so
     * that a patient's calls can be followed through the log without the id ever being written.
     *
     * @return {@code hmac:} and 32 hex digits, or null when there is no audit log
     */
    String pseudonym(String patientId) {
        if (pseudonymKey == null) {
            return null;
        }
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(pseudonymKey, "HmacSHA256"));
            return "hmac:" + java.util.HexFormat.of().formatHex(mac.doFinal(patientId.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
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
