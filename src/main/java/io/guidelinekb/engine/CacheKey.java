package io.guidelinekb.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The rule cache's key: SHA-256 over every file of a guideline folder (path in the folder, bytes),
 * the engine's build, the fact model's compiled classes (which the generated classes call), Drools'
 * version and the Java version. Anything the compiled classes depend on is in it.
 */
final class CacheKey {

    private static final String MODEL_PACKAGE = "io/guidelinekb/model/";
    private static volatile byte[] engine;

    private CacheKey() {
    }

    static String of(RuleSources group) {
        MessageDigest sha = sha256();
        sha.update(engine());
        for (List<RuleSources.RuleFile> files : List.of(group.files(), group.bindingFiles(), group.guidelineFiles(),
                group.vocabularyFiles(), group.sourceTexts())) {
            sha.update((byte) 1);
            for (RuleSources.RuleFile file : files) {
                text(sha, file.relativePath());
                sha.update(java.nio.ByteBuffer.allocate(8).putLong(file.content().length).array());
                sha.update(file.content());
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** What stays the same for every folder in this process: worked out once. */
    private static byte[] engine() {
        byte[] digest = engine;
        if (digest == null) {
            MessageDigest sha = sha256();
            text(sha, "guideline-kb rule cache 2");
            text(sha, resource(CacheKey.class, "build.properties"));
            text(sha, resource(org.kie.api.KieServices.class, "/META-INF/maven/org.drools/drools-core/pom.properties"));
            text(sha, System.getProperty("java.specification.version"));
            modelClasses(sha);
            engine = digest = sha.digest();
        }
        return digest;
    }

    private static void modelClasses(MessageDigest sha) {
        try {
            Path location = Path.of(io.guidelinekb.model.Episode.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location.resolve(MODEL_PACKAGE))) {
                    for (Path file : files.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList()) {
                        byte[] bytes = Files.readAllBytes(file);
                        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                        crc.update(bytes);
                        classFile(sha, location.relativize(file).toString().replace(java.io.File.separatorChar, '/'),
                                bytes.length, crc.getValue());
                    }
                }
            } else {
                // a jar's directory holds each file's size and CRC-32: enough to tell changed bytecode, unread
                try (JarFile jar = new JarFile(location.toFile(), false)) {
                    for (JarEntry entry : jar.stream().filter(e -> e.getName().startsWith(MODEL_PACKAGE) && !e.isDirectory())
                            .sorted(Comparator.comparing(JarEntry::getName)).toList()) {
                        classFile(sha, entry.getName(), entry.getSize(), entry.getCrc());
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // not knowing the model's classes, no key may match an earlier one
            text(sha, "unknown model " + System.nanoTime());
        }
    }

    /** A model class by its path, size and CRC-32, the same from a folder of classes as from a jar. */
    private static void classFile(MessageDigest sha, String path, long size, long crc) {
        text(sha, path);
        sha.update(java.nio.ByteBuffer.allocate(16).putLong(size).putLong(crc).array());
    }

    private static String resource(Class<?> near, String name) {
        try (InputStream in = near.getResourceAsStream(name)) {
            return in == null ? "none" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "unreadable " + System.nanoTime();
        }
    }

    private static void text(MessageDigest sha, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sha.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
