package io.guidelinekb;

import io.guidelinekb.engine.RuleCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The build's step that compiles the jar's own rules to Drools' executable model, with every check
 * {@link KnowledgeBase#loadFromClasspath()} makes, so that a hospital's service starts without
 * compiling DRL. Usage: {@code Precompile RESOURCE_ROOT OUTPUT_FOLDER}.
 */
final class Precompile {

    private Precompile() {
    }

    public static void main(String[] args) throws IOException, RuleLoadException {
        String root = args[0];
        Path out = Path.of(args[1]);
        if (Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> old = Files.list(out)) {
                for (Path file : old.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
                    Files.delete(file);
                }
            }
        }
        RuleCache cache = RuleCache.forBuild(out);
        KnowledgeBase kb = KnowledgeBase.loadFromClasspath(Precompile.class.getClassLoader(), root, cache);
        if (cache.fills() != kb.guidelines().size()) {
            System.err.println("Precompile: compiled " + cache.fills() + " of " + kb.guidelines().size()
                    + " guidelines to the executable model");
            System.exit(1);
        }
        System.out.println("Precompile: " + cache.fills() + " guideline(s) compiled to " + out);
    }
}
