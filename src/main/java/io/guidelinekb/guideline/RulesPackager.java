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
        int exit = pack(Path.of(args[0]), Path.of(args[1]), System.err);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /** Packages {@code rules} under {@code root}; 1, with the file, line and column on {@code err}, when a data file does not parse. */
    public static int pack(Path rules, Path root, java.io.PrintStream err) throws IOException {
        List<String> index = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(rules)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            String relative = rules.relativize(file).toString().replace(java.io.File.separatorChar, '/');
            if (relative.endsWith(".drl") || relative.endsWith(".txt")) {
                copy(file, root.resolve(relative));
                index.add(relative);
            } else if (DataFiles.is(relative, "guideline") || DataFiles.is(relative, "bindings")
                    || DataFiles.is(relative, VocabularyReader.FILE)) {
                String json = DataFiles.withoutFormat(relative) + ".json";
                JsonNode tree = readable(file, err);
                if (tree == null) {
                    return 1;
                }
                Files.createDirectories(root.resolve(json).getParent());
                // pretty, so that an error in the packaged file names a line a person can read
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(root.resolve(json).toFile(), tree);
                index.add(json);
            }
        }
        Files.writeString(root.resolveSibling(root.getFileName() + ".index"), String.join("\n", index) + "\n");
        return 0;
    }

    /** The file's tree; {@code null}, said with its line and column and no stack trace, when it does not parse. */
    private static JsonNode readable(Path file, java.io.PrintStream err) throws IOException {
        try {
            return DataFiles.tree(Files.readAllBytes(file), file.toString());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var at = e.getLocation();
            err.println(file + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + ": error: not valid YAML: " + io.guidelinekb.util.SyntaxMessage.readable(e.getOriginalMessage()));
            return null;
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
