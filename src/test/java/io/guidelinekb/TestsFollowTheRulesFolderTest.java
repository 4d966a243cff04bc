package io.guidelinekb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No Java test names what an author may rename: the guidelines of {@code rules/}, their
 * recommendations and their rule packages. The Java tests use fixtures of their own
 * ({@code src/test/resources}); the shipped guideline is tested through its scenarios. So an edit
 * under {@code rules/} and {@code facts/} that passes {@code lint} and {@code test} cannot break a
 * Java test. The names are read from {@code rules/}, never written here.
 */
class TestsFollowTheRulesFolderTest {

    private static final Pattern RECOMMENDATION = Pattern.compile("@recommendation\\(\\s*\"([^\"]+)\"");
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    static Set<String> namesAnAuthorOwns(Path rules) throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> folders = Files.list(rules)) {
            folders.filter(Files::isDirectory).forEach(f -> names.add(f.getFileName().toString()));
        }
        try (Stream<Path> files = Files.walk(rules)) {
            for (Path drl : files.filter(f -> f.toString().endsWith(".drl")).toList()) {
                String text = Files.readString(drl);
                Matcher id = RECOMMENDATION.matcher(text);
                while (id.find()) {
                    names.add(id.group(1));
                }
                Matcher pkg = PACKAGE.matcher(text);
                if (pkg.find()) {
                    names.add(pkg.group(1));
                }
            }
        }
        return names;
    }

    @Test
    void noJavaTestNamesAGuidelineARecommendationOrARulePackageOfTheRulesFolder() throws IOException {
        Set<String> names = namesAnAuthorOwns(Path.of("rules"));
        assertFalse(names.isEmpty(), "rules/ holds guidelines");

        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            for (Path test : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(test);
                for (int i = 0; i < lines.size(); i++) {
                    for (String name : names) {
                        if (lines.get(i).contains(name)) {
                            found.add(test + ":" + (i + 1) + " names " + name);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found, "a Java test that names the rules folder's content breaks when an author edits it; "
                + "use a fixture of src/test/resources (src/test/resources/fixture/README.md)");
    }
}
