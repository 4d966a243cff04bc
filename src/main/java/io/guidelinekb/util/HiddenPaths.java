package io.guidelinekb.util;

import java.nio.file.Path;

/**
 * Which files under a folder are the folder's own. A name that starts with a dot is not: an
 * editor's swap file, {@code .git}, and the {@code ..data} link and timestamped folder that
 * Kubernetes lays beside the links of a ConfigMap or projected volume, which hold the same files again.
 */
public final class HiddenPaths {

    private HiddenPaths() {
    }

    /**
     * Whether a path under {@code root} passes through a hidden name.
     *
     * @param root the folder walked
     * @param path a path under it
     * @return true when any name between them starts with a dot
     */
    public static boolean hidden(Path root, Path path) {
        for (Path name : root.relativize(path)) {
            if (name.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
