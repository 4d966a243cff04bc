package io.guidelinekb.cli;

import io.guidelinekb.model.Language;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guidelinekb.RulesFolder;
import io.guidelinekb.scenario.ScenarioRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@io.guidelinekb.IntegrationTest
class CliTest {

    static final String EXAMPLE = "src/test/resources/fixture/facts/fixture-lbp/recommendations/imaging-mri-proposed-triggers-04.yaml";

    @TempDir
    Path temp;

    record Run(int exitCode, String out, String err) {
    }

    /** Runs the command line as a user would, with stdout, stderr and the JVM's own stderr captured. */
    /** The rules the command line's tests run on, unless a test names its own with --rules. */
    static final String RULES = "src/test/resources/fixture/rules";
    /** The scenarios of those rules. */
    static final String FACTS = "src/test/resources/fixture/facts";

    /** Runs the command line as a user would, on the LBP fixture's rules unless {@code args} name others. */
    static Run run(String... args) {
        return runAsWritten(withFixtureRules(args));
    }

    /** {@code args} with the LBP fixture's rules first, unless they name rules of their own. */
    static String[] withFixtureRules(String... args) {
        if (java.util.Arrays.stream(args).anyMatch(a -> a.equals("--rules") || a.startsWith("--rules="))) {
            return args;
        }
        String[] withRules = new String[args.length + 2];
        withRules[0] = "--rules";
        withRules[1] = RULES;
        System.arraycopy(args, 0, withRules, 2, args.length);
        return withRules;
    }

    /** Runs the command line with {@code args} as written: what the documents show, on the rules folder they name. */
    static Run runAsWritten(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintStream originalErr = System.err;
        ByteArrayOutputStream jvmErr = new ByteArrayOutputStream();
        System.setErr(new PrintStream(jvmErr, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
            return new Run(code, out.toString(), err + jvmErr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(originalErr);
        }
    }

    static void assertNoStackTrace(Run run) {
        assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), run.err());
    }

    @Test
    void evaluatePrintsScopeAndRecommendationsWithSymbolsMarkingTriggeredOnes() {
        Run run = run("evaluate", EXAMPLE);

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err(), "no logging noise on stderr");
        assertTrue(run.out().contains("  scope: IN_SCOPE\n"), run.out());
        assertTrue(run.out().contains("recommendations (10; 1 with an order against it ⚠, 0 with an order that "
                + "follows it ✓):"), run.out());
        assertTrue(run.out().contains("  ⚠ ↓  (⊕)    FIX-LBP-04  Tilbyd ikke rutinemæssig billeddiagnostisk udredning"),
                run.out());
        assertTrue(run.out().contains("[⚠ against: MRI]"), run.out());
        assertTrue(run.out().contains("    ↓  (⊕⊕⊕)  FIX-LBP-08  Tilbyd kun paracetamol"), run.out());
        assertEquals(1, run.out().lines().filter(line -> line.contains("⚠ ")).count(), run.out());
        assertTrue(run.out().contains("\nguideline fixture-lbp version 1.0 (Sundhedsstyrelsen, 2016-06-20): under vurdering\n"
                + "  Sundhedsstyrelsen har retningslinjens anbefalinger under vurdering. https://www.sst.dk/"), run.out());
        assertEquals(3, run.out().lines().filter(line -> line.strip().startsWith("↳ under vurdering: Sundhedsstyrelsens "
                + "nationale kliniske anbefaling (NKA) af 25. september 2025")).count(), "the note under each of FIX-LBP-08, 09 and 10");
    }

    @Test
    void aFolderOfTwoGuidelinesIsEvaluatedAgainstEachAndOtherCommandsAskWhichOne() throws Exception {
        Path rules = io.guidelinekb.RulesFolder.copyOfLbp(temp).root();
        Path second = Path.of("src/test/resources/guidelines/test-adult-back-pain");
        Files.createDirectories(rules.resolve("test-adult-back-pain"));
        try (var files = Files.list(second)) {
            for (Path file : files.toList()) {
                Files.copy(file, rules.resolve("test-adult-back-pain").resolve(file.getFileName()));
            }
        }

        // a record (no scenario of one guideline) is evaluated by each; the scenario by its own guideline
        String example = Files.readString(Path.of(EXAMPLE));
        Path record = Files.writeString(temp.resolve("record.yaml"), example.substring(example.indexOf("asOf:"),
                example.indexOf("expect:")));
        Run both = run("--rules", rules.toString(), "evaluate", "--format", "json", record.toString());
        assertEquals(0, both.exitCode(), both.err());
        Run scenario = run("--rules", rules.toString(), "evaluate", "--format", "json", EXAMPLE);
        assertEquals(List.of("fixture-lbp"), new ObjectMapper().readTree(scenario.out()).findValues("guideline").stream()
                .map(g -> g.path("id").asText()).filter(id -> !id.isEmpty()).distinct().toList(), scenario.out());
        JsonNode results = new ObjectMapper().readTree(both.out());
        assertEquals(List.of("fixture-lbp", "test-adult-back-pain"), results.findValuesAsText("id").stream()
                .filter(id -> !id.startsWith("FIX") && !id.startsWith("TEST")).toList());
        assertEquals("TEST-01", results.at("/1/recommendations/0/id").asText());

        // a guideline alone reads its own keys: the example without the words only fixture-lbp has
        Path own = Files.writeString(temp.resolve("own.yaml"), Files.readString(Path.of(EXAMPLE))
                .replaceAll("(?m)^  (legRadiation|redFlagsScreened|redFlags|selfCareGainExpected):.*\n", ""));
        Run one = run("--rules", rules.toString(), "--guideline", "test-adult-back-pain", "evaluate", own.toString());
        assertEquals(0, one.exitCode(), one.err());
        assertTrue(one.out().contains("guideline test-adult-back-pain version 0.1 (guideline-kb tests, 2026-01): gældende"),
                one.out());
        assertFalse(one.out().contains("FIX-LBP"), one.out());

        Run test = run("--rules", rules.toString(), "test", EXAMPLE);
        assertEquals(0, test.exitCode(), "the scenario is under facts/fixture-lbp/: " + test.out() + test.err());
        Path records = Files.writeString(temp.resolve("in.ndjson"), "{\"asOf\":\"2026-03-10\",\"patient\":{\"id\":\"p\","
                + "\"age\":40},\"episode\":{\"id\":\"e\",\"durationDays\":10}}\n");
        Run batch = run("--rules", rules.toString(), "batch", records.toString(), "--out", temp.resolve("out.ndjson").toString(),
                "--report", temp.resolve("audit.html").toString(), "--progress", "none");
        assertEquals(0, batch.exitCode(), batch.err());
        for (String id : List.of("fixture-lbp", "test-adult-back-pain")) {
            JsonNode line = new ObjectMapper().readTree(Files.readString(temp.resolve("out." + id + ".ndjson")));
            assertEquals(id, line.get("guideline").asText(), "one audit per guideline, each to its own files");
            assertTrue(Files.readString(temp.resolve("audit." + id + ".html")).contains(id), id);
            assertTrue(batch.err().contains("batch (" + id + "): read 1, evaluated 1, rejected 0"), batch.err());
        }
        Run stdin = run("--rules", rules.toString(), "batch", "-");
        assertEquals(2, stdin.exitCode());
        assertTrue(stdin.err().contains("standard input is read once, and the rules folder holds 2 guidelines; give a "
                + "file, or choose one with --guideline ID"), stdin.err());
        Run unknown = run("--rules", rules.toString(), "--guideline", "fix-lbp", "evaluate", EXAMPLE);
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("holds no guideline fix-lbp; its guidelines: fixture-lbp, test-adult-back-pain"),
                unknown.err());
    }

    @Test
    void evaluateMarksAnOrderThatFollowsARecommendationApartFromOneAgainstIt() {
        Run run = run("evaluate", "src/test/resources/fixture/facts/fixture-lbp/recommendations/supervised-exercise-and-mri-proposed.yaml");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("  ⚠ ↓  (⊕)    FIX-LBP-04"), run.out());
        assertTrue(run.out().contains("  ✓ ↑  (⊕⊕)   FIX-LBP-07"), run.out());
        assertTrue(run.out().contains("[✓ with: SUPERVISED_EXERCISE]"), run.out());
        assertFalse(run.out().contains("[⚠ against: SUPERVISED_EXERCISE]"), run.out());
    }

    @Test
    void evaluateJsonCarriesTheDirectionOfEachTrigger() throws Exception {
        Run run = run("evaluate", "--format", "json", "src/test/resources/fixture/facts/fixture-lbp/recommendations/supervised-exercise-and-mri-proposed.yaml");

        assertEquals(0, run.exitCode(), run.err());
        JsonNode result = new ObjectMapper().readTree(run.out()).get(0);
        assertEquals("[\"MRI\"]", result.at("/recommendations/3/triggeredAgainst").toString());
        assertEquals("[]", result.at("/recommendations/3/triggeredWith").toString());
        assertEquals("[]", result.at("/recommendations/6/triggeredAgainst").toString());
        assertEquals("[\"SUPERVISED_EXERCISE\"]", result.at("/recommendations/6/triggeredWith").toString());
    }

    static final String FHIR_EXAMPLE = "examples/fhir/mri-and-supervised-exercise.bundle.json";

    @Test
    void evaluateReadsAFhirBundleAsOfTheDateGiven() {
        Run run = run("evaluate", "--as-of", "2026-03-10", FHIR_EXAMPLE);

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().contains("  patient p-001, episode lbp-1, as of 2026-03-10\n  scope: IN_SCOPE\n"), run.out());
        assertTrue(run.out().contains("  ⚠ ↓  (⊕)    FIX-LBP-04"), run.out());
        assertTrue(run.out().contains("[⚠ against: MRI]"), run.out());
        assertTrue(run.out().contains("  ✓ ↑  (⊕⊕)   FIX-LBP-07"), run.out());
    }

    @Test
    void evaluateGivesAFhirBundleTheSameJsonShapeAsAScenario() throws Exception {
        JsonNode fhir = new ObjectMapper().readTree(run("evaluate", "--format", "json", "--as-of", "2026-03-10",
                FHIR_EXAMPLE).out()).get(0);
        JsonNode scenario = new ObjectMapper().readTree(run("evaluate", "--format", "json",
                "src/test/resources/fixture/facts/fixture-lbp/recommendations/supervised-exercise-and-mri-proposed.yaml").out()).get(0);

        assertEquals(names(scenario), names(fhir));
        assertEquals(scenario.get("recommendations").toString().replace("\"name\"", ""),
                fhir.get("recommendations").toString().replace("\"name\"", ""));
        assertEquals(scenario.get("scope"), fhir.get("scope"));
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.remove("name");
        names.remove("source");
        return names;
    }

    @Test
    void evaluateWithoutAsOfReadsAFhirBundleAsOfToday() {
        Run run = run("evaluate", FHIR_EXAMPLE);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains(", as of " + java.time.LocalDate.now() + "\n"), run.out());
    }

    @Test
    void aFhirBundleWithADateInTheFutureIsNamedByResourceAndElement() throws Exception {
        Path bundle = temp.resolve("future.json");
        Files.writeString(bundle, Files.readString(Path.of(FHIR_EXAMPLE)).replace("\"2026-02-17\"", "\"2026-04-01\""));

        Run run = run("evaluate", "--as-of", "2026-03-10", bundle.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith(bundle + ": Condition/lbp-1.onsetDateTime: \"2026-04-01\" is after the "
                + "evaluation date 2026-03-10\n"), run.err());
        assertEquals("", run.out());
        assertNoStackTrace(run);
    }

    @Test
    void aBadAsOfIsNamed() {
        Run run = run("evaluate", "--as-of", "2026-13-01", FHIR_EXAMPLE);
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("'--as-of': \"2026-13-01\" is not a date; write YYYY-MM-DD"), run.err());
        assertNoStackTrace(run);
    }

    @Test
    void aFhirBundleWithoutLowBackPainSaysTheGuidelineIsSilent() throws Exception {
        Path bundle = temp.resolve("none.json");
        Files.writeString(bundle, Files.readString(Path.of(FHIR_EXAMPLE)).replace("279039007", "6142004"));

        Run run = run("evaluate", "--as-of", "2026-03-10", bundle.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("no episode of low back pain in this input: the guideline is silent"), run.out());
    }

    @Test
    void explainShowsHowAFhirBundleWasRead() {
        Run run = run("explain", "--as-of", "2026-03-10", FHIR_EXAMPLE);

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("  read from FHIR:\n"), run.out());
        assertTrue(run.out().contains("    Condition/lbp-1 made the episode: http://snomed.info/sct|279039007 "
                + "(⚠ unconfirmed code) → LOW_BACK_PAIN\n"), run.out());
        assertTrue(run.out().contains("    ServiceRequest/mri-1 proposes [MRI]: http://loinc.org|24968-0\n"), run.out());
        assertTrue(run.out().contains("FIX-LBP-04 TRIGGERED by MRI (against)"), run.out());
        assertTrue(run.out().contains("FIX-LBP-07 TRIGGERED by SUPERVISED_EXERCISE (with)"), run.out());
    }

    @Test
    void testRunsTheFhirScenariosToo() throws Exception {
        long files;
        try (var list = Files.list(Path.of("src/test/resources/fixture/facts/fixture-lbp/fhir"))) {
            files = list.count();
        }
        Run run = run("test", "src/test/resources/fixture/facts/fixture-lbp/fhir");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(files >= 25, "the FHIR suite: " + files);
        assertTrue(run.out().strip().endsWith(files + " passed, 0 failed"), run.out());
    }

    @Test
    void evaluateInEnglish() {
        Run run = run("evaluate", "--lang", "en", EXAMPLE);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("FIX-LBP-04  Do not routinely offer diagnostic imaging with MRI or X-ray"), run.out());
        assertFalse(run.out().contains("Tilbyd"), run.out());
    }

    @Test
    void evaluateAsJsonGivesTheFullResult() throws Exception {
        Run run = run("evaluate", "--format", "json", EXAMPLE, "src/test/resources/fixture/facts/fixture-lbp/scope/red-flag-cauda-equina-with-mri-proposed-gets-no-recommendation.yaml");

        assertEquals(0, run.exitCode(), run.err());
        JsonNode results = new ObjectMapper().readTree(run.out());
        assertEquals(2, results.size());
        JsonNode first = results.get(0);
        assertEquals("IN_SCOPE", first.at("/scope/status").asText());
        assertEquals(10, first.get("recommendations").size());
        JsonNode imaging = first.get("recommendations").get(3);
        assertEquals("FIX-LBP-04", imaging.get("id").asText());
        assertEquals("WEAK_AGAINST", imaging.get("strength").asText());
        assertEquals("↓", imaging.get("strengthSymbol").asText());
        assertEquals("VERY_LOW", imaging.get("evidence").asText());
        assertEquals("MRI", imaging.at("/triggeredBy/0").asText());
        assertTrue(imaging.at("/provenance/file").asText().endsWith("04-imaging.drl"));
        assertEquals(first.get("knowledgeBaseVersion"), imaging.at("/provenance/knowledgeBaseVersion"));
        JsonNode second = results.get(1);
        assertEquals("OUT_OF_SCOPE", second.at("/scope/status").asText());
        assertEquals("RED_FLAG_CAUDA_EQUINA", second.at("/scope/reasons/0").asText());
        assertTrue(second.at("/alerts/0/textEn").asText().startsWith("Acute referral"));
        assertEquals(0, second.get("recommendations").size());
    }

    @Test
    void evaluateRefusesInvalidInputWithFileAndFieldAndEvaluatesNothing() throws Exception {
        Path bad = Files.writeString(temp.resolve("bad.yaml"), Files.readString(Path.of(EXAMPLE))
                .replace("onset: 2026-02-17", "onset: 2026-02-30"));

        Run run = run("evaluate", EXAMPLE, bad.toString());

        assertEquals(2, run.exitCode());
        assertEquals("", run.out(), "nothing evaluated, nothing printed");
        assertTrue(run.err().contains(bad + ": episode.onset: \"2026-02-30\" is not a date that exists"), run.err());
        assertNoStackTrace(run);
    }

    @Test
    void evaluateRefusesRulesThatDoNotCompileWithFileLineAndColumn() {
        RulesFolder rules = RulesFolder.copyOfLbp(temp)
                .replace("04-imaging.drl", "Scope( status == ScopeStatus.IN_SCOPE, $episode : episode )", "Scope( status == )");
        int line = rules.lineOf("04-imaging.drl", "Scope( status == )");

        Run run = run("evaluate", "--rules", rules.root().toString(), EXAMPLE);

        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith(rules.file("04-imaging.drl") + ":" + line + ":22: error: no viable alternative"),
                run.err());
        assertTrue(run.err().contains("guideline-kb: the rules cannot be loaded (1 error); nothing was evaluated"), run.err());
        assertNoStackTrace(run);
    }

    @Test
    void evaluateReportsARuleThatThrowsAndExitsThree() {
        RulesFolder rules = RulesFolder.copyOfLbp(temp).write("99-broken.drl", RulesFolder.BROKEN_CONSEQUENCE);

        Run run = run("--rules", rules.root().toString(), "evaluate", EXAMPLE);

        assertEquals(3, run.exitCode());
        assertTrue(run.err().startsWith("guideline-kb: evaluation failed: rule \"Broken consequence\" failed"), run.err());
    }

    @Test
    void rulesThatFireWithoutEndStopWithExitFourAndNoStackTrace() {
        RulesFolder rules = RulesFolder.copyOfLbp(temp).write("99-endless.drl", RulesFolder.ENDLESS_FIRING);

        Run run = run("--rules", rules.root().toString(), "evaluate", EXAMPLE);

        assertEquals(4, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("guideline-kb: evaluation failed: rule \"Every alert breeds more\" hit a "
                + "resource limit on episode e-001: more than 1000 rule firings"), run.err());
        assertNoStackTrace(run);
    }

    @Test
    void aRuleReachingForTheEnvironmentIsRefusedByLoadWithFileAndLine() {
        RulesFolder rules = RulesFolder.copyOfLbp(temp).write("99-reach.drl", """
                package fixture_lbp;
                import io.guidelinekb.model.*;
                rule "Reads the environment"
                when
                    $episode : Episode()
                then
                    String home = String.valueOf(java.lang.System.getenv().size());
                end
                """);

        Run run = run("--rules", rules.root().toString(), "evaluate", EXAMPLE);

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("99-reach.drl:7"), run.err());
        assertNoStackTrace(run);
    }

    @Test
    void testPassesScenariosTogetherAsAloneEvenWithACarelessJoin() {
        // Together, scenarios still take turns alone: a join that relates no ids cannot reach a neighbour.
        RulesFolder rules = RulesFolder.copyOfLbp(temp).write("99-careless.drl", RulesFolder.CARELESS_JOIN);

        Run run = run("--rules", rules.root().toString(), "test", "src/test/resources/fixture/facts/fixture-lbp/scope");

        assertEquals(0, run.exitCode(), run.out());
        assertFalse(run.out().contains("evaluated together"), run.out());
    }

    @Test
    void testWritesJUnitXmlThatCiCanReadWithOneTestcasePerScenario() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp).replace("04-imaging.drl", "@strength(\"↓\")",
                "@strength(\"↓↓\")");
        Path xml = temp.resolve("scenarios.xml");

        Run run = run("--rules", rules.root().toString(), "test", "--junit-xml", xml.toString(), "--verbose",
                "src/test/resources/fixture/facts/fixture-lbp/recommendations");

        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.out().contains("PASS src/test/resources/fixture/facts/fixture-lbp/recommendations/acupuncture-proposed-triggers-06.yaml"), run.out());
        var document = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        var suite = document.getDocumentElement();
        int files = ScenarioRun.findScenarioFiles(List.of(Path.of("src/test/resources/fixture/facts/fixture-lbp/recommendations"))).size();
        assertEquals("testsuite", suite.getTagName());
        assertEquals(String.valueOf(files), suite.getAttribute("tests"));
        assertEquals(files, document.getElementsByTagName("testcase").getLength());
        var failures = document.getElementsByTagName("failure");
        assertTrue(failures.getLength() >= 1, "the scenario that expects WEAK_AGAINST fails");
        assertTrue(failures.item(0).getTextContent().contains("FIX-LBP-04 strength: expected WEAK_AGAINST, got STRONG_AGAINST"),
                failures.item(0).getTextContent());
        assertEquals(String.valueOf(failures.getLength()), suite.getAttribute("failures"));
    }

    @Test
    void anExpectedIdThatNoRuleDeclaresMakesTheScenarioInvalid() throws Exception {
        Path scenario = Files.writeString(temp.resolve("typo.yaml"), Files.readString(Path.of(EXAMPLE))
                .replace("triggered: [FIX-LBP-04]", "triggered: [FIX-LBP-4]"));

        Run run = run("test", scenario.toString());

        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.out().contains("INVALID " + scenario), run.out());
        assertTrue(run.out().contains("expect.triggered: FIX-LBP-4 is not a recommendation any rule declares (did you "
                + "mean FIX-LBP-04?); known: FIX-LBP-01"), run.out());
    }

    @Test
    void aMissingRulesFolderSaysWhereRulesAreLookedFor() {
        Run run = run("--rules", temp.resolve("nowhere").toString(), "evaluate", EXAMPLE);
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith(temp.resolve("nowhere") + ": error: no such folder of rules"), run.err());
        Run lint = run("--rules", temp.resolve("nowhere").toString(), "lint");
        assertEquals(2, lint.exitCode());
        assertTrue(lint.err().startsWith(temp.resolve("nowhere") + ": error: no such folder of rules"), lint.err());
    }

    @Test
    void addingARecommendationThenTestUpdateLeavesASuiteThatPassesAndADiffToReview() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp);
        rules.write("11-new.drl", Files.readString(rules.file("05-manual-therapy.drl"))
                .replace("FIX-LBP-05", "FIX-LBP-11").replace("Consider manual joint mobilisation", "A new recommendation"));
        Path facts = temp.resolve("facts");
        try (var walk = Files.walk(Path.of("src/test/resources/fixture/facts"))) {
            for (Path source : walk.toList()) {
                Path target = facts.resolve(Path.of("src/test/resources/fixture/facts").relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        Path mri = facts.resolve("fixture-lbp/recommendations/imaging-mri-proposed-triggers-04.yaml");
        String before = Files.readString(mri);
        Path allTen = facts.resolve("fixture-lbp/recommendations/strength-and-evidence-of-all-ten.yaml");
        List<String> allTenBefore = Files.readAllLines(allTen);

        Run failing = run("--rules", rules.root().toString(), "test", facts.toString());
        Run update = run("--rules", rules.root().toString(), "test", "--update", facts.toString());
        Run after = run("--rules", rules.root().toString(), "test", facts.toString());

        assertEquals(1, failing.exitCode());
        assertEquals(0, update.exitCode(), update.out());
        // a scenario about FIX-LBP-04 names it under given: a new recommendation does not touch it
        assertFalse(update.out().contains("updated " + mri), update.out());
        assertEquals(before, Files.readString(mri));
        assertTrue(update.out().contains("updated " + allTen + " (line "), update.out());
        assertTrue(update.out().contains("  +     - FIX-LBP-11"), update.out());
        assertEquals(0, after.exitCode(), update.out() + "\n----\n" + after.out());
        assertTrue(Files.readString(facts.resolve("fixture-lbp/recommendations/nsaid-and-paracetamol-proposed-json-format.json"))
                .contains("FIX-LBP-11"), "JSON scenarios too");
        // the author's spelling stays: "↑" and "(⊕)" are not rewritten as WEAK_FOR and VERY_LOW
        List<String> allTenAfter = Files.readAllLines(allTen);
        assertTrue(allTenAfter.containsAll(allTenBefore), "every line the update did not need stays as written");
        assertTrue(allTenAfter.contains("      strength: \"↑\"") && allTenAfter.contains("      evidence: \"(⊕)\""),
                String.join("\n", allTenAfter));
        assertTrue(allTenAfter.contains("    - FIX-LBP-11"), String.join("\n", allTenAfter));
    }

    @Test
    void explainSpeaksTheLanguageAsked() {
        Run danish = run("explain", EXAMPLE);
        Run language = run("explain", "--lang", "en", EXAMPLE);

        assertTrue(danish.out().contains("FIX-LBP-04 TRIGGERED by MRI (against)  — Tilbyd ikke rutinemæssig"),
                danish.out());
        assertTrue(language.out().contains("FIX-LBP-04 TRIGGERED by MRI (against)  — Do not routinely offer"),
                language.out());
    }

    @Test
    void generateDrawsTheGuidelinesWordsFromItsPopulationFile() throws Exception {
        io.guidelinekb.RulesFolder rules = io.guidelinekb.RulesFolder.copyOfLbp(temp);
        Path population = rules.file("population.yaml");
        Files.writeString(population, Files.readString(population).replaceAll("(?m)^  [A-Z_]+: 0\\.\\d+$", "")
                .replace("interventions:\n", "interventions:\n  ACUPUNCTURE: 1.0\n"));

        Run run = run("--rules", rules.root().toString(), "generate", "--count", "20", "--out",
                temp.resolve("g.ndjson").toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.readAllLines(temp.resolve("g.ndjson")).stream()
                .allMatch(line -> line.contains("\"proposedInterventions\":[\"ACUPUNCTURE\"]")), "the shares are the file's");
        Files.writeString(population, Files.readString(population).replace("ACUPUNCTURE: 1.0", "ACUPUNCTUR: 1.0"));
        Run misspelt = run("--rules", rules.root().toString(), "generate", "--count", "1", "--out",
                temp.resolve("h.ndjson").toString());
        assertEquals(2, misspelt.exitCode(), misspelt.err());
        assertTrue(misspelt.err().contains("ACUPUNCTUR is not an intervention of fixture-lbp (did you mean ACUPUNCTURE?)"),
                misspelt.err());
        Run outside = run("--rules", rules.root().toString(), "--guideline", "../../etc", "generate", "--count", "1",
                "--out", temp.resolve("i.ndjson").toString());
        assertEquals(2, outside.exitCode(), outside.err());
        assertTrue(outside.err().contains("--guideline: \"../../etc\" is not a guideline folder's name"), outside.err());
        assertNoStackTrace(outside);
    }

    @Test
    void testRunsTheWholeSuiteAndEndsWithTheCount() throws Exception {
        int files = ScenarioRun.findScenarioFiles(List.of(Path.of("src/test/resources/fixture/facts"))).size();

        Run run = run("test", FACTS);

        assertEquals(0, run.exitCode(), run.out());
        assertEquals(files + " passed, 0 failed", run.out().strip());
    }

    @Test
    void testReportsWhatWasExpectedAndWhatCameAndExitsOne() throws Exception {
        Path wrong = Files.writeString(temp.resolve("wrong.yaml"), Files.readString(Path.of(EXAMPLE))
                .replace("triggered: [FIX-LBP-04]", "triggered: [FIX-LBP-08]"));
        Path invalid = Files.writeString(temp.resolve("invalid.yaml"), "name: x\nasOf: tomorrow\n");

        Run run = run("test", EXAMPLE, wrong.toString(), invalid.toString());

        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("FAIL " + wrong), run.out());
        assertTrue(run.out().contains("triggered: missing [FIX-LBP-08] (got [FIX-LBP-04])"), run.out());
        assertTrue(run.out().contains("triggered: unexpected [FIX-LBP-04] (expected [FIX-LBP-08])"), run.out());
        assertTrue(run.out().contains("INVALID " + invalid), run.out());
        assertTrue(run.out().contains(invalid + ": asOf: \"tomorrow\" is not a date that exists"), run.out());
        assertTrue(run.out().endsWith("1 passed, 2 failed\n"), run.out());
    }

    @Test
    void testOfAPathThatIsNotThereIsInvalidInput() {
        Run run = run("test", temp.resolve("nowhere").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains(temp.resolve("nowhere") + ": no such file or folder"), run.err());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Run run = run("evaluate", "--colour", EXAMPLE);
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Unknown option: '--colour'"), run.err());
    }

    @Test
    void explainShowsTheRuleAndTheFailedConditionForWhatWasWithheld() {
        Run run = run("explain", "src/test/resources/fixture/facts/fixture-lbp/recommendations/self-care-gain-not-expected-withholds-02.yaml");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("    FIX-LBP-02 WITHHELD  (" + Path.of(RULES, "fixture-lbp", "02-patient-education.drl")
                + ":7)\n"), run.out());
        assertTrue(run.out().contains("        ✗ Scope( episode.finding(\"SELF_CARE_GAIN_EXPECTED\") != false )   [episode.finding(\"SELF_CARE_GAIN_EXPECTED\") = false]"),
                run.out());
        assertTrue(run.out().contains("        ✗ Patient( ageYearsAtMost < 16 )   [ageYearsAtMost = 45]"), run.out());
        assertTrue(run.out().contains("    ✓ Scope: in scope when no exclusion holds and nothing is missing"), run.out());
    }

    @Test
    void explainAsJsonIsAnAuditRecordWithInputVersionResultAndExplanation() throws Exception {
        Run run = run("explain", "--format", "json", EXAMPLE);

        assertEquals(0, run.exitCode(), run.err());
        JsonNode record = new ObjectMapper().readTree(run.out()).get(0);
        assertEquals("2026-03-10", record.at("/input/asOf").asText());
        assertEquals("MRI", record.at("/input/episode/proposedInterventions/0").asText());
        assertEquals(record.get("knowledgeBaseVersion"), record.at("/result/knowledgeBaseVersion"));
        assertEquals("IN_SCOPE", record.at("/result/scope/status").asText());
        JsonNode imaging = record.at("/explanation/recommendations/3");
        assertEquals("FIX-LBP-04", imaging.get("id").asText());
        assertEquals("TRIGGERED", imaging.get("outcome").asText());
        assertEquals("HELD", imaging.at("/rule/conditions/0/verdict").asText());
        assertTrue(record.get("firings").size() >= 11, record.get("firings").toString());
    }

    @Test
    void lintOfTheShippedRulesFindsNothingAndExitsZero() {
        Run run = run("lint");

        assertEquals(0, run.exitCode(), run.out());
        assertEquals(List.of("0 errors, 0 warnings in " + RULES), run.out().lines().toList(), run.out());
    }

    @Test
    void lintOfBrokenRulesExitsOneAndOfAMissingFolderExitsTwo() {
        RulesFolder rules = RulesFolder.copyOfLbp(temp)
                .replace("04-imaging.drl", "insert( Recommendation.given( kcontext, $episode ) );", "System.exit( 0 );");
        Run broken = run("lint", "--rules", rules.root().toString());
        assertEquals(1, broken.exitCode(), broken.out());
        int line = rules.lineOf("04-imaging.drl", "System.exit");
        assertTrue(broken.out().contains(rules.file("04-imaging.drl") + ":" + line + ":5: error: System is not allowed in rules"),
                broken.out());
        assertTrue(broken.out().endsWith("1 error, 0 warnings in " + rules.root() + "\n"), broken.out());

        Run missing = run("lint", "--rules", temp.resolve("nowhere").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains(temp.resolve("nowhere") + ": error: no such folder of rules"), missing.err());
        assertNoStackTrace(missing);
    }

    @Test
    void coverageListsWhatWasNeverExercisedFirst() throws Exception {
        Run run = run("coverage", "src/test/resources/fixture/facts/fixture-lbp/scope/age-under-16-out-of-scope.yaml");

        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("never exercised:", lines.get(2));
        assertTrue(lines.get(3).startsWith("  rule never fired       Scope: patient's age is not known"), lines.get(3));
        assertTrue(run.out().contains("  never triggered        FIX-LBP-04\n"), run.out());
        assertTrue(run.out().contains("  reason never produced  MISSING_AGE\n"), run.out());
        assertTrue(run.out().contains("     1  Scope: patient is under 16 years old  ("), run.out());

        JsonNode json = new ObjectMapper().readTree(run("coverage", "--format", "json",
                "src/test/resources/fixture/facts/fixture-lbp/scope/age-under-16-out-of-scope.yaml").out());
        assertEquals("src/test/resources/fixture/facts/fixture-lbp/scope/age-under-16-out-of-scope.yaml", json.at("/reasons/AGE_UNDER_16/0").asText());
        assertEquals(0, json.at("/recommendations/FIX-LBP-04/given").size());
    }

    @Test
    void diffPrintsEveryEpisodeWhoseOutcomeChangedAndExitsOne() {
        RulesFolder rules = RulesFolder.copyOfLbp(temp).replace("00-scope.drl", "ageYearsAtMost < 16", "ageYearsAtMost < 18");

        Run changed = run("diff", "--base", RULES, "--rules", rules.root().toString(), "src/test/resources/fixture/facts/fixture-lbp/boundaries");

        assertEquals(1, changed.exitCode(), changed.out() + changed.err());
        assertTrue(changed.out().contains("src/test/resources/fixture/facts/fixture-lbp/boundaries/age-given-as-16-in-scope.yaml — Age given as 16 completed "
                + "years is in scope (episode e-001)\n  scope: IN_SCOPE → OUT_OF_SCOPE\n  reasons: + AGE_UNDER_16\n"),
                changed.out());
        assertTrue(changed.out().contains("summary: 4 of 14 episodes differ\n  scope IN_SCOPE → OUT_OF_SCOPE: 4\n"
                + "  reason AGE_UNDER_16: +4 episodes gained it\n  recommendation FIX-LBP-01: −4 lost it\n"), changed.out());

        Run same = run("diff", "--base", RULES, "src/test/resources/fixture/facts/fixture-lbp/boundaries");
        assertEquals(0, same.exitCode(), same.out());
        assertTrue(same.out().endsWith("no episode differs\n"), same.out());
    }

    @Test
    void diffAgainstABrokenBaseExitsTwoNamingTheFile() {
        RulesFolder rules = RulesFolder.copyOfLbp(temp).replace("04-imaging.drl", "then", "than");
        Run run = run("diff", "--base", rules.root().toString(), "src/test/resources/fixture/facts/fixture-lbp/boundaries");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith(rules.file("04-imaging.drl") + ":"), run.err());
        assertNoStackTrace(run);
    }

    @Test
    void watchRerunsLintAndTheScenariosWhenARuleChanges() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Thread watcher = new Thread(() -> Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "watch",
                "--rules", rules.root().toString(), "--interval", "50", "--runs", "2", "--cards", EXAMPLE, "--lang", "en",
                "src/test/resources/fixture/facts/fixture-lbp/boundaries"));
        watcher.start();
        io.guidelinekb.Waiting.until(java.time.Duration.ofSeconds(60), () -> out.toString().contains("14 passed, 0 failed"));
        assertTrue(out.toString().contains("14 passed, 0 failed"), out + err.toString());

        rules.replace("00-scope.drl", "ageYearsAtMost < 16", "ageYearsAtMost < 18");
        watcher.join(60_000);

        assertFalse(watcher.isAlive(), "watch stops after --runs 2");
        String output = out.toString();
        assertTrue(output.contains("lint: 0 errors, 0 warnings"), output);
        assertTrue(output.contains("cards:\n" + EXAMPLE), output);
        assertTrue(output.contains("⚠  Do not routinely offer MRI or X-ray for new-onset low back pain (↓, ⊕)."),
                "the card a GP would see, on every run: " + output);
        assertTrue(output.contains("FAIL src/test/resources/fixture/facts/fixture-lbp/boundaries/age-on-16th-birthday-in-scope.yaml"), output);
        assertTrue(output.contains("10 passed, 4 failed\ncards:"), output);
    }

    @Test
    void explainAndCoverageWorkOnChangedAndBrokenCopiesOfTheRules() {
        RulesFolder changed = RulesFolder.copyOfLbp(temp.resolve("changed")).replace("02-patient-education.drl",
                "finding(\"SELF_CARE_GAIN_EXPECTED\") != false", "finding(\"SELF_CARE_GAIN_EXPECTED\") == true");
        Run explain = run("explain", "--rules", changed.root().toString(), EXAMPLE);
        assertEquals(0, explain.exitCode(), explain.err());
        assertTrue(explain.out().contains("✓ Scope( episode.finding(\"SELF_CARE_GAIN_EXPECTED\") == true )   [episode.finding(\"SELF_CARE_GAIN_EXPECTED\") = true]"),
                explain.out());

        RulesFolder neverFires = RulesFolder.copyOfLbp(temp.resolve("never")).replace("07-supervised-exercise.drl",
                "$episode : episode )\n", "$episode : episode )\n    Episode( this == $episode, previousEpisodes > 99 )\n");
        Run coverage = run("coverage", "--rules", neverFires.root().toString());
        assertEquals(0, coverage.exitCode(), coverage.err());
        assertTrue(coverage.out().contains("never exercised:\n  rule never fired       FIX-LBP-07 Consider supervised"),
                coverage.out());

        RulesFolder broken = RulesFolder.copyOfLbp(temp.resolve("broken")).replace("04-imaging.drl", "then", "than");
        for (String command : List.of("explain", "coverage")) {
            Run run = command.equals("explain") ? run(command, "--rules", broken.root().toString(), EXAMPLE)
                    : run(command, "--rules", broken.root().toString());
            assertEquals(2, run.exitCode(), command);
            assertTrue(run.err().startsWith(broken.file("04-imaging.drl") + ":"), command + ": " + run.err());
            assertNoStackTrace(run);
        }
    }

    @Test
    void lintWithAGuidelineTheFolderDoesNotHoldIsAnError() {
        Run unknown = run("lint", "--guideline", "fixture-lbp-2061");
        Run known = run("lint", "--guideline", "fixture-lbp");

        assertEquals(2, unknown.exitCode(), unknown.out());
        assertTrue(unknown.err().startsWith(RULES + ": error: holds no guideline fixture-lbp-2061; its guidelines: fixture-lbp"),
                unknown.err());
        assertEquals(0, known.exitCode(), known.err());
        assertTrue(known.out().endsWith("0 errors, 0 warnings in " + RULES + "\n"), known.out());
    }
}
