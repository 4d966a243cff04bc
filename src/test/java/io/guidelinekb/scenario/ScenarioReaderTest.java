package io.guidelinekb.scenario;

import io.guidelinekb.LbpFixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.guidelinekb.util.InvalidInputException;
import io.guidelinekb.model.EvidenceGrade;
import io.guidelinekb.model.ScopeStatus;
import io.guidelinekb.model.Strength;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioReaderTest {

    static final String VALID = """
            name: valid
            asOf: 2026-03-10
            patient:
              id: p-1
              birthDate: 1980-05-01
            episode:
              id: e-1
              onset: 2026-02-17
              painLocation: [LOW_BACK]
              redFlagsScreened: true
              proposedInterventions: [MRI]
            expect:
              scope: IN_SCOPE
              recommendations:
                - FIX-LBP-01
                - id: FIX-LBP-04
                  strength: "↓"
                  evidence: VERY_LOW
                  triggeredBy: [MRI]
            """;

    @TempDir
    Path temp;

    Path write(String name, String text) throws IOException {
        return Files.writeString(temp.resolve(name), text);
    }

    String problemsOf(String name, String text) throws IOException {
        Path file = write(name, text);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ScenarioReader.read(file, LbpFixture.knowledgeBase()));
        return String.join("\n", e.problems());
    }

    @Test
    void aValidScenarioIsReadWhole() throws Exception {
        Scenario scenario = ScenarioReader.read(write("valid.yaml", VALID), LbpFixture.knowledgeBase());

        assertEquals("valid", scenario.name());
        assertEquals(45, scenario.input().patient().ageYears());
        assertEquals(21, scenario.input().episode().daysSinceOnset());
        assertEquals(LocalDate.of(2026, 3, 10), scenario.input().episode().asOf());
        assertNull(scenario.input().episode().finding("SELF_CARE_GAIN_EXPECTED"));
        assertEquals(ScopeStatus.IN_SCOPE, scenario.expect().scope());
        assertNull(scenario.expect().reasons());
        assertEquals(List.of(ExpectedRecommendation.id("FIX-LBP-01"),
                        new ExpectedRecommendation("FIX-LBP-04", Strength.WEAK_AGAINST, EvidenceGrade.VERY_LOW,
                                Set.of("MRI"), null, null)),
                scenario.expect().recommendations());
    }

    @Test
    void theSameScenarioInJsonIsEquallyValid() throws Exception {
        Path json = write("valid.json", """
                {"name": "valid", "asOf": "2026-03-10", "patient": {"id": "p-1", "age": 45},
                 "episode": {"id": "e-1", "durationWeeks": 3, "painLocation": ["BUTTOCK"]},
                 "expect": {"scope": "UNDETERMINED", "reasons": ["RED_FLAGS_NOT_SCREENED"]}}
                """);
        Scenario scenario = ScenarioReader.read(json, LbpFixture.knowledgeBase());
        assertEquals(45, scenario.input().patient().ageYears());
        assertEquals(3, scenario.input().episode().durationWeeks());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key              | '  onset: 2026-02-17'        | '  onsett: 2026-02-17'        | 'episode.onsett: unknown key; allowed here: id, onset,'
            unknown red flag         | '  redFlagsScreened: true'   | '  redFlags: [QQQ]'            | 'episode.redFlags[0]: QQQ is not a red flag of fixture-lbp; the redFlags are in src/test/resources/fixture/rules/fixture-lbp/vocabulary.yaml'
            unknown intervention     | '  proposedInterventions: [MRI]' | '  proposedInterventions: [PET]' | 'episode.proposedInterventions[0]: PET is not an intervention of fixture-lbp (did you mean CT?)'
            unknown pain location    | '  painLocation: [LOW_BACK]' | '  painLocation: [NECK]'        | 'episode.painLocation[0]: unknown value text "NECK"; allowed: LOW_BACK, BUTTOCK, OTHER'
            unknown scope status     | '  scope: IN_SCOPE'          | '  scope: MAYBE'               | 'expect.scope: unknown scope status "MAYBE"; allowed: IN_SCOPE, OUT_OF_SCOPE, UNDETERMINED'
            unknown finding          | '  redFlagsScreened: true'   | '  redFlagsScreened: true\n  findings: {LEG_RADIATON: true}' | 'episode.findings.LEG_RADIATON: LEG_RADIATON is not a finding of fixture-lbp (did you mean LEG_RADIATION?)'
            finding not yes or no    | '  redFlagsScreened: true'   | '  redFlagsScreened: true\n  findings: {LEG_RADIATION: maybe}' | 'episode.findings.LEG_RADIATION: expected true or false, got text "maybe"'
            finding given twice      | '  redFlagsScreened: true'   | '  redFlagsScreened: true\n  findings: {RED_FLAGS_SCREENED: false}' | 'episode.redFlagsScreened: gives RED_FLAGS_SCREENED again; give each finding once'
            unknown guideline        | 'name: valid'                | 'name: valid\nguideline: fix-lbp' | 'guideline: "fix-lbp" is not a guideline of the knowledge base'
            unknown alert            | '  scope: IN_SCOPE'          | '  scope: IN_SCOPE\n  alerts: [ACUTE]' | 'expect.alerts[0]: ACUTE is not an alert of fixture-lbp'
            unknown strength         | '    strength: "↓"'         | '    strength: DOWN'           | 'expect.recommendations[1].strength: unknown strength "DOWN"; allowed: STRONG_FOR (↑↑),'
            wrong type for a flag    | '  redFlagsScreened: true'   | '  redFlagsScreened: maybe'    | 'episode.redFlagsScreened: expected true or false, got text "maybe"'
            wrong type for a list    | '  painLocation: [LOW_BACK]' | '  painLocation: LOW_BACK'     | 'episode.painLocation: expected a list, got text "LOW_BACK"'
            wrong type for an id     | '  id: p-1'                  | '  id: 17'                     | 'patient.id: expected text, got number 17 (put it in quotes)'
            date that does not exist | '  onset: 2026-02-17'        | '  onset: 2026-02-30'          | 'episode.onset: "2026-02-30" is not a date that exists (expected YYYY-MM-DD)'
            date that does not parse | 'asOf: 2026-03-10'           | 'asOf: 10/03/2026'             | 'asOf: "10/03/2026" is not a date that exists (expected YYYY-MM-DD)'
            date of another era      | '  onset: 2026-02-17'        | '  onset: -999999999-01-01'    | 'episode.onset: "-999999999-01-01" is outside the years 0001 to 9999'
            date of a far future     | '  birthDate: 1980-05-01'    | '  birthDate: +10000-01-01'    | 'patient.birthDate: "+10000-01-01" is outside the years 0001 to 9999'
            negative number          | '  onset: 2026-02-17'        | '  durationDays: -3'           | 'episode.durationDays: must not be negative, got -3'
            fractional number        | '  onset: 2026-02-17'        | '  durationWeeks: 2.5'         | 'episode.durationWeeks: expected a whole number, got number 2.5'
            both age and birth date  | '  birthDate: 1980-05-01'    | '  birthDate: 1980-05-01\n  age: 45' | 'patient: give either birthDate or age, not both'
            two duration fields      | '  onset: 2026-02-17'        | '  onset: 2026-02-17\n  durationWeeks: 3' | 'episode: give one of onset, durationDays, durationWeeks, not several (got onset, durationWeeks)'
            onset after asOf         | '  onset: 2026-02-17'        | '  onset: 2026-03-11'          | 'episode.onset: 2026-03-11 is after asOf 2026-03-10'
            birth date after asOf    | '  birthDate: 1980-05-01'    | '  birthDate: 2027-01-01'      | 'patient.birthDate: 2027-01-01 is after asOf 2026-03-10'
            missing name             | 'name: valid'                | ''                             | 'name: required, but missing'
            missing episode id       | '  id: e-1'                  | ''                             | 'episode.id: required, but missing'
            missing expect scope     | '  scope: IN_SCOPE'          | ''                             | 'expect.scope: required, but missing'
            empty pain location      | '  painLocation: [LOW_BACK]' | '  painLocation: []'           | 'episode.painLocation: an empty list says nothing; leave the key out'
            duplicate key            | '  redFlagsScreened: true'   | '  redFlagsScreened: true\n  redFlagsScreened: false' | 'syntax error: Duplicate field ''redFlagsScreened'''
            """)
    void anInvalidFieldIsNamedWithFileAndField(String kind, String from, String to, String message) throws Exception {
        String text = VALID.replace(from + "\n", to.replace("\\n", "\n") + (to.isEmpty() ? "" : "\n"));
        assertEquals(false, text.equals(VALID), "the case must change the scenario: " + kind);

        String problems = problemsOf("invalid.yaml", text);

        String file = temp.resolve("invalid.yaml").toString();
        assertEquals(true, problems.startsWith(file + ":"), problems);
        assertEquals(true, problems.contains(message), "expected «" + message + "» in:\n" + problems);
    }

    @Test
    void everyProblemOfAFileIsReportedAtOnce() throws Exception {
        String text = VALID.replace("  onset: 2026-02-17", "  onset: 2026-02-30")
                .replace("  redFlagsScreened: true", "  redFlagsScreened: yes please");
        String problems = problemsOf("two.yaml", text);
        assertEquals(2, problems.lines().count(), problems);
    }

    @Test
    void aYamlSyntaxErrorGivesLineAndColumn() throws Exception {
        String problems = problemsOf("broken.yaml", "name: a: b\n");
        assertEquals(temp.resolve("broken.yaml") + ":1:8: syntax error: mapping values are not allowed here", problems);
    }

    @Test
    void anEmptyFileOrAListIsNotAScenario() throws Exception {
        assertEquals(temp.resolve("empty.yaml") + ": empty; expected a mapping with name, asOf, patient, episode and expect",
                problemsOf("empty.yaml", ""));
        assertEquals(temp.resolve("list.yaml") + ": expected a mapping with name, asOf, patient, episode and expect, got a list",
                problemsOf("list.yaml", "- a\n- b\n"));
    }

    @Test
    void aFileThatIsNotThereIsNamed() {
        Path missing = temp.resolve("missing.yaml");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ScenarioReader.read(missing, LbpFixture.knowledgeBase()));
        assertEquals(List.of(missing + ": no such file"), e.problems());
    }

    @Test
    void recordStreamsNameTheLineOfEachBadRecord() throws Exception {
        Path stream = write("in.ndjson", """
                {"asOf": "2026-03-10", "patient": {"id": "p1", "age": 40}, "episode": {"id": "e1"}}
                {"asOf": "2026-03-10", "patient": {"id": "p2", "age": -4}, "episode": {"id": "e2"}}

                {"asOf": "2026-03-10", "patient": {"id": "p3"}, "episode": {"id": "e3", "onset": "2026-13-01"}}
                {"asOf": "2026-03-10", "patient": {"id": "p4"
                """);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> InputReader.read(stream, LbpFixture.knowledgeBase()));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertEquals(stream + ":2: patient.age: must not be negative, got -4", e.problems().get(0));
        assertEquals(stream + ":4: episode.onset: \"2026-13-01\" is not a date that exists (expected YYYY-MM-DD)",
                e.problems().get(1));
        assertEquals(true, e.problems().get(2).startsWith(stream + ":5:"), e.problems().get(2));
    }

    @Test
    void aRecordMayNotCarryScenarioKeysItDoesNotKnow() throws Exception {
        Path record = write("record.json", """
                {"asOf": "2026-03-10", "patient": {"id": "p1"}, "episode": {"id": "e1"}, "extra": 1}
                """);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> InputReader.read(record, LbpFixture.knowledgeBase()));
        assertEquals(List.of(record + ": extra: unknown key; allowed here: asOf, patient, episode, unit"), e.problems());
    }
}
