package io.guidelinekb;

import io.guidelinekb.engine.RuleCache;
import io.guidelinekb.model.RuleLoadException;
import java.nio.file.Path;

/**
 * Loads with a rule cache of a test's own, whose hits and fills the test counts: the cache is the
 * engine's, so the public API takes {@link LoadOptions} instead.
 */
public final class Loading {

    private Loading() {
    }

    public static KnowledgeBase load(Path directory, RuleCache cache) throws RuleLoadException {
        return KnowledgeBase.load(directory, cache);
    }

    public static KnowledgeBase loadFromClasspath(ClassLoader loader, String root, RuleCache cache) throws RuleLoadException {
        return KnowledgeBase.loadFromClasspath(loader, root, cache);
    }
}
