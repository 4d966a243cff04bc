package io.guidelinekb.pipeline;

import io.guidelinekb.model.RuleLoadException;
import io.guidelinekb.engine.RuleCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The build's step that compiles the jar's own rules to Drools' executable model, with every check
 * loading makes, so that a hospital's service starts without
 * compiling DRL. Usage: {@code Precompile RESOURCE_ROOT OUTPUT_FOLDER}.
 */
public final class Precompile {

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
        Pipeline.Built built = Pipeline.run(io.guidelinekb.engine.RuleSources.fromClasspath(
                Precompile.class.getClassLoader(), root), cache, null);
        if (!built.errors().isEmpty()) {
            throw new RuleLoadException(built.errors());
        }
        if (cache.fills() != built.guidelines().size()) {
            System.err.println("Precompile: compiled " + cache.fills() + " of " + built.guidelines().size()
                    + " guidelines to the executable model");
            System.exit(1);
        }
        System.out.println("Precompile: " + cache.fills() + " guideline(s) compiled to " + out);
    }
}
