package io.guidelinekb.guideline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Packages a rules folder for the class path, as the Maven build runs it: DRL files as they are,
 * YAML data files as JSON (a library user needs no YAML library), and {@code ROOT.index} listing them,
 * because a class loader cannot list a jar's folders.
 * <pre>java io.guidelinekb.guideline.RulesPackager rules target/classes/guideline-kb/rules</pre>
 */
public final class RulesPackager {

    private RulesPackager() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: RulesPackager RULES_FOLDER OUTPUT_ROOT");
            System.exit(2);
        }
        Path rules = Path.of(args[0]);
        Path root = Path.of(args[1]);
        List<String> index = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(rules)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            String relative = rules.relativize(file).toString().replace(java.io.File.separatorChar, '/');
            if (relative.endsWith(".drl")) {
                copy(file, root.resolve(relative));
                index.add(relative);
            } else if (DataFiles.is(relative, "guideline") || DataFiles.is(relative, "bindings")) {
                String json = DataFiles.withoutFormat(relative) + ".json";
                JsonNode tree = DataFiles.tree(Files.readAllBytes(file), relative);
                Files.createDirectories(root.resolve(json).getParent());
                // pretty, so that an error in the packaged file names a line a person can read
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(root.resolve(json).toFile(), tree);
                index.add(json);
            }
        }
        Files.writeString(root.resolveSibling(root.getFileName() + ".index"), String.join("\n", index) + "\n");
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
