package io.guidelinekb.engine;

import io.guidelinekb.model.RuleProblem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * One guideline's compiled rules as a file of the rule cache: the executable model's classes, the
 * compiler's warnings, the rules' catalogue ({@link StoredCatalog}) and the sandbox's verdict, with a digest over all of them. A file that does
 * not read whole, or whose digest, key or verdict is not what it should be, is no entry at all.
 */
record CacheEntry(String key, ExecutableModel.Classes classes, List<RuleProblem> warnings, byte[] catalog) {

    private static final String MANIFEST = "entry.properties";
    private static final String WARNINGS = "warnings.tsv";
    private static final String CATALOG = "catalog.bin";
    private static final String CLASSES = "classes/";
    private static final String FORMAT = "2";
    /** Only rules the sandbox accepted are ever written: a refused verdict is never cached. */
    private static final String ACCEPTED = "accepted";
    private static final int TRAILER = 32;

    /** The parts an entry may inflate to, all together: its classes are far smaller; a zip bomb is not. */
    static final long MAX_INFLATED = 256L << 20;

    byte[] toBytes(EntrySeal seal) {
        Map<String, byte[]> parts = parts();
        Properties manifest = new Properties();
        manifest.setProperty("format", FORMAT);
        manifest.setProperty("key", key);
        manifest.setProperty("verdict", ACCEPTED);
        manifest.setProperty("models", String.join(",", classes.models()));
        manifest.setProperty("digest", digest(parts));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> part : parts.entrySet()) {
                put(zip, part.getKey(), part.getValue());
            }
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            manifest.store(text, null);
            put(zip, MANIFEST, text.toByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // a trailer over every byte before it: a flipped bit anywhere, even where the zip does not look, is caught
        byte[] zip = bytes.toByteArray();
        byte[] whole = java.util.Arrays.copyOf(zip, zip.length + TRAILER);
        System.arraycopy(seal.mark(zip, zip.length), 0, whole, zip.length, TRAILER);
        return whole;
    }

    /**
     * The entry in {@code bytes}, or null when they are not a whole entry for {@code expectedKey} that
     * carries the seal's mark. Nothing of it is inflated before the mark is checked, and nothing
     * inflates past {@link #MAX_INFLATED}.
     */
    static CacheEntry read(byte[] bytes, String expectedKey, EntrySeal seal) {
        if (!seal.marked(bytes)) {
            return null;
        }
        Map<String, byte[]> parts = new java.util.TreeMap<>();
        byte[] manifestBytes = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - TRAILER))) {
            long inflated = 0;
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                byte[] content = zip.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_INFLATED - inflated + 1));
                inflated += content.length;
                if (inflated > MAX_INFLATED) {
                    return null;
                }
                if (entry.getName().equals(MANIFEST)) {
                    manifestBytes = content;
                } else {
                    parts.put(entry.getName(), content);
                }
            }
            if (manifestBytes == null) {
                return null;
            }
            Properties manifest = new Properties();
            manifest.load(new StringReader(new String(manifestBytes, StandardCharsets.ISO_8859_1)));
            if (!FORMAT.equals(manifest.getProperty("format")) || !expectedKey.equals(manifest.getProperty("key"))
                    || !ACCEPTED.equals(manifest.getProperty("verdict"))
                    || !digest(parts).equals(manifest.getProperty("digest"))) {
                return null;
            }
            Map<String, byte[]> bytecode = new HashMap<>();
            parts.forEach((name, content) -> {
                if (name.startsWith(CLASSES)) {
                    bytecode.put(name.substring(CLASSES.length()), content);
                }
            });
            List<String> models = List.of(manifest.getProperty("models", "").split(","));
            if (models.isEmpty() || !bytecode.keySet().containsAll(models) || !parts.containsKey(CATALOG)) {
                return null;
            }
            return new CacheEntry(expectedKey, new ExecutableModel.Classes(models, bytecode),
                    warnings(parts.getOrDefault(WARNINGS, new byte[0])), parts.get(CATALOG));
        } catch (IOException | RuntimeException e) {
            // truncated, not a zip, a bad CRC: not an entry, and so rebuilt
            return null;
        }
    }

    private Map<String, byte[]> parts() {
        Map<String, byte[]> parts = new java.util.TreeMap<>();
        classes.bytecode().forEach((name, bytes) -> parts.put(CLASSES + name, bytes));
        StringBuilder text = new StringBuilder();
        for (RuleProblem warning : warnings) {
            text.append(warning.severity()).append('\t').append(field(warning.file())).append('\t').append(warning.line())
                    .append('\t').append(warning.column()).append('\t').append(field(warning.message())).append('\n');
        }
        parts.put(WARNINGS, text.toString().getBytes(StandardCharsets.UTF_8));
        parts.put(CATALOG, catalog);
        return parts;
    }

    private static String field(String text) {
        return text == null ? "" : text.replaceAll("[\\t\\r\\n]", " ");
    }

    private static List<RuleProblem> warnings(byte[] tsv) {
        List<RuleProblem> warnings = new ArrayList<>();
        for (String line : new String(tsv, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                String[] f = line.split("\t", 5);
                warnings.add(new RuleProblem(f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                        RuleProblem.Severity.valueOf(f[0]), f[4]));
            }
        }
        return warnings;
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(0); // the same rules give the same bytes
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String digest(Map<String, byte[]> parts) {
        MessageDigest sha = sha256();
        for (Map.Entry<String, byte[]> part : parts.entrySet()) {
            sha.update(part.getKey().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(java.nio.ByteBuffer.allocate(8).putLong(part.getValue().length).array());
            sha.update(part.getValue());
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
