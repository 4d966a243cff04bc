package io.guidelinekb.engine;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule cache's folder, when it may be used: the user's own and nobody else's to write in. Made
 * {@code rwx------} when it is not there; refused, with one warning naming why, when it is a link,
 * belongs to another user, or lets others write (a shared {@code XDG_CACHE_HOME} left 777), since
 * whoever can write there could plant what the cache loads.
 */
final class CacheFolder {

    private static final Logger LOG = LoggerFactory.getLogger(RuleCache.class);
    private static final String FAILED = ".failed";
    private static final Set<PosixFilePermission> OTHERS_WRITE = Set.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);

    private final Path directory;
    private final EntrySeal seal;

    private CacheFolder(Path directory, EntrySeal seal) {
        this.directory = directory;
        this.seal = seal;
    }

    /** The folder, made when it is not there; a folder that may not be used when it fails a check. */
    static CacheFolder open(Path directory, boolean keyed) {
        try {
            String refused = refusal(directory);
            if (refused != null) {
                return refuse(directory, refused);
            }
            return new CacheFolder(directory, keyed ? EntrySeal.of(directory) : EntrySeal.unkeyed());
        } catch (IOException e) {
            return refuse(directory, "its key cannot be used: " + CacheProblems.reason(e));
        }
    }

    private static CacheFolder refuse(Path directory, String why) {
        CacheProblems.count(CacheProblems.REFUSED);
        LOG.warn("rule cache: {} is not used: {}; the rules compile from DRL (make the folder yours alone, "
                + "chmod 700, or set XDG_CACHE_HOME to one that is)", directory, why);
        return new CacheFolder(directory, null);
    }

    /** Why the folder may not be used, or null when it may. */
    private static String refusal(Path directory) throws IOException {
        if (Files.isSymbolicLink(directory)) {
            return "it is a link";
        }
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(directory.toAbsolutePath().getParent());
            try {
                Files.createDirectory(directory);
            } catch (FileAlreadyExistsException e) {
                // another process made it at the same moment: checked below like any folder found
            }
            if (posix) {
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            }
        }
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return "it is not a folder";
        }
        if (!posix) {
            return null;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory, LinkOption.NOFOLLOW_LINKS);
        if (permissions.stream().anyMatch(OTHERS_WRITE::contains)) {
            return "others may write in it (" + PosixFilePermissions.toString(permissions) + ")";
        }
        Integer owner = uid(directory);
        Integer self = uid(Path.of("/proc/self"));
        if (owner != null && self != null && !owner.equals(self)) {
            return "it belongs to another user (uid " + owner + ")";
        }
        return null;
    }

    private static Integer uid(Path path) {
        try {
            return (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return null;
        }
    }

    boolean usable() {
        return seal != null;
    }

    EntrySeal seal() {
        return seal;
    }

    /** Whether the executable model of this content was found not to build. */
    boolean failed(String key) {
        return Files.exists(directory.resolve(key + FAILED), LinkOption.NOFOLLOW_LINKS);
    }

    void markFailed(String key) {
        try {
            Files.createFile(directory.resolve(key + FAILED));
        } catch (IOException e) {
            // already marked, or not writable: the next start tries once more
        }
    }

    static boolean isFailedMark(String name) {
        return name.endsWith(FAILED);
    }
}
