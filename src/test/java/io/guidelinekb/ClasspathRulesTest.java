package io.guidelinekb;

import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.model.RuleLoadException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.scenario.InputReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules packaged by the build load from the class path as they do from their folder. */
class ClasspathRulesTest {

    @TempDir
    Path temp;

    @Test
    void theRulesInTheJarAreTheFoldersRulesWithTheSameVersionAndResults() throws Exception {
        KnowledgeBase folder = KnowledgeBase.load(Path.of("rules"), io.guidelinekb.engine.RuleCache.off());
        io.guidelinekb.engine.RuleCache cache = io.guidelinekb.engine.RuleCache.at(temp.resolve("cache"));
        KnowledgeBase classpath = KnowledgeBase.loadFromClasspath(KnowledgeBase.class.getClassLoader(),
                KnowledgeBase.CLASSPATH_RULES, cache);

        assertEquals(1, cache.hits(), "the build compiled the jar's rules: they start without compiling DRL");

        assertEquals(folder.version(), classpath.version(), "the same files, so the same hash");
        assertEquals(Path.of("classpath:guideline-kb/rules"), classpath.directory());
        assertEquals(folder.recommendations(), classpath.recommendations());
        List<Path> scenarios;
        try (Stream<Path> files = Files.walk(Path.of("facts"))) {
            scenarios = files.filter(f -> f.toString().endsWith(".yaml") && !f.toString().contains("/fhir/"))
                    .sorted().toList();
        }
        for (Path scenario : scenarios) {
            for (InputReader.Input input : InputReader.read(scenario, LbpFixture.knowledgeBase())) {
                if (input.input() != null) {
                    assertEquals(withoutFiles(folder.evaluate(input.input())),
                            withoutFiles(classpath.evaluate(input.input())), scenario.toString());
                }
            }
        }
        assertTrue(scenarios.size() > 40, "found " + scenarios.size());
    }

    /** The result's JSON without the provenance's file, which says where each copy was read. */
    private static String withoutFiles(EpisodeResult result) {
        return EpisodeResultJson.toJson(result).replaceAll("\"file\":\"[^\"]*\"", "");
    }

    @Test
    void aHospitalsOwnArtifactOfRulesLoadsUnderItsRootAndItsErrorsNameTheResource() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp);
        rules.replace("04-imaging.drl", "@strength(\"↓\")", "@strength(\"↓↓↓\")");
        Path jarRoot = rules.root().getParent();
        Files.move(rules.root(), jarRoot.resolve("lbp"));
        Files.writeString(jarRoot.resolve("lbp.index"), String.join("\n", List.of("fixture-lbp/00-scope.drl",
                "fixture-lbp/04-imaging.drl", "fixture-lbp/bindings.yaml", "fixture-lbp/guideline.yaml",
                "fixture-lbp/vocabulary.yaml")) + "\n");

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jarRoot.toUri().toURL()}, null)) {
            RuleLoadException e = assertThrows(RuleLoadException.class,
                    () -> KnowledgeBase.loadFromClasspath(loader, "lbp"));
            assertTrue(e.problems().get(0).file().equals("classpath:lbp/fixture-lbp/04-imaging.drl")
                    && e.problems().get(0).message().contains("↓↓↓"), e.getMessage());

            RuleLoadException missing = assertThrows(RuleLoadException.class,
                    () -> KnowledgeBase.loadFromClasspath(loader, "nowhere"));
            assertEquals("classpath:nowhere.index", missing.problems().get(0).file());
            assertTrue(missing.problems().get(0).message().startsWith("not on the class path"), missing.getMessage());

            Files.writeString(jarRoot.resolve("escape.index"), "../lbp/fixture-lbp/00-scope.drl\n");
            RuleLoadException outside = assertThrows(RuleLoadException.class,
                    () -> KnowledgeBase.loadFromClasspath(loader, "escape"));
            assertEquals("lists ../lbp/fixture-lbp/00-scope.drl, which is outside escape; give paths inside it",
                    outside.problems().get(0).message());
        }
    }
}
