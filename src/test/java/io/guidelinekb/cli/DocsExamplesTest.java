package io.guidelinekb.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.RulesFolder;
import io.guidelinekb.model.ScopeStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every example in the README and {@code docs/} works when pasted: scenarios pass, rules load,
 * Java compiles and runs, and each {@code bin/guideline-kb} command parses, and runs when it is
 * quick (the million-record and server commands are parsed only, and the benchmark, which the script runs
 * from the tests' classes, is found; the CDS Hooks guide's
 * requests are run by {@code CdsHooksGuideExampleTest}). JSON blocks show output and are not run.
 */
@io.guidelinekb.DocsTest
class DocsExamplesTest {

    private static final Pattern BLOCK = Pattern.compile("(?m)^```(\\w+)\\n(.*?)^```$", Pattern.DOTALL);
    private static final List<String> RUN_QUICKLY = List.of("evaluate", "explain", "test", "lint", "coverage");

    @TempDir
    Path temp;

    record Example(Path file, int line, String language, String text) {
        String name() {
            return file + ":" + line + " (" + language + ")";
        }
    }

    @TestFactory
    Stream<DynamicTest> everyExampleWorks() throws IOException {
        List<Example> examples = examples();
        assertTrue(examples.size() >= 15, "found " + examples.size() + " examples");
        return examples.stream().filter(e -> !e.language().equals("json"))
                .map(e -> DynamicTest.dynamicTest(e.name(), () -> check(e)));
    }

    static List<Example> examples() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        List<Example> examples = new ArrayList<>();
        for (Path file : files) {
            String text = Files.readString(file);
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                examples.add(new Example(file, line, m.group(1), m.group(2)));
            }
        }
        return examples;
    }

    private void check(Example example) throws Exception {
        switch (example.language()) {
            case "yaml" -> {
                if (example.text().contains("\nexpect:")) {
                    scenarioPasses(example);
                } else if (isVocabulary(example)) {
                    vocabularyFragmentLoads(example);
                } else if (example.text().startsWith("id:")) {
                    descriptorKeysAreTheShippedOnes(example);
                } else {
                    bindingsFragmentLoads(example);
                }
            }
            case "drl" -> {
                if (example.text().contains("rule \"") && !example.text().contains("@recommendation")) {
                    newRuleLoads(example);
                } else if (example.text().contains("rule \"")) {
                    ruleLoadsInPlaceOfTheShippedOne(example);
                } else {
                    changeLoads(example);
                }
            }
            case "sh" -> commandsWork(example);
            case "java" -> javaRuns(example);
            case "xml" -> {
                if (example.text().contains("<groupId>ca.uhn.hapi.fhir</groupId>")) {
                    hapiAsThisProjectDeclaresIt(example);
                } else {
                    dependencyIsThisProject(example);
                }
            }
            default -> fail(example.name() + ": no check for " + example.language() + " examples");
        }
    }

    private void scenarioPasses(Example example) throws IOException {
        Path file = Files.writeString(temp.resolve("example.yaml"), example.text());
        CliTest.Run run = CliTest.runAsWritten("test", file.toString());
        assertEquals(0, run.exitCode(), example.name() + "\n" + run.out() + run.err());
        assertTrue(run.out().contains("1 passed, 0 failed"), run.out());
    }

    /** A guideline.yaml sketch: every key it shows is one the shipped descriptor has, at the same place. */
    private void descriptorKeysAreTheShippedOnes(Example example) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper yaml = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        com.fasterxml.jackson.databind.JsonNode shipped = yaml.readTree(RulesFolder.copyOfShipped(
                Files.createTempDirectory(temp, "descriptor")).file("guideline.yaml").toFile());
        List<String> missing = new ArrayList<>();
        keys(yaml.readTree(example.text()), "", shipped, missing);
        assertEquals(List.of(), missing, example.name() + ": keys the shipped guideline.yaml does not have");
    }

    private static void keys(com.fasterxml.jackson.databind.JsonNode sketch, String at,
                             com.fasterxml.jackson.databind.JsonNode shipped, List<String> missing) {
        sketch.fields().forEachRemaining(field -> {
            String path = at + "/" + field.getKey();
            if (shipped.at(path).isMissingNode()) {
                missing.add(path);
            } else if (field.getValue().isObject()) {
                keys(field.getValue(), path, shipped, missing);
            }
        });
    }

    private static final List<String> VOCABULARY_SECTIONS = List.of("interventions", "redFlags", "findings",
            "scopeReasons", "alerts");

    private static boolean isVocabulary(Example example) {
        String first = example.text().lines().filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst().orElse("");
        return VOCABULARY_SECTIONS.stream().anyMatch(section -> first.startsWith(section + ":"));
    }

    /** A fragment of vocabulary.yaml: with its entries the shipped vocabulary lacks added, the rules load. */
    private void vocabularyFragmentLoads(Example example) throws Exception {
        RulesFolder rules = RulesFolder.copyOfShipped(temp);
        merge(example, rules);
        KnowledgeBase.load(rules.root());
    }

    /** A rule that declares no recommendation (a scope rule): added beside the shipped ones, the rules load. */
    private void newRuleLoads(Example example) throws Exception {
        RulesFolder rules = RulesFolder.copyOfShipped(Files.createTempDirectory(temp, "rule"));
        mergeVocabularyOf(example.file(), rules);
        String header = example.text().contains("package ") ? "" : "package " + rules.packageName() + ";\nimport io.guidelinekb.model.*;\n";
        rules.write("99-example.drl", header + example.text());
        KnowledgeBase.load(rules.root());
    }

    /** Every vocabulary fragment of a document, added: what its other examples build on. */
    private static void mergeVocabularyOf(Path document, RulesFolder rules) throws Exception {
        for (Example other : examples()) {
            if (other.file().equals(document) && other.language().equals("yaml") && isVocabulary(other)) {
                merge(other, rules);
            }
        }
    }

    private static void merge(Example example, RulesFolder rules) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper yaml = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        com.fasterxml.jackson.databind.JsonNode fragment = yaml.readTree(example.text());
        Path file = rules.file("vocabulary.yaml");
        String vocabulary = Files.readString(file);
        for (String section : VOCABULARY_SECTIONS) {
            var entries = fragment.path(section).fields();
            while (entries.hasNext()) {
                var entry = entries.next();
                if (yaml.readTree(vocabulary).path(section).path(entry.getKey()).isMissingNode()) {
                    int at = vocabulary.indexOf('\n', vocabulary.indexOf("\n" + section + ":\n") + 1) + 1;
                    vocabulary = vocabulary.substring(0, at) + "  " + entry.getKey() + ": " + entry.getValue() + "\n"
                            + vocabulary.substring(at);
                }
            }
        }
        Files.writeString(file, vocabulary);
    }

    /** A fragment of bindings.yaml: its lines already there are found, and with its new ones added the rules load. */
    private void bindingsFragmentLoads(Example example) throws Exception {
        RulesFolder rules = RulesFolder.copyOfShipped(temp);
        mergeVocabularyOf(example.file(), rules);
        String bindings = Files.readString(rules.file("bindings.yaml"));
        List<String> lines = example.text().lines().toList();
        String anchor = null;
        StringBuilder added = new StringBuilder();
        for (String line : lines) {
            if (bindings.contains(code(line))) {
                anchor = code(line);
            } else {
                added.append(line).append('\n');
            }
        }
        assertNotNull(anchor, example.name() + ": no line of it is in bindings.yaml");
        int at = bindings.indexOf('\n', bindings.indexOf(anchor)) + 1;
        rules.write("bindings.yaml", bindings.substring(0, at) + added + bindings.substring(at));
        KnowledgeBase.load(rules.root());
    }

    private void ruleLoadsInPlaceOfTheShippedOne(Example example) throws Exception {
        Matcher id = Pattern.compile("@recommendation\\(\"([^\"]+)\"\\)").matcher(example.text());
        assertTrue(id.find(), example.name() + ": no @recommendation");
        RulesFolder rules = RulesFolder.copyOfShipped(temp);
        Path shipped;
        try (Stream<Path> files = Files.list(rules.file(""))) {
            shipped = files.filter(f -> read(f).contains("@recommendation(\"" + id.group(1) + "\")")).findFirst()
                    .orElseThrow();
        }
        String header = example.text().contains("package ") ? "" : "package " + rules.packageName() + ";\nimport io.guidelinekb.model.*;\n";
        Files.writeString(shipped, header + withTheShippedText(example, read(shipped)));
        KnowledgeBase kb = KnowledgeBase.load(rules.root());
        assertTrue(kb.recommendations().stream().anyMatch(d -> d.id().equals(id.group(1))), example.name());
    }

    /**
     * The example with its {@code @da} as the shipped rule has it, where the document shortens the text
     * with "…": each piece the document shows must stand in the shipped text, in order, so that the
     * source text the guideline quotes is still quoted.
     */
    private static String withTheShippedText(Example example, String shippedRule) {
        Pattern da = Pattern.compile("@da\\(\"([^\"]*)\"\\)");
        Matcher shown = da.matcher(example.text());
        Matcher shipped = da.matcher(shippedRule);
        if (!shown.find() || !shown.group(1).contains("…") || !shipped.find()) {
            return example.text();
        }
        int from = 0;
        for (String piece : shown.group(1).split("…")) {
            int at = shipped.group(1).indexOf(piece.strip(), from);
            assertTrue(at >= 0, example.name() + ": \"" + piece.strip() + "\" is not in the shipped @da, in order");
            from = at + piece.strip().length();
        }
        return example.text().replace(shown.group(0), shipped.group(0));
    }

    /** A before/after pair: the line before is in the shipped rules, and the rules load with the line after. */
    private void changeLoads(Example example) throws Exception {
        List<String> lines = example.text().lines().map(DocsExamplesTest::code).toList();
        assertEquals(2, lines.size(), example.name() + ": expected a line before and a line after");
        RulesFolder rules = RulesFolder.copyOfShipped(temp);
        try (Stream<Path> files = Files.list(rules.file(""))) {
            Path file = files.filter(f -> read(f).contains(lines.get(0))).findFirst()
                    .orElseThrow(() -> new AssertionError(example.name() + ": \"" + lines.get(0) + "\" is in no rule"));
            rules.replace(file.getFileName().toString(), lines.get(0), lines.get(1));
        }
        KnowledgeBase.load(rules.root());
    }

    private void commandsWork(Example example) {
        List<String[]> commands = commands(example.text());
        for (String[] command : commands) {
            String shown = String.join(" ", command);
            if (command[0].equals("bench")) {
                assertTrue(read(Path.of("bin/guideline-kb")).contains("io.guidelinekb.bench.Benchmark \"$@\""), shown);
                assertDoesNotThrow(() -> Class.forName("io.guidelinekb.bench.Benchmark"), shown);
                continue;
            }
            CommandLine.ParseResult parsed;
            try {
                parsed = Main.commandLine().parseArgs(command);
            } catch (CommandLine.ParameterException e) {
                throw new AssertionError(example.name() + ": " + shown + ": " + e.getMessage(), e);
            }
            for (String arg : command) {
                if (arg.startsWith("facts/") || arg.startsWith("examples/")) {
                    assertTrue(Files.exists(Path.of(arg)), example.name() + ": " + arg + " does not exist");
                }
            }
            String subcommand = parsed.subcommand() == null ? "" : parsed.subcommand().commandSpec().name();
            if (RUN_QUICKLY.contains(subcommand)) {
                CliTest.Run run = CliTest.runAsWritten(command);
                assertEquals(0, run.exitCode(), example.name() + ": " + shown + "\n" + run.out() + run.err());
            }
        }
    }

    /** The {@code bin/guideline-kb} lines of a shell example, continuations joined, comments dropped. */
    static List<String[]> commands(String shell) {
        List<String[]> commands = new ArrayList<>();
        for (String line : shell.replace("\\\n", " ").split("\n")) {
            String command = line.replaceFirst("\\s+#.*$", "").trim();
            if (command.startsWith("bin/guideline-kb ")) {
                String[] words = command.substring("bin/guideline-kb ".length()).trim().split("\\s+");
                commands.add(words);
            }
        }
        return commands;
    }

    /** The README's Java, compiled against the project as a user's code would be, and run. */
    private void javaRuns(Example example) throws Exception {
        String source = """
                import io.guidelinekb.*;
                import io.guidelinekb.fhir.*;
                import io.guidelinekb.model.*;
                import java.nio.file.*;
                import java.time.*;

                public class ReadmeExample {
                    public static Object[] run() throws Exception {
                        String bundleJson = Files.readString(Path.of("examples/fhir/mri-and-supervised-exercise.bundle.json"));
                %s
                        return new Object[] {result, fhir.input().map(kb::evaluate)};
                    }
                }
                """.formatted(example.text());
        Path folder = Files.createDirectories(temp.resolve("java"));
        Path file = Files.writeString(folder.resolve("ReadmeExample.java"), source);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        String classpath = Optional.ofNullable(System.getProperty("surefire.test.class.path"))
                .orElse(System.getProperty("java.class.path"));
        int compiled = compiler.run(null, null, null, "-classpath", classpath, "-d", folder.toString(), file.toString());
        assertEquals(0, compiled, example.name() + ": does not compile (javac wrote why above)");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {folder.toUri().toURL()}, getClass().getClassLoader())) {
            Object[] results = (Object[]) loader.loadClass("ReadmeExample").getMethod("run").invoke(null);
            EpisodeResult result = (EpisodeResult) results[0];
            assertEquals(ScopeStatus.IN_SCOPE, result.status(), "the comment in the README says IN_SCOPE");
            Matcher shown = Pattern.compile("triggeredAgainst\\(\\);\\s*//\\s*\\[(\\S+)").matcher(example.text());
            assertTrue(shown.find(), example.name() + ": the comment shows what triggeredAgainst() gives");
            assertEquals(List.of(shown.group(1)), result.triggeredAgainst().stream().map(r -> r.id()).toList(),
                    "the comment in the README says so");
            assertTrue(((Optional<?>) results[1]).isPresent(), "the bundle makes an episode");
        }
    }

    /** HAPI FHIR for a library user who reads FHIR: this project's version, and the same exclusions. */
    private void hapiAsThisProjectDeclaresIt(Example example) throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher version = Pattern.compile("<hapi.fhir.version>([^<]+)</hapi.fhir.version>").matcher(pom);
        assertTrue(version.find());
        int at = pom.indexOf("<artifactId>hapi-fhir-structures-r4</artifactId>");
        String declared = pom.substring(at, pom.indexOf("</dependency>", at));
        assertTrue(example.text().contains("<artifactId>hapi-fhir-structures-r4</artifactId>"), example.name());
        assertTrue(example.text().contains("<version>" + version.group(1) + "</version>"), example.name() + ": the version this "
                + "project is tested with, " + version.group(1));
        Pattern exclusion = Pattern.compile("<exclusion>.*?</exclusion>");
        assertEquals(exclusion.matcher(declared).results().map(MatchResult::group).sorted().toList(),
                exclusion.matcher(example.text()).results().map(MatchResult::group).sorted().toList(),
                example.name() + ": the exclusions the FHIR tests run with");
    }

    /** The dependency to declare names this project's coordinates, as examples/embed declares it. */
    private void dependencyIsThisProject(Example example) throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        String project = pom.substring(0, pom.indexOf("<dependencies>"));
        for (String tag : List.of("groupId", "artifactId", "version")) {
            Matcher value = Pattern.compile("<" + tag + ">([^<]+)</" + tag + ">").matcher(example.text());
            assertTrue(value.find(), example.name() + ": no " + tag);
            assertTrue(project.contains("<" + tag + ">" + value.group(1) + "</" + tag + ">"), example.name() + ": " + tag
                    + " " + value.group(1) + " is not this project's");
        }
        String embed = Files.readString(Path.of("examples/embed/pom.xml")).replaceAll("\\s+", "");
        assertTrue(embed.contains(example.text().replaceAll("\\s+", "")), "examples/embed declares it the same way");
    }

    private static String code(String line) {
        return line.replaceFirst("\\s+(//|#).*$", "").trim();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    @Test
    void theEmbeddingExamplesReadmeShowsItsCodeAsItCompiles() throws IOException {
        String readme = Files.readString(Path.of("examples/embed/README.md"));
        Matcher java = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(java.find(), "the README shows the code");
        assertEquals(Files.readString(Path.of("examples/embed/src/main/java/example/Embed.java")), java.group(1),
                "the README's copy is the file .ci/check-library-user compiles and runs");
    }
}
