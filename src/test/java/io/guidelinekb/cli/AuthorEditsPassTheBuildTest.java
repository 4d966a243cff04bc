package io.guidelinekb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.LoadOptions;
import io.guidelinekb.TestGuideline;
import io.guidelinekb.guideline.RulesPackager;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three edits an author makes most, on a copy of the shipped {@code rules/} and {@code facts/}:
 * rename a recommendation, add one, add a second guideline. Once {@code lint} and {@code test} pass
 * on the edited copy, every step of {@code mvn verify} that reads the rules folder passes on it too:
 * the jar's packaging loads as the folder does, and no Java test names anything the edit renamed
 * or added (the Java tests use fixtures of their own). Nothing of the shipped guideline is named
 * here: ids are read from the files.
 */
@io.guidelinekb.IntegrationTest
class AuthorEditsPassTheBuildTest {

    private static final Pattern RECOMMENDATION = Pattern.compile("@recommendation\\(\\s*\"([^\"]+)\"\\s*\\)");

    @TempDir
    Path temp;

    @Test
    void renamingARecommendationAddingOneAndAddingAGuidelinePassLintTestAndTheBuild() throws Exception {
        Path rules = copy(Path.of("rules"), temp.resolve("rules"));
        Path facts = copy(Path.of("facts"), temp.resolve("facts"));
        Path guideline;
        try (Stream<Path> folders = Files.list(rules)) {
            guideline = folders.filter(Files::isDirectory).sorted().findFirst().orElseThrow();
        }
        List<Path> drl = files(guideline, ".drl");
        Path first = drl.stream().filter(f -> RECOMMENDATION.matcher(read(f)).find()).findFirst().orElseThrow();
        Matcher id = RECOMMENDATION.matcher(read(first));
        assertTrue(id.find());
        String old = id.group(1);
        String renamed = shifted(old, 50);
        String added = shifted(old, 60);

        // 1. rename a recommendation, everywhere the author's files say it
        for (Path file : Stream.concat(files(rules, "").stream(), files(facts, "").stream()).toList()) {
            String text = read(file);
            if (text.contains(old)) {
                Files.writeString(file, text.replace(old, renamed));
            }
        }
        // 2. add a recommendation: the renamed one's file, as a new rule of its own
        String copy = read(first).replace(renamed, added).replaceAll("(?m)^package .*;$", "$0\n\n// added by an author");
        Files.writeString(first.resolveSibling("99-added.drl"), copy);
        // 3. add a second guideline beside the first
        Path second = TestGuideline.copyAs(rules, "test-second-guideline");

        CliTest.Run update = CliTest.run("--rules", rules.toString(), "test", "--update", facts.toString());
        assertTrue(update.exitCode() == 0 || update.exitCode() == 1, update.out() + update.err());
        CliTest.Run lint = CliTest.run("--rules", rules.toString(), "lint");
        assertEquals(0, lint.exitCode(), lint.out() + lint.err());
        CliTest.Run test = CliTest.run("--rules", rules.toString(), "test", facts.toString());
        assertEquals(0, test.exitCode(), test.out() + test.err());

        // the jar's rules, packaged as the build packages them, load as the folder does
        Path packaged = temp.resolve("jar/guideline-kb/rules");
        assertEquals(0, RulesPackager.pack(rules, packaged, System.err));
        KnowledgeBase folder = KnowledgeBase.load(rules, LoadOptions.defaults().withoutCache());
        try (URLClassLoader jar = new URLClassLoader(new URL[] {temp.resolve("jar").toUri().toURL()}, null)) {
            KnowledgeBase classpath = KnowledgeBase.loadFromClasspath(jar, "guideline-kb/rules");
            assertEquals(folder.version(), classpath.version());
            assertEquals(folder.recommendations(), classpath.recommendations());
        }
        List<String> ids = folder.recommendations().stream().map(d -> d.id()).toList();
        assertTrue(ids.contains(renamed) && ids.contains(added) && !ids.contains(old), ids.toString());
        assertEquals(List.of(guideline.getFileName().toString(), second.getFileName().toString()),
                folder.guidelines().stream().map(g -> g.id()).toList());

        // and no Java test could have named what the author renamed or added
        Set<String> named = new TreeSet<>();
        for (Path source : files(Path.of("src/test/java"), ".java")) {
            String text = read(source);
            for (String name : List.of(renamed, added, old)) {
                if (text.contains(name)) {
                    named.add(source + " names " + name);
                }
            }
        }
        assertEquals(Set.of(), named);
        assertFalse(Files.exists(Path.of("rules").resolve(second.getFileName())), "the shipped folder is untouched");
    }

    /** An id of the same form with its number moved on: NAME-07 and 50 give NAME-57. */
    private static String shifted(String id, int by) {
        Matcher number = Pattern.compile("(\\d+)$").matcher(id);
        assertTrue(number.find(), id + " ends in a number");
        return id.substring(0, number.start()) + (Integer.parseInt(number.group(1)) + by);
    }

    private static Path copy(Path from, Path to) throws IOException {
        for (Path source : files(from, "")) {
            Path target = to.resolve(from.relativize(source).toString());
            Files.createDirectories(target.getParent());
            Files.copy(source, target);
        }
        return to;
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
