package io.guidelinekb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.model.Language;
import io.guidelinekb.model.RuleLoadException;
import io.guidelinekb.model.RuleProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API's ways to load: a cache folder of the caller's own, none, one guideline alone, and a check. */
@IntegrationTest
class LoadOptionsTest {

    @TempDir
    Path temp;

    private static long entries(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void aCacheFolderOfTheCallersOwnIsFilledAndUsedAndNoCacheWritesNothing() throws Exception {
        Path rules = TestGuideline.copy(temp);
        Path cache = temp.resolve("cache");

        KnowledgeBase first = KnowledgeBase.load(rules, LoadOptions.defaults().withCacheIn(cache));
        KnowledgeBase second = KnowledgeBase.load(rules, LoadOptions.defaults().withCacheIn(cache));
        assertTrue(entries(cache) > 0, "the second compile of a content is kept");
        KnowledgeBase third = KnowledgeBase.load(rules, LoadOptions.defaults().withCacheIn(cache));
        assertEquals(first.version(), third.version());
        assertEquals(first.recommendations(), third.recommendations(), "from the cache, the same rules");
        assertEquals(second.recommendations(), third.recommendations());

        // a content no other test has: loaded twice with the user's cache, it would be kept there
        Path unique = TestGuideline.copy(temp.resolve("unique"), "01-test-recommendation.drl",
                drl -> drl + "\n// " + java.util.UUID.randomUUID() + "\n");
        Path users = Path.of(System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache"),
                "guideline-kb");
        long before = entries(users);
        KnowledgeBase.load(unique, LoadOptions.defaults().withoutCache());
        KnowledgeBase.load(unique, LoadOptions.defaults().withoutCache().withOnlyGuideline(TestGuideline.FOLDER));
        assertEquals(before, entries(users), "no cache: nothing written");
        assertEquals("LoadOptions[cache=none, guideline=" + TestGuideline.FOLDER + "]",
                LoadOptions.defaults().withoutCache().withOnlyGuideline(TestGuideline.FOLDER).toString());
    }

    @Test
    void checkReportsEveryFindingAndGivesTheKnowledgeBaseOnlyWithoutAnError() throws Exception {
        Path rules = TestGuideline.copy(temp, "01-test-recommendation.drl", drl -> drl.replace("then", "than"));

        KnowledgeBase.Checked broken = KnowledgeBase.check(rules, LoadOptions.defaults().withoutCache());
        assertTrue(broken.findings().stream().anyMatch(RuleProblem::isError), broken.findings().toString());
        assertTrue(broken.knowledgeBase().isEmpty());
        RuleLoadException refused = assertThrows(RuleLoadException.class,
                () -> KnowledgeBase.load(rules, LoadOptions.defaults().withoutCache()));
        assertEquals(broken.findings().stream().filter(RuleProblem::isError).toList(), refused.problems(),
                "load refuses with check's errors");

        KnowledgeBase.Checked whole = KnowledgeBase.check(TestGuideline.copy(temp.resolve("whole")),
                LoadOptions.defaults().withoutCache());
        assertEquals(List.of(), whole.findings().stream().filter(RuleProblem::isError).toList());
        assertTrue(whole.knowledgeBase().isPresent());

        RuleLoadException unknown = assertThrows(RuleLoadException.class, () -> KnowledgeBase.check(rules,
                LoadOptions.defaults().withOnlyGuideline("no-such-guideline")));
        assertTrue(unknown.getMessage().contains("holds no guideline no-such-guideline"), unknown.getMessage());
    }

    @Test
    void aLanguageIsReadFromItsCodeAndAnUnknownCodeIsNamed() {
        assertEquals(Language.ENGLISH, Language.of("en"));
        assertEquals("da", Language.DANISH.code());
        assertEquals("hund", Language.DANISH.pick("hund", "dog"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Language.of("fr"));
        assertEquals("no language \"fr\"; the languages are da, en", e.getMessage());
        assertEquals("no language \"\\u001B[31m\"; the languages are da, en",
                assertThrows(IllegalArgumentException.class, () -> Language.of("\u001B[31m")).getMessage(),
                "a terminal escape a caller typed is shown, not obeyed");
        assertFalse(Language.ENGLISH.pick("hund", "dog").equals("hund"));
    }
}
