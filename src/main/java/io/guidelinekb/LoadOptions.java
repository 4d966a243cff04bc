package io.guidelinekb;

import io.guidelinekb.engine.RuleCache;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link KnowledgeBase} loads rules: where compiled rules are kept between loads, and whether one
 * guideline of a folder loads alone. Immutable; each {@code with…} returns a new one.
 *
 * <pre>
 * KnowledgeBase kb = KnowledgeBase.load(Path.of("rules"), LoadOptions.defaults().withoutCache());
 * </pre>
 */
public final class LoadOptions {

    private enum Cache { USER, NONE, FOLDER }

    private final Cache cache;
    private final Path cacheFolder;
    private final String guideline;

    private LoadOptions(Cache cache, Path cacheFolder, String guideline) {
        this.cache = cache;
        this.cacheFolder = cacheFolder;
        this.guideline = guideline;
    }

    /**
     * Every guideline of the folder, with compiled rules kept in the user's cache
     * ({@code $XDG_CACHE_HOME/guideline-kb}, else {@code ~/.cache/guideline-kb}; none when the
     * environment variable {@code GUIDELINE_KB_CACHE} is {@code off}). A cache entry is used only
     * when its seal and its content hash check.
     *
     * @return the default options
     */
    public static LoadOptions defaults() {
        return new LoadOptions(Cache.USER, null, null);
    }

    /**
     * These options, compiling every load afresh and keeping nothing on disk.
     *
     * @return the new options
     */
    public LoadOptions withoutCache() {
        return new LoadOptions(Cache.NONE, null, guideline);
    }

    /**
     * These options, keeping compiled rules in {@code folder} (created when missing).
     *
     * @param folder the cache's folder, writable by this process only
     * @return the new options
     */
    public LoadOptions withCacheIn(Path folder) {
        return new LoadOptions(Cache.FOLDER, Objects.requireNonNull(folder, "folder must not be null"), guideline);
    }

    /**
     * These options, loading only the guideline folder {@code id}, whatever the others hold: a
     * service that serves one guideline is not stopped by another's error.
     *
     * @param id the guideline folder's name, e.g. {@code nkr-lbp-2016}
     * @return the new options
     */
    public LoadOptions withOnlyGuideline(String id) {
        return new LoadOptions(cache, cacheFolder, Objects.requireNonNull(id, "id must not be null"));
    }

    /**
     * The one guideline to load, if one was chosen.
     *
     * @return its folder's name, or empty for every guideline
     */
    public Optional<String> onlyGuideline() {
        return Optional.ofNullable(guideline);
    }

    RuleCache ruleCache() {
        return switch (cache) {
            case USER -> RuleCache.fromEnvironment();
            case NONE -> RuleCache.off();
            case FOLDER -> RuleCache.at(cacheFolder);
        };
    }

    @Override
    public String toString() {
        return "LoadOptions[cache=" + (cache == Cache.FOLDER ? cacheFolder : cache.name().toLowerCase(java.util.Locale.ROOT))
                + (guideline == null ? "" : ", guideline=" + guideline) + "]";
    }
}
