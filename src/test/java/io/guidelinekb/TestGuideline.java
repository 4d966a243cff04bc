package io.guidelinekb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** The test guideline of src/test/resources (no clinical content), copied for tests that change it. */
public final class TestGuideline {

    public static final Path FIXTURE = Path.of("src/test/resources/guidelines/test-adult-back-pain");
    public static final String FOLDER = "test-adult-back-pain";

    private TestGuideline() {
    }

    /** The test guideline copied under {@code temp/rules}, its file {@code file} changed by {@code change}. */
    public static Path copy(Path temp, String file, UnaryOperator<String> change) throws Exception {
        Path folder = temp.resolve("rules").resolve(FOLDER);
        Files.createDirectories(folder);
        try (var files = Files.list(FIXTURE)) {
            for (Path each : files.toList()) {
                String text = Files.readString(each);
                Files.writeString(folder.resolve(each.getFileName()), each.getFileName().toString().equals(file)
                        ? change.apply(text) : text);
            }
        }
        return temp.resolve("rules");
    }

    /**
     * The test guideline copied into {@code rules} as a guideline of its own, {@code id}: its package,
     * id and rule names its own, so that it stands beside the first.
     */
    public static Path copyAs(Path rules, String id) throws Exception {
        Path folder = Files.createDirectories(rules.resolve(id));
        try (var files = Files.list(FIXTURE)) {
            for (Path each : files.toList()) {
                Files.writeString(folder.resolve(each.getFileName()), Files.readString(each)
                        .replace("test_adult_back_pain", id.replace('-', '_')).replace(FOLDER, id)
                        .replace("rule \"", "rule \"" + id + ": "));
            }
        }
        return folder;
    }

    /** The test guideline copied under {@code temp/rules} as it is. */
    public static Path copy(Path temp) throws Exception {
        return copy(temp, "", t -> t);
    }
}
