package io.guidelinekb.engine;

import io.guidelinekb.EpisodeResultJson;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.RulesFolder;
import io.guidelinekb.LbpFixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.model.Case;
import io.guidelinekb.model.EvaluationException;
import io.guidelinekb.model.RuleLoadException;
import io.guidelinekb.pipeline.PopulationGenerator;
import io.guidelinekb.model.Episode;
import io.guidelinekb.model.Patient;
import io.guidelinekb.model.ScopeStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule cache: filled by content, never stale, never trusted when damaged, safe under concurrent starts. */
@io.guidelinekb.IntegrationTest
class RuleCacheTest {

    @TempDir
    Path temp;

    private static Episode.Builder inScope(String id, String patientId) {
        return Episode.builder(id, patientId, LocalDate.of(2026, 3, 10)).onset(LocalDate.of(2026, 2, 17))
                .finding("LOW_BACK_PAIN", true).finding("RED_FLAGS_SCREENED", true);
    }

    private static String result(KnowledgeBase kb, int age) {
        return EpisodeResultJson.toJson(kb.evaluate(Patient.aged("p", age), inScope("e", "p").propose("MRI").build()));
    }

    private List<Path> files(Path cache, String suffix) throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(cache)) {
            return list.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    @Test
    void aFolderIsKeptTheSecondTimeItCompilesAndStartsFromTheEntryAfterwardsWithTheSameResults() throws Exception {
        Path rules = RulesFolder.copyOfLbp(temp).root();
        RuleCache cache = RuleCache.at(temp.resolve("cache"));

        KnowledgeBase first = io.guidelinekb.Loading.load(rules, cache);
        assertEquals(List.of(), files(temp.resolve("cache"), ".kbc"), "an author's first compile of a content writes no entry");
        KnowledgeBase second = io.guidelinekb.Loading.load(rules, cache);
        assertEquals(1, cache.fills());
        KnowledgeBase third = io.guidelinekb.Loading.load(rules, cache);

        assertEquals(1, cache.hits());
        assertEquals(first.version(), third.version());
        assertEquals(first.warnings(), third.warnings());
        assertEquals(result(first, 40), result(third, 40));
        assertEquals(result(second, 15), result(third, 15));
        assertTrue(result(third, 40).contains("FIX-LBP-04"), result(third, 40));
    }

    @Test
    void fiveThousandEpisodesGetTheSameResultsFromTheEntryAsFromDrl() throws Exception {
        KnowledgeBase fromDrl = io.guidelinekb.Loading.load(RulesFolder.LBP, RuleCache.off());
        KnowledgeBase fromEntry = fromTheEntry(RulesFolder.LBP);

        PopulationGenerator population = new PopulationGenerator(11, LocalDate.of(2026, 3, 1), LbpFixture.population());
        for (int i = 0; i < 5_000; i++) {
            Case input = population.next();
            assertEquals(EpisodeResultJson.toJson(fromDrl.evaluate(input)), EpisodeResultJson.toJson(fromEntry.evaluate(input)),
                    "record " + i);
        }
    }

    @Test
    void aBatchOnTwoThreadsGivesTheSameResultsFromTheEntryAsFromDrl() throws Exception {
        KnowledgeBase fromDrl = io.guidelinekb.Loading.load(RulesFolder.LBP, RuleCache.off());
        KnowledgeBase fromEntry = fromTheEntry(RulesFolder.LBP);
        Path records = temp.resolve("records.ndjson");
        PopulationGenerator population = new PopulationGenerator(4, LocalDate.of(2026, 1, 15), LbpFixture.population());
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            lines.append(io.guidelinekb.input.RecordJson.toJson(population.next())).append('\n');
        }
        Files.writeString(records, lines);

        for (KnowledgeBase kb : List.of(fromDrl, fromEntry)) {
            Path out = temp.resolve(kb == fromDrl ? "drl.ndjson" : "entry.ndjson");
            io.guidelinekb.audit.Audit.Counts counts = io.guidelinekb.audit.Audit.run(kb,
                    new io.guidelinekb.audit.Audit.Request(records, out, null, null, 2, io.guidelinekb.model.Language.DANISH));
            assertEquals(0, counts.rejected(), "no episode sees another's facts");
        }
        assertEquals(Files.readString(temp.resolve("drl.ndjson")), Files.readString(temp.resolve("entry.ndjson")));
    }

    @Test
    void fromTheEntryTheRulesAreListedAndExplainedAsFromDrl() throws Exception {
        KnowledgeBase fromDrl = io.guidelinekb.Loading.load(RulesFolder.LBP, RuleCache.off());
        KnowledgeBase fromEntry = fromTheEntry(RulesFolder.LBP);

        assertEquals(fromDrl.rules(), fromEntry.rules());
        assertEquals(fromDrl.recommendations(), fromEntry.recommendations());
        PopulationGenerator population = new PopulationGenerator(5, LocalDate.of(2026, 3, 1), LbpFixture.population());
        for (int i = 0; i < 200; i++) {
            Case input = population.next();
            // an entry keeps no syntax trees: explaining parses the rule's file when first asked
            assertEquals(fromDrl.explain(input).explanation(), fromEntry.explain(input).explanation(), "record " + i);
        }
    }

    @Test
    void anEditedRuleIsSeenOnTheNextLoad() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp);
        RuleCache cache = RuleCache.at(temp.resolve("cache")).fillingAtFirstMiss();
        io.guidelinekb.Loading.load(rules.root(), cache);
        assertEquals(ScopeStatus.IN_SCOPE, io.guidelinekb.Loading.load(rules.root(), cache)
                .evaluate(Patient.aged("p", 17), inScope("e", "p").build()).status());
        assertEquals(1, cache.hits());

        rules.replace("00-scope.drl", "ageYearsAtMost < 16 )", "ageYearsAtMost < 18 )");
        KnowledgeBase edited = io.guidelinekb.Loading.load(rules.root(), cache);

        assertEquals(1, cache.hits(), "an edit is a new content: compiled from DRL");
        assertEquals(ScopeStatus.OUT_OF_SCOPE, edited.evaluate(Patient.aged("p", 17), inScope("e", "p").build()).status());
        assertEquals(ScopeStatus.OUT_OF_SCOPE, io.guidelinekb.Loading.load(rules.root(), cache)
                .evaluate(Patient.aged("p", 17), inScope("e", "p").build()).status(), "and its own entry says the same");
        assertEquals(2, cache.hits());
    }

    @Test
    void aDamagedEntryIsRebuiltNeverUsed() throws Exception {
        Path rules = RulesFolder.copyOfLbp(temp).root();
        Path directory = temp.resolve("cache");
        RuleCache cache = RuleCache.at(directory).fillingAtFirstMiss();
        String expected = result(io.guidelinekb.Loading.load(rules, cache), 40);
        Path entry = files(directory, ".kbc").get(0);
        byte[] whole = Files.readAllBytes(entry);
        List<byte[]> damaged = new ArrayList<>();
        damaged.add(java.util.Arrays.copyOf(whole, whole.length / 2));  // truncated
        byte[] flipped = whole.clone();
        flipped[whole.length / 3] ^= 0x20;                               // one bit in the classes
        damaged.add(flipped);
        damaged.add("not a zip".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        damaged.add(new byte[0]);
        for (byte[] bytes : damaged) {
            Files.write(entry, bytes);
            int hits = cache.hits();
            assertEquals(expected, result(io.guidelinekb.Loading.load(rules, cache), 40));
            assertEquals(hits, cache.hits(), "a damaged entry is not used");
            io.guidelinekb.Loading.load(rules, cache);
            assertEquals(hits + 1, cache.hits(), "and is written again, whole");
        }
    }

    /** The shipped rules in a fresh cache, loaded once: the entry written, its key, and the result they give. */
    private record Filled(Path rules, Path directory, RuleCache cache, String expected, Path entry, String key) {
    }

    private Filled filled() throws Exception {
        Path rules = RulesFolder.copyOfLbp(temp).root();
        Path directory = temp.resolve("cache");
        RuleCache cache = RuleCache.at(directory).fillingAtFirstMiss();
        String expected = result(io.guidelinekb.Loading.load(rules, cache), 40);
        Path entry = files(directory, ".kbc").get(0);
        return new Filled(rules, directory, cache, expected, entry, entry.getFileName().toString().replace(".kbc", ""));
    }

    @Test
    void anEntryWhoseCatalogueDoesNotFitTheFolderIsRebuiltNeverUsed() throws Exception {
        Filled filled = filled();
        Path rules = filled.rules();
        Path directory = filled.directory();
        RuleCache cache = filled.cache();
        String expected = filled.expected();
        Path entry = filled.entry();
        String key = filled.key();
        EntrySeal seal = EntrySeal.of(directory);
        CacheEntry whole = CacheEntry.read(Files.readAllBytes(entry), key, seal);
        RuleSources folder = RuleSources.read(rules).byGuideline().get("fixture-lbp");
        assertTrue(StoredCatalog.fits(oneRuleIn("fixture-lbp/00-scope.drl"), folder), "a file of the folder fits");
        List<byte[]> unfit = List.of(
                oneRuleIn("gone.drl"),                                              // a rule of a file not in the folder
                new byte[] {0, 0, 0, 2, 0x7f, 0, 0, 0},                              // two billion rules, and no bytes
                "not a catalogue".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.util.Arrays.copyOf(whole.catalog(), whole.catalog().length - 1));  // one byte short
        for (byte[] catalog : unfit) {
            // whole and verified as a file, so only the catalogue's own reading can refuse it
            Files.write(entry, new CacheEntry(key, whole.classes(), whole.warnings(), catalog).toBytes(seal));
            int hits = cache.hits();
            assertEquals(expected, result(io.guidelinekb.Loading.load(rules, cache), 40));
            assertEquals(hits, cache.hits(), "an entry whose catalogue does not fit is not used");
            assertTrue(StoredCatalog.fits(CacheEntry.read(Files.readAllBytes(entry), key, seal).catalog(), folder),
                    "and is written again, whole");
        }
    }

    /** A catalogue of one rule, "r", in {@code path}, with no imports or metadata. */
    private static byte[] oneRuleIn(String path) {
        byte[] bytes = path.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // format 2: name, file, line, column, asks more than scope, untied (none), imports, metadata
        java.nio.ByteBuffer catalog = java.nio.ByteBuffer.allocate(48 + bytes.length).putInt(2).putInt(1)
                .putInt(1).put((byte) 'r').putInt(bytes.length).put(bytes)
                .putInt(1).putInt(1).put((byte) 0).put((byte) 0).putInt(0).putInt(0).putInt(0);
        return java.util.Arrays.copyOf(catalog.array(), catalog.position());
    }

    @Test
    void anEntryForOtherRulesIsNotUsedEvenUnderThisName() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp);
        Path directory = temp.resolve("cache");
        RuleCache cache = RuleCache.at(directory).fillingAtFirstMiss();
        io.guidelinekb.Loading.load(rules.root(), cache);
        Path entry = files(directory, ".kbc").get(0);
        byte[] original = Files.readAllBytes(entry);

        rules.replace("00-scope.drl", "ageYearsAtMost < 16 )", "ageYearsAtMost < 18 )");
        io.guidelinekb.Loading.load(rules.root(), cache);
        Path other = files(directory, ".kbc").stream().filter(f -> !f.equals(entry)).findFirst().orElseThrow();
        Files.write(other, original);  // the old rules' entry, copied under the new content's key

        int hits = cache.hits();
        KnowledgeBase kb = io.guidelinekb.Loading.load(rules.root(), cache);
        assertEquals(hits, cache.hits());
        assertEquals(ScopeStatus.OUT_OF_SCOPE, kb.evaluate(Patient.aged("p", 17), inScope("e", "p").build()).status());
    }

    @Test
    void switchedOffItCompilesEveryTimeAndWritesNothing() throws Exception {
        Path xdg = temp.resolve("xdg");
        RuleCache off = RuleCache.fromEnvironment(Map.of(RuleCache.SWITCH, "off", "XDG_CACHE_HOME", xdg.toString()), "/home/x");
        for (int i = 0; i < 3; i++) {
            io.guidelinekb.Loading.load(RulesFolder.LBP, off);
        }
        assertEquals(0, off.hits());
        assertFalse(Files.exists(xdg), "nothing written");
        assertEquals(1, io.guidelinekb.Loading.loadFromClasspath(KnowledgeBase.class.getClassLoader(),
                KnowledgeBase.CLASSPATH_RULES, off).guidelines().size());
        assertEquals(0, off.hits(), "not even the jar's precompiled rules");
    }

    @Test
    void itLivesUnderXdgCacheHomeOrTheHomeFoldersCache() throws Exception {
        RuleCache xdg = RuleCache.fromEnvironment(Map.of("XDG_CACHE_HOME", temp.resolve("x").toString()), "/nowhere");
        RuleCache home = RuleCache.fromEnvironment(Map.of("XDG_CACHE_HOME", "relative/not/allowed"), temp.toString());
        io.guidelinekb.Loading.load(RulesFolder.LBP, xdg.fillingAtFirstMiss());
        io.guidelinekb.Loading.load(RulesFolder.LBP, home.fillingAtFirstMiss());
        assertEquals(1, files(temp.resolve("x/guideline-kb"), ".kbc").size());
        assertEquals(1, files(temp.resolve(".cache/guideline-kb"), ".kbc").size());
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(temp.resolve("x/guideline-kb"))), "the user's alone");
    }

    @Test
    void rulesTheSandboxRefusesAreNeverKept() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp).write("99-escape.drl", """
                package fixture_lbp;
                import io.guidelinekb.model.*;
                rule "Reads a file"
                when
                    $episode : Episode()
                then
                    new java.io.File("/etc/passwd").delete();
                end
                """);
        RuleCache cache = RuleCache.at(temp.resolve("cache")).fillingAtFirstMiss();
        for (int i = 0; i < 2; i++) {
            assertThrows(RuleLoadException.class, () -> io.guidelinekb.Loading.load(rules.root(), cache));
        }
        assertEquals(List.of(), files(temp.resolve("cache"), ".kbc"));
        assertEquals(0, cache.fills());
    }

    /** The folder compiled once from DRL into a fresh cache, then loaded from the entry that made. */
    private KnowledgeBase fromTheEntry(Path rules) throws Exception {
        RuleCache cache = RuleCache.at(temp.resolve("cache")).fillingAtFirstMiss();
        io.guidelinekb.Loading.load(rules, cache);
        KnowledgeBase kb = io.guidelinekb.Loading.load(rules, cache);
        assertEquals(1, cache.hits());
        return kb;
    }

    @Test
    void aConsequenceThatThrowsFailsLoudlyFromTheEntryToo() throws Exception {
        KnowledgeBase kb = fromTheEntry(RulesFolder.copyOfLbp(temp).write("99-broken.drl", RulesFolder.BROKEN_CONSEQUENCE).root());

        EvaluationException e = assertThrows(EvaluationException.class,
                () -> kb.evaluate(Patient.aged("p", 40), inScope("e", "p").build()));
        assertEquals("Broken consequence", e.rule());
        assertTrue(e.getMessage().contains("boom"), e.getMessage());
    }

    @Test
    void rulesThatFireWithoutEndStopAtTheLimitFromTheEntryToo() throws Exception {
        KnowledgeBase kb = fromTheEntry(RulesFolder.copyOfLbp(temp).write("99-endless.drl", RulesFolder.ENDLESS_FIRING).root());

        EvaluationException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> assertThrows(EvaluationException.class, () -> kb.evaluate(Patient.aged("p", 40), inScope("e", "p").build())));
        assertTrue(e.resourceLimit());
        assertEquals("Every alert breeds more", e.rule());
    }

    @Test
    void aPathThatIsNotAFileIsNeverReplaced() throws Exception {
        Path rules = RulesFolder.copyOfLbp(temp).root();
        Path directory = temp.resolve("cache");
        Path squatter = directory.resolve(CacheKey.of(RuleSources.read(rules).byGuideline().get(RulesFolder.GUIDELINE))
                + ".kbc");
        Files.createDirectories(squatter.resolve("inside"));
        RuleCache cache = RuleCache.at(directory).fillingAtFirstMiss();

        String expected = result(io.guidelinekb.Loading.load(rules, cache), 40);
        assertEquals(expected, result(io.guidelinekb.Loading.load(rules, cache), 40));

        assertTrue(Files.isDirectory(squatter.resolve("inside")), "the folder is left as it was");
        assertEquals(0, cache.hits());
        assertEquals(0, cache.fills());
    }

    @Test
    void theFolderIsKeptUnderItsSizeNewestFirst() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp);
        Path directory = temp.resolve("cache");
        RuleCache cache = RuleCache.at(directory).fillingAtFirstMiss().limitedTo(250_000);
        for (int age = 16; age < 20; age++) {
            rules.replace("00-scope.drl", "ageYearsAtMost < " + age + " )", "ageYearsAtMost < " + (age + 1) + " )");
            io.guidelinekb.Loading.load(rules.root(), cache);
        }
        assertEquals(4, cache.fills());
        long total = 0;
        for (Path entry : files(directory, ".kbc")) {
            total += Files.size(entry);
        }
        assertTrue(total <= 250_000, total + " bytes");
        io.guidelinekb.Loading.load(rules.root(), cache);
        assertEquals(1, cache.hits(), "the newest stays");
    }

    @Test
    void fourColdStartsAtOnceAllAnswerAndLeaveOneWholeEntry() throws Exception {
        Path rules = RulesFolder.copyOfLbp(temp).root();
        Path xdg = temp.resolve("xdg");
        Path scenario = Path.of("src/test/resources/fixture/facts/fixture-lbp/recommendations/imaging-mri-proposed-triggers-04.yaml").toAbsolutePath();
        List<String> outputs = new ArrayList<>();
        for (int round = 0; round < 2; round++) {  // the first round marks the content, the second fills it, at once
            List<Process> processes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "io.guidelinekb.cli.Main",
                        "--rules", rules.toString(), "evaluate", scenario.toString());
                builder.environment().put("XDG_CACHE_HOME", xdg.toString());
                builder.environment().remove(RuleCache.SWITCH);
                builder.redirectErrorStream(true);
                processes.add(builder.start());
            }
            for (Process process : processes) {
                String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertTrue(process.waitFor(120, TimeUnit.SECONDS));
                assertEquals(0, process.exitValue(), output);
                outputs.add(output);
            }
        }
        assertEquals(1, outputs.stream().distinct().count(), "every start answers the same: " + outputs.get(0));
        Path directory = xdg.resolve("guideline-kb");
        assertEquals(1, files(directory, ".kbc").size());
        assertEquals(List.of(), files(directory, ".tmp"), "no temporary file left behind");
        RuleCache cache = RuleCache.at(directory);
        io.guidelinekb.Loading.load(rules, cache);
        assertEquals(1, cache.hits(), "the entry is whole");
    }

    /** A model class whose static initialiser says it ran, as a planted class could run anything. */
    private static byte[] announcingClass(String binaryName) {
        org.objectweb.asm.ClassWriter writer = new org.objectweb.asm.ClassWriter(org.objectweb.asm.ClassWriter.COMPUTE_FRAMES
                | org.objectweb.asm.ClassWriter.COMPUTE_MAXS);
        String internal = binaryName.replace('.', '/');
        writer.visit(org.objectweb.asm.Opcodes.V17, org.objectweb.asm.Opcodes.ACC_PUBLIC, internal, null,
                "java/lang/Object", null);
        var constructor = writer.visitMethod(org.objectweb.asm.Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        constructor.visitCode();
        constructor.visitVarInsn(org.objectweb.asm.Opcodes.ALOAD, 0);
        constructor.visitMethodInsn(org.objectweb.asm.Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        constructor.visitInsn(org.objectweb.asm.Opcodes.RETURN);
        constructor.visitMaxs(0, 0);
        constructor.visitEnd();
        var init = writer.visitMethod(org.objectweb.asm.Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
        init.visitCode();
        init.visitLdcInsn("guidelinekb.planted");
        init.visitLdcInsn("ran");
        init.visitMethodInsn(org.objectweb.asm.Opcodes.INVOKESTATIC, "java/lang/System", "setProperty",
                "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;", false);
        init.visitInsn(org.objectweb.asm.Opcodes.POP);
        init.visitInsn(org.objectweb.asm.Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        writer.visitEnd();
        return writer.toByteArray();
    }

    @Test
    void aPlantedEntryIsNeverLoadedUnlessThisInstallationSealedIt() throws Exception {
        Filled filled = filled();
        Path rules = filled.rules();
        Path directory = filled.directory();
        RuleCache cache = filled.cache();
        String expected = filled.expected();
        Path entry = filled.entry();
        String key = filled.key();
        CacheEntry whole = CacheEntry.read(Files.readAllBytes(entry), key, EntrySeal.of(directory));
        Map<String, byte[]> bytecode = new java.util.HashMap<>(whole.classes().bytecode());
        bytecode.put("planted.Model", announcingClass("planted.Model"));
        CacheEntry planted = new CacheEntry(key, new ExecutableModel.Classes(List.of("planted.Model"), bytecode),
                whole.warnings(), whole.catalog());
        System.clearProperty("guidelinekb.planted");

        // what anyone can compute: a digest with no key
        Files.write(entry, planted.toBytes(EntrySeal.unkeyed()));
        int hits = cache.hits();
        assertEquals(expected, result(io.guidelinekb.Loading.load(rules, cache), 40));
        assertEquals(hits, cache.hits(), "not used");
        assertEquals(null, System.getProperty("guidelinekb.planted"), "and none of its classes defined or initialised");

        // the same entry with this installation's key would be loaded: the check above is what keeps it out
        Files.write(entry, planted.toBytes(EntrySeal.of(directory)));
        io.guidelinekb.Loading.load(rules, cache);
        assertEquals("ran", System.getProperty("guidelinekb.planted"), "a sealed entry's model class is initialised");
        System.clearProperty("guidelinekb.planted");
    }

    @Test
    void aFolderOthersMayWriteInIsNeverUsedAndSaysWhy() throws Exception {
        Path rules = RulesFolder.copyOfLbp(temp).root();
        Path shared = temp.resolve("shared");
        Files.createDirectories(shared);
        Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        long refused = CacheProblems.counts().get(CacheProblems.REFUSED).get();

        RuleCache cache = RuleCache.at(shared).fillingAtFirstMiss();
        io.guidelinekb.Loading.load(rules, cache);
        io.guidelinekb.Loading.load(rules, cache);

        assertEquals(0, cache.hits());
        assertEquals(List.of(), files(shared, ".kbc"), "nothing written where others may write");
        assertFalse(Files.exists(shared.resolve("key")));
        assertEquals(refused + 1, CacheProblems.counts().get(CacheProblems.REFUSED).get(), "refused once, and counted");

        Path fresh = temp.resolve("fresh/guideline-kb");
        io.guidelinekb.Loading.load(rules, RuleCache.at(fresh).fillingAtFirstMiss());
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(fresh.resolve("key"))));
    }

    @Test
    void rulesWhoseExecutableModelDoesNotBuildAreTriedOnceNotAtEveryStart() throws Exception {
        // DRL takes a date compared with a string; the executable model does not
        RulesFolder rules = RulesFolder.copyOfLbp(temp).replace("00-scope.drl",
                "$episode : Episode( finding(\"RADICULOPATHY\") == true )",
                "$episode : Episode( finding(\"RADICULOPATHY\") == true, asOf == \"2026-03-10\" )");
        Path directory = temp.resolve("cache");
        long unbuildable = CacheProblems.counts().get(CacheProblems.UNBUILDABLE).get();
        long damaged = CacheProblems.counts().get(CacheProblems.DAMAGED).get();

        for (int start = 0; start < 3; start++) {
            io.guidelinekb.Loading.load(rules.root(), RuleCache.at(directory).fillingAtFirstMiss());
        }

        assertEquals(1, files(directory, ".failed").size(), "remembered for its content");
        assertEquals(List.of(), files(directory, ".kbc"));
        assertEquals(unbuildable + 1, CacheProblems.counts().get(CacheProblems.UNBUILDABLE).get(), "tried once");
        assertEquals(damaged, CacheProblems.counts().get(CacheProblems.DAMAGED).get(), "never called damaged");
    }
}
