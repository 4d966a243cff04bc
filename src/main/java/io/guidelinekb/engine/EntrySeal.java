package io.guidelinekb.engine;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Set;

/**
 * The mark that an entry of the rule cache was written by this installation: an HMAC-SHA256 over its
 * bytes with a key that only this user's cache folder holds ({@code key}, readable by its owner
 * alone). A digest anyone can recompute would let whoever can write a file there plant classes that
 * the cache then loads; a mark needs the key. Entries a build put on the class path are the build's
 * own, and carry a plain SHA-256.
 */
final class EntrySeal {

    static final int LENGTH = 32;
    private static final int BLOCK = 64;
    private static final String KEY_FILE = "key";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** The key, or null for the class path's entries. */
    private final byte[] key;

    private EntrySeal(byte[] key) {
        this.key = key;
    }

    /** The seal of entries a build put on the class path. */
    static EntrySeal unkeyed() {
        return new EntrySeal(null);
    }

    /**
     * The installation's seal, read from the folder, or made there the first time: 32 random bytes in
     * a file only its owner can read.
     *
     * @throws IOException when the key cannot be read or made, or is a link, or others may read it
     */
    static EntrySeal of(Path directory) throws IOException {
        Path file = directory.resolve(KEY_FILE);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            Path temporary = Files.createTempFile(directory, ".key.", ".tmp", posix(directory)
                    ? new java.nio.file.attribute.FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                    : new java.nio.file.attribute.FileAttribute<?>[0]);
            try {
                Files.write(temporary, fresh);
                Files.createLink(file, temporary);   // first writer wins; a second process reads the first's
            } catch (FileAlreadyExistsException e) {
                // another process made it at the same moment
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(file + " is not a plain file");
        }
        if (posix(directory) && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS))) {
            throw new IOException(file + " may be read by others ("
                    + PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)) + ")");
        }
        byte[] key = Files.readAllBytes(file);
        if (key.length != 32) {
            throw new IOException(file + " is not a key of 32 bytes");
        }
        return new EntrySeal(key);
    }

    private static boolean posix(Path directory) {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** The mark of the first {@code length} bytes. */
    byte[] mark(byte[] bytes, int length) {
        try {
            if (key == null) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update(bytes, 0, length);
                return sha.digest();
            }
            return hmacSha256(key, bytes, length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * HMAC-SHA256 (RFC 2104) of a key of at most 64 bytes, over a digest: what {@code Mac} computes
     * (the test compares them), without the cryptography framework's start-up, a tenth of a cold run.
     */
    static byte[] hmacSha256(byte[] key, byte[] bytes, int length) throws GeneralSecurityException {
        byte[] inner = new byte[BLOCK];
        byte[] outer = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            byte k = i < key.length ? key[i] : 0;
            inner[i] = (byte) (k ^ 0x36);
            outer[i] = (byte) (k ^ 0x5c);
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(inner);
        sha.update(bytes, 0, length);
        byte[] innerHash = sha.digest();
        sha.update(outer);
        return sha.digest(innerHash);
    }

    /** Whether the bytes end with the mark of what comes before it. */
    boolean marked(byte[] bytes) {
        if (bytes.length <= LENGTH) {
            return false;
        }
        return MessageDigest.isEqual(mark(bytes, bytes.length - LENGTH),
                java.util.Arrays.copyOfRange(bytes, bytes.length - LENGTH, bytes.length));
    }
}
