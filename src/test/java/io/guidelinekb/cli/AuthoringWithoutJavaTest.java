package io.guidelinekb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.RulesFolder;
import io.guidelinekb.scenario.ScenarioRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a guideline author does with text files alone, as docs/authoring.md walks through it: add an
 * intervention, a red flag and a finding, expect an alert, and add a second guideline beside the
 * first. Nothing is rebuilt: each step edits a copy of rules/ and runs the command line on it.
 */
@io.guidelinekb.IntegrationTest
class AuthoringWithoutJavaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    /** Adds {@code lines} at the end of the section {@code section:} of the copy's vocabulary.yaml. */
    private static void addToVocabulary(RulesFolder rules, String section, String lines) throws Exception {
        Path file = rules.file("vocabulary.yaml");
        String text = Files.readString(file);
        int at = text.indexOf("\n\n", text.indexOf("\n" + section + ":\n"));
        Files.writeString(file, text.substring(0, at + 1) + lines + text.substring(at + 1));
    }

    private Path scenario(String name, String yaml) throws Exception {
        Path facts = Files.createDirectories(temp.resolve("facts").resolve("fixture-lbp"));
        return Files.writeString(facts.resolve(name), yaml);
    }

    @Test
    void aNewInterventionWithItsAtcBindingAndRecommendationIsTriggeredByAFhirOrderCodedN03AX12() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp);
        addToVocabulary(rules, "interventions", "  GABAPENTINOID: {da: gabapentinoider, en: gabapentinoids}\n");
        Files.writeString(rules.file("bindings.yaml"), Files.readString(rules.file("bindings.yaml"))
                + "\n  GABAPENTINOID:\n    - http://www.whocc.no/atc|N03AX12\n    - http://www.whocc.no/atc|N03AX16\n");
        rules.write("11-gabapentinoids.drl", """
                package fixture_lbp;

                import io.guidelinekb.model.*;

                rule "FIX-LBP-11 Do not offer gabapentinoids"
                    @recommendation("FIX-LBP-11")
                    @section("Gabapentinoider")
                    @strength("↓")
                    @evidence("⊕")
                    @da("Tilbyd ikke gabapentinoider (eksempel til test).")
                    @en("Do not offer gabapentinoids (an example for tests).")
                    @summaryDa("Tilbyd ikke gabapentinoider.")
                    @summaryEn("Do not offer gabapentinoids.")
                    @concerns("GABAPENTINOID: against")
                when
                    Scope( status == ScopeStatus.IN_SCOPE, $episode : episode )
                then
                    insert( Recommendation.given( kcontext, $episode ) );
                end
                """);
        Path pregabalin = scenario("pregabalin.yaml", """
                name: Gabapentinoids proposed trigger FIX-LBP-11 against them
                asOf: 2026-03-10
                patient: {id: p-1, age: 45}
                episode: {id: e-1, durationDays: 10, painLocation: [LOW_BACK], redFlagsScreened: true,
                          proposedInterventions: [GABAPENTINOID]}
                expect:
                  scope: IN_SCOPE
                  triggeredAgainst: [FIX-LBP-11]
                """);

        CliTest.Run lint = CliTest.run("lint", "--rules", rules.root().toString());
        assertEquals(0, lint.exitCode(), lint.out() + lint.err());
        CliTest.Run test = CliTest.run("--rules", rules.root().toString(), "test", pregabalin.toString());
        assertEquals(0, test.exitCode(), test.out() + test.err());

        Path bundle = Files.writeString(temp.resolve("pregabalin.bundle.json"), """
                {"resourceType": "Bundle", "type": "collection", "entry": [
                  {"resource": {"resourceType": "Patient", "id": "p-1", "birthDate": "1980-05-01"}},
                  {"resource": {"resourceType": "Condition", "id": "lbp", "subject": {"reference": "Patient/p-1"},
                    "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10", "code": "M54.50"}]},
                    "onsetDateTime": "2026-02-17"}},
                  {"resource": {"resourceType": "Observation", "id": "screened", "status": "final",
                    "code": {"coding": [{"system": "https://guideline-kb.io/fhir/CodeSystem/lbp", "code": "red-flags-screened"}]},
                    "valueBoolean": true, "effectiveDateTime": "2026-03-10"}},
                  {"resource": {"resourceType": "MedicationRequest", "id": "pregabalin-1", "status": "draft",
                    "intent": "proposal", "subject": {"reference": "Patient/p-1"},
                    "medicationCodeableConcept": {"coding": [{"system": "http://www.whocc.no/atc", "code": "N03AX12"}]}}}
                ]}
                """);
        CliTest.Run fhir = CliTest.run("--rules", rules.root().toString(), "evaluate", "--as-of", "2026-03-10",
                "--format", "json", bundle.toString());
        assertEquals(0, fhir.exitCode(), fhir.err());
        JsonNode result = JSON.readTree(fhir.out()).get(0);
        assertEquals("IN_SCOPE", result.at("/scope/status").asText(), fhir.out());
        JsonNode eleven = recommendation(result, "FIX-LBP-11");
        assertEquals(List.of("GABAPENTINOID"), texts(eleven.get("triggeredAgainst")), fhir.out());
    }

    @Test
    void aMisspeltInterventionInARuleIsAnErrorAtItsLineWithDidYouMean() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp).replace("02-patient-education.drl",
                "episode.finding(\"SELF_CARE_GAIN_EXPECTED\") != false", "episode.finding(\"SELF_CARE_GAIN_EXPECTD\") != false");
        int line = rules.lineOf("02-patient-education.drl", "SELF_CARE_GAIN_EXPECTD");

        CliTest.Run lint = CliTest.run("lint", "--rules", rules.root().toString());

        assertEquals(1, lint.exitCode(), lint.out() + lint.err());
        assertTrue(lint.out().contains("02-patient-education.drl:" + line + ":"), lint.out());
        assertTrue(lint.out().contains("SELF_CARE_GAIN_EXPECTD is not a finding of fixture-lbp (did you mean "
                + "SELF_CARE_GAIN_EXPECTED?); the findings are in " + rules.file("vocabulary.yaml")), lint.out());
    }

    @Test
    void aNewRedFlagTakesTheEpisodeOutOfScopeWithItsOwnReasonAndLabelWithNoRuleEdited() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp);
        addToVocabulary(rules, "redFlags",
                "  MAJOR_TRAUMA: {da: \"rødt flag: større traume\", en: \"red flag: major trauma\"}\n");
        Path trauma = scenario("trauma.yaml", """
                name: A new red flag gives its own reason
                asOf: 2026-03-10
                patient: {id: p-1, age: 45}
                episode: {id: e-1, durationDays: 10, painLocation: [LOW_BACK], redFlagsScreened: true,
                          redFlags: [MAJOR_TRAUMA]}
                expect:
                  scope: OUT_OF_SCOPE
                  reasons: [RED_FLAG_MAJOR_TRAUMA]
                  recommendations: []
                """);

        CliTest.Run test = CliTest.run("--rules", rules.root().toString(), "test", trauma.toString());
        assertEquals(0, test.exitCode(), test.out() + test.err());
        CliTest.Run report = CliTest.run("--rules", rules.root().toString(), "evaluate", "--lang", "en", trauma.toString());
        assertTrue(report.out().contains("scope: OUT_OF_SCOPE (RED_FLAG_MAJOR_TRAUMA)"), report.out());
        assertEquals(0, CliTest.run("lint", "--rules", rules.root().toString()).exitCode());
    }

    @Test
    void aNewFindingIsReadInARuleAndGivenInAScenario() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp);
        addToVocabulary(rules, "findings", "  RECENT_SPINAL_PROCEDURE: {da: nyligt rygindgreb, en: recent spinal procedure}\n");
        addToVocabulary(rules, "scopeReasons", "  RECENT_SPINAL_PROCEDURE: {kind: exclusion, da: nyligt rygindgreb, "
                + "en: recent spinal procedure}\n");
        rules.write("00-procedure.drl", """
                package fixture_lbp;

                import io.guidelinekb.model.*;

                rule "Scope: a recent spinal procedure"
                when
                    $episode : Episode( finding("RECENT_SPINAL_PROCEDURE") == true )
                then
                    insert( ScopeFinding.of( $episode, "RECENT_SPINAL_PROCEDURE" ) );
                end
                """);
        String episode = "episode: {id: e-1, durationDays: 10, painLocation: [LOW_BACK], redFlagsScreened: true, "
                + "findings: {RECENT_SPINAL_PROCEDURE: %s}}\n";
        Path had = scenario("procedure.yaml", "name: A recent procedure excludes\nasOf: 2026-03-10\n"
                + "patient: {id: p-1, age: 45}\n" + episode.formatted("true")
                + "expect: {scope: OUT_OF_SCOPE, reasons: [RECENT_SPINAL_PROCEDURE]}\n");
        Path none = scenario("no-procedure.yaml", "name: No procedure, in scope\nasOf: 2026-03-10\n"
                + "patient: {id: p-1, age: 45}\n" + episode.formatted("false") + "expect: {scope: IN_SCOPE, reasons: []}\n");

        CliTest.Run test = CliTest.run("--rules", rules.root().toString(), "test", had.toString(), none.toString());
        assertEquals(0, test.exitCode(), test.out() + test.err());
        assertTrue(test.out().contains("2 passed, 0 failed"), test.out());
    }

    @Test
    void aScenarioExpectsAlertsExactly() throws Exception {
        String scenario = """
                name: Cauda equina alerts
                asOf: 2026-03-10
                patient: {id: p-1, age: 45}
                episode: {id: e-1, durationDays: 10, painLocation: [LOW_BACK], redFlagsScreened: true,
                          redFlags: [CAUDA_EQUINA]}
                expect:
                  scope: OUT_OF_SCOPE
                  alerts: [%s]
                """;
        Path alerted = scenario("alerted.yaml", scenario.formatted("CAUDA_EQUINA"));
        Path silent = scenario("silent.yaml", scenario.formatted(""));
        Path misspelt = scenario("misspelt.yaml", scenario.formatted("CAUDA_EQINA"));

        assertEquals(0, CliTest.run("test", alerted.toString()).exitCode());
        CliTest.Run failed = CliTest.run("test", silent.toString());
        assertEquals(1, failed.exitCode(), failed.out());
        assertTrue(failed.out().contains("alerts: unexpected [CAUDA_EQUINA]"), failed.out());
        CliTest.Run invalid = CliTest.run("test", misspelt.toString());
        assertTrue(invalid.out().contains("expect.alerts[0]: CAUDA_EQINA is not an alert of fixture-lbp (did you mean "
                + "CAUDA_EQUINA?)"), invalid.out());
    }

    /** The shipped rules and scenarios with the test fixture's second guideline beside them. */
    private Path[] withSecondGuideline() throws Exception {
        Path rules = RulesFolder.copyOfLbp(temp).root();
        Path facts = temp.resolve("facts");
        copy(Path.of("src/test/resources/fixture/facts"), facts);
        copy(Path.of("src/test/resources/guidelines/test-two-drugs"), rules.resolve("test-two-drugs"));
        copy(Path.of("src/test/resources/facts/test-two-drugs"), facts.resolve("test-two-drugs"));
        return new Path[] {rules, facts};
    }

    @Test
    void aSecondGuidelineWithItsOwnVocabularyAndScopeRunsBesideTheFirstInEveryCommand() throws Exception {
        Path[] both = withSecondGuideline();
        String rules = both[0].toString();
        String facts = both[1].toString();

        CliTest.Run lint = CliTest.run("lint", "--rules", rules);
        assertEquals(0, lint.exitCode(), lint.out() + lint.err());
        CliTest.Run test = CliTest.run("--rules", rules, "test", facts);
        assertEquals(0, test.exitCode(), test.out() + test.err());
        int shipped = ScenarioRun.findScenarioFiles(List.of(Path.of("src/test/resources/fixture/facts"))).size();
        assertTrue(test.out().contains((shipped + 3) + " passed, 0 failed"), test.out());
        CliTest.Run coverage = CliTest.run("--rules", rules, "coverage", facts);
        assertEquals(0, coverage.exitCode(), coverage.err());
        assertTrue(coverage.out().contains("rule never fired       Two drugs scope: no acute pain"), coverage.out());
        assertFalse(coverage.out().contains("never triggered        TWO-01"), coverage.out());
        CliTest.Run diff = CliTest.run("--rules", rules, "diff", "--base", rules, facts);
        assertEquals(0, diff.exitCode(), diff.out() + diff.err());
        CliTest.Run explain = CliTest.run("--rules", rules, "explain",
                both[1].resolve("test-two-drugs/both-proposed-triggers-two-01.yaml").toString());
        assertEquals(0, explain.exitCode(), explain.err());
        assertTrue(explain.out().contains("TWO-01"), explain.out());
    }

    @Test
    void bothGuidelinesScenariosPassFromJavaAsInMvnVerify() throws Exception {
        Path[] both = withSecondGuideline();
        KnowledgeBase kb = KnowledgeBase.load(both[0]);

        List<ScenarioRun.Outcome> outcomes = ScenarioRun.runAll(kb, ScenarioRun.findScenarioFiles(List.of(both[1])));

        assertEquals(List.of(), outcomes.stream().filter(o -> !o.passed()).toList());
        assertEquals(3, outcomes.stream().filter(o -> o.file().contains("test-two-drugs")).count());
        assertTrue(kb.guideline("test-two-drugs").orElseThrow().vocabulary().has(
                io.guidelinekb.model.Vocabulary.Section.SCOPE_REASONS, "AGE_UNDER_18"), "its own under-18 reason");
        // its guideline.yaml gives only its own words and inherits the rest: served and reported as it is
        assertEquals(List.of(), io.guidelinekb.cdshooks.CdsHooksServer.missingWords(kb));
        assertEquals(List.of(), io.guidelinekb.audit.AuditReport.missingWords(kb.guideline("test-two-drugs").orElseThrow()));
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static JsonNode recommendation(JsonNode result, String id) {
        for (JsonNode r : result.get("recommendations")) {
            if (r.get("id").asText().equals(id)) {
                return r;
            }
        }
        throw new AssertionError(id + " not in " + result);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new java.util.ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
