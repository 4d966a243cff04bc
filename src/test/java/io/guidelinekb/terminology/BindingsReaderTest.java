package io.guidelinekb.terminology;

import io.guidelinekb.model.TerminologyBindings;
import io.guidelinekb.model.Concept;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.model.Case;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.model.RuleLoadException;
import io.guidelinekb.model.RuleProblem;
import io.guidelinekb.RulesFolder;
import io.guidelinekb.LbpFixture;
import io.guidelinekb.authoring.Linter;
import io.guidelinekb.fhir.FhirCases;
import io.guidelinekb.model.Recommendation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BindingsReaderTest {

    private static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
    private static final String ATC = "http://www.whocc.no/atc";

    @TempDir
    Path temp;

    private static List<String> messages(BindingsReader.Result result) {
        return result.problems().stream().map(RuleProblem::toString).toList();
    }

    @Test
    void theShippedBindingsGiveEveryConceptOfTheSpecItsDefaultCodes() {
        TerminologyBindings bindings = LbpFixture.knowledgeBase().bindings();

        assertEquals(Set.of(new Concept("LOW_BACK_PAIN")), bindings.conceptsOf("http://snomed.info/sct", "279039007"));
        assertEquals(Set.of(new Concept("LOW_BACK_PAIN")), bindings.conceptsOf(ICD10, "M54.50"), "M54.5* matches subcodes");
        assertEquals(Set.of(new Concept("LOW_BACK_PAIN"), new Concept("LEG_RADIATION")),
                bindings.conceptsOf("http://hl7.org/fhir/sid/icpc-2", "L86"));
        assertEquals(Set.of(new Concept("NSAID")), bindings.conceptsOf(ATC, "M01AE01"));
        assertEquals(Set.of(new Concept("PARACETAMOL")), bindings.conceptsOf(ATC, "N02BE01"));
        assertEquals(Set.of(), bindings.conceptsOf(ATC, "N02BE0"), "an exact code does not match a shorter one");
        assertEquals(Set.of(new Concept("RED_FLAG_CAUDA_EQUINA")), bindings.conceptsOf(ICD10, "G83.4"));
        assertEquals(Set.of(), bindings.conceptsOf("http://loinc.org", "24968"), "unknown codes mean nothing");
        for (String flag : LbpFixture.vocabulary().terms(io.guidelinekb.model.Vocabulary.Section.RED_FLAGS).keySet()) {
            assertTrue(!bindings.codesOf(new Concept("RED_FLAG_" + flag)).isEmpty(), flag + " has a code");
        }
        for (String intervention : LbpFixture.vocabulary().terms(io.guidelinekb.model.Vocabulary.Section.INTERVENTIONS)
                .keySet()) {
            assertTrue(!bindings.codesOf(new Concept(intervention)).isEmpty(), intervention + " has a code");
        }
        assertTrue(bindings.codesOf(new Concept("LOW_BACK_PAIN")).get(0).unconfirmed(), "SNOMED 279039007 is flagged ⚠");
        assertTrue(!bindings.codesOf(new Concept("RADICULOPATHY")).get(0).unconfirmed());
    }

    @Test
    void eachProblemIsNamedWithFileLineAndWhatIsAllowed() {
        BindingsReader.Result result = BindingsReader.read("""
                concepts:
                  NSAIDS:
                    - http://www.whocc.no/atc|M01A*
                  NSAID:
                    - www.whocc.no/atc|M01AE01
                    - M01AE01
                    - code: urn:oid:1.2.x|M01AE01
                    - http://www.whocc.no/atc|M01A*
                  OPIOID:
                    - http://www.whocc.no/atc|N02A*
                    - http://www.whocc.no/atc|N02A*
                  PARACETAMOL:
                    - code: http://www.whocc.no/atc|N02BE01
                      unconfirmed: maybe
                  RED_FLAG_CAUDA_EQUINA:
                    - http://hl7.org/fhir/sid/icd-10|G83.4
                  RADICULOPATHY:
                    - http://hl7.org/fhir/sid/icd-10|G83*
                """, "b.yaml", LbpFixture.vocabulary());

        List<String> messages = messages(result);
        assertEquals(7, messages.size(), messages.toString());
        assertTrue(messages.get(0).startsWith("b.yaml:2:3: error: unknown concept \"NSAIDS\" (did you mean NSAID?); "
                + "a concept is a finding or an intervention of fixture-lbp, or RED_FLAG_ and a red flag's id "
                + "(" + LbpFixture.vocabulary().file() + "): LOW_BACK_PAIN, BUTTOCK_PAIN"), messages.get(0));
        assertTrue(messages.contains("b.yaml:5: error: NSAID: \"www.whocc.no/atc\" is not a code system URI: it has no "
                + "scheme; write an absolute URI such as http://snomed.info/sct or urn:oid:1.2.208.176.2.4.12"), messages.toString());
        assertTrue(messages.contains("b.yaml:6: error: NSAID: \"M01AE01\" has no system; write system|code, e.g. "
                + "http://snomed.info/sct|279039007"), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("b.yaml:7: error: NSAID: \"urn:oid:1.2.x\" is not a code "
                + "system URI: a urn must be urn:oid:")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("b.yaml:14:20: error: PARACETAMOL: unconfirmed: expected "
                + "true or false")), messages.toString());
        assertTrue(messages.contains("b.yaml:11: error: http://www.whocc.no/atc|N02A* is bound twice: already at "
                + "b.yaml:10; a code means one concept (use implies: for a code that means more)"), messages.toString());
        assertTrue(messages.contains("b.yaml:16: error: http://hl7.org/fhir/sid/icd-10|G83.4 (RED_FLAG_CAUDA_EQUINA) is "
                + "also matched by http://hl7.org/fhir/sid/icd-10|G83* (RADICULOPATHY) at b.yaml:18; a code means one "
                + "concept"), messages.toString());
    }

    @Test
    void aCodeBoundToTwoConceptsIsAnError() {
        BindingsReader.Result result = BindingsReader.read("""
                concepts:
                  MRI:
                    - http://loinc.org|24968-0
                  CT:
                    - http://loinc.org|24968-0
                """, "two.yaml", LbpFixture.vocabulary());

        assertEquals(List.of("two.yaml:5: error: http://loinc.org|24968-0 is bound twice: already to MRI at two.yaml:3; "
                + "a code means one concept (use implies: for a code that means more)"), messages(result));
    }

    @Test
    void notYamlIsNamedWithItsPosition() {
        BindingsReader.Result result = BindingsReader.read("concepts:\n  MRI: [http://loinc.org|24968-0\n", "bad.yaml",
                LbpFixture.vocabulary());
        assertEquals(1, result.problems().size());
        assertTrue(messages(result).get(0).equals("bad.yaml:2:33: error: not valid YAML: while parsing a flow "
                + "sequence expected ',' or ']', but got <stream end>"), messages(result).toString());
    }

    @Test
    void aBadBindingsFileStopsLoadingAndLintNamesIt() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp).replace("bindings.yaml", "  NSAID:\n", "  NSAIDS:\n");
        int line = rules.lineOf("bindings.yaml", "NSAIDS:");

        RuleLoadException e = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules.root()));
        assertEquals(rules.file("bindings.yaml").toString(), e.problems().get(0).file());
        assertEquals(line, e.problems().get(0).line());

        Linter.Report report = Linter.lint(rules.root());
        assertEquals(1, report.errors(), report.findings().toString());
        assertTrue(report.findings().stream().anyMatch(p -> p.message().contains("unknown concept \"NSAIDS\"")));
    }

    @Test
    void aNewAtcCodeForNsaidIsOneLineAndChangesTheVersion() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp).replace("bindings.yaml",
                "    - http://www.whocc.no/atc|M01A*\n",
                "    - http://www.whocc.no/atc|M01A*\n    - http://www.whocc.no/atc|M02AA15\n");

        KnowledgeBase changed = KnowledgeBase.load(rules.root());

        assertEquals(Set.of(new Concept("NSAID")), changed.bindings().conceptsOf(ATC, "M02AA15"));
        assertEquals(Set.of(), LbpFixture.knowledgeBase().bindings().conceptsOf(ATC, "M02AA15"));
        assertTrue(!changed.version().equals(LbpFixture.knowledgeBase().version()), "bindings are part of the version");
        String bundle = Files.readString(Path.of("examples/fhir/mri-and-supervised-exercise.bundle.json"))
                .replace("\"code\": \"24968-0\"", "\"code\": \"M02AA15\"").replace("http://loinc.org", ATC);
        LocalDate asOf = LocalDate.of(2026, 3, 10);
        Case gel = FhirCases.of(changed).fromBundleJson(bundle, asOf, "gel.json").input().orElseThrow();
        assertEquals(List.of("FIX-LBP-10"), changed.evaluate(gel).triggeredAgainst().stream()
                .map(Recommendation::id).toList(), "the new code proposes an NSAID, against FIX-LBP-10");
        Case before = FhirCases.of(LbpFixture.knowledgeBase()).fromBundleJson(bundle, asOf, "gel.json").input().orElseThrow();
        assertEquals(List.of(), LbpFixture.knowledgeBase().evaluate(before).triggeredAgainst());
    }

    @Test
    void tensOfThousandsOfPrefixesAreCheckedAndMatchedByLookupNotByComparingEachWithEach() {
        // compared each with each, 80,000 prefixes took lint 168 s; looked up, a moment
        StringBuilder text = new StringBuilder("concepts:\n  NSAID:\n");
        for (int i = 0; i < 40_000; i++) {
            text.append("    - ").append(ATC).append("|X").append(i).append("Y*\n");
        }
        text.append("  PARACETAMOL:\n    - ").append(ATC).append("|X17Y3\n");
        for (int i = 0; i < 40_000; i++) {
            text.append("    - ").append(ATC).append("|Z").append(i).append("*\n");
        }

        BindingsReader.Result result = BindingsReader.read(text.toString(), "many.yaml", LbpFixture.vocabulary());

        assertEquals(List.of("many.yaml:40004: error: " + ATC + "|X17Y3 (PARACETAMOL) is also matched by " + ATC
                + "|X17Y* (NSAID) at many.yaml:20; a code means one concept"), messages(result));
        TerminologyBindings bindings = new TerminologyBindings(result.bindings());
        assertEquals(Set.of(new Concept("NSAID")), bindings.conceptsOf(ATC, "X39999Y12"));
        assertEquals(Set.of(new Concept("PARACETAMOL")), bindings.conceptsOf(ATC, "Z123"));
        assertEquals(Set.of(), bindings.conceptsOf(ATC, "X39999"));
    }

    /** A guideline's words of its own: a finding and an intervention. */
    private static final io.guidelinekb.model.Vocabulary FIXTURE = io.guidelinekb.model.Vocabulary.builder("fixture")
            .add(io.guidelinekb.model.Vocabulary.Section.FINDINGS, new io.guidelinekb.model.Vocabulary.Term("SIGN", "tegn", "sign"))
            .add(io.guidelinekb.model.Vocabulary.Section.INTERVENTIONS, new io.guidelinekb.model.Vocabulary.Term("SCAN", "skanning", "scan"))
            .build();

    @Test
    void aCodeWithAnInvisibleCharacterIsAnErrorNamingItAndItsPlace() {
        BindingsReader.Result result = BindingsReader.read("concepts:\n  SCAN:\n    - \"http://snomed.info/sct|433141005\u00a0\"\n"
                + "    - \"http://snomed.info/sct|43314\u200b1006\"\n    - \"http://snomed.info/sct| 1\"\n", "b.yaml", FIXTURE);

        assertEquals(List.of(), result.bindings());
        assertEquals(3, result.problems().size(), messages(result).toString());
        assertTrue(messages(result).get(0).startsWith("b.yaml:3: error: SCAN: \"http://snomed.info/sct|433141005\\u00A0\" holds "
                + "U+00A0 NO-BREAK SPACE at character 33;"), messages(result).toString());
        assertTrue(messages(result).get(1).contains("U+200B ZERO WIDTH SPACE at character 29"), messages(result).toString());
        assertTrue(messages(result).get(2).contains("U+0020 SPACE at character 24"), messages(result).toString());
    }

    @Test
    void aSystemThatSpellsAnothersCodesIsDeclaredOnceAndMatchesEveryCodeOfIt() {
        BindingsReader.Result result = BindingsReader.read("""
                spellings:
                  urn:oid:1.2.208.176.2.4.12: {of: http://hl7.org/fhir/sid/icd-10, prefix: D, dots: drop, subcodes: true}
                  urn:oid:1.2.208.176.2.31: {of: http://hl7.org/fhir/sid/icpc-2}
                concepts:
                  SIGN:
                    - http://hl7.org/fhir/sid/icd-10|G83.4
                    - http://hl7.org/fhir/sid/icd-10|M45*
                    - http://hl7.org/fhir/sid/icpc-2|U08
                """, "s.yaml", FIXTURE);
        TerminologyBindings bindings = new TerminologyBindings(result.bindings());
        Set<Concept> sign = Set.of(new Concept("SIGN"));

        assertEquals(List.of(), messages(result));
        assertEquals(sign, bindings.conceptsOf("urn:oid:1.2.208.176.2.4.12", "DG834"));
        assertEquals(sign, bindings.conceptsOf("urn:oid:1.2.208.176.2.4.12", "DG834A"), "a Danish subdivision");
        assertEquals(sign, bindings.conceptsOf("urn:oid:1.2.208.176.2.4.12", "DM459"));
        assertEquals(sign, bindings.conceptsOf("urn:oid:1.2.208.176.2.31", "U08"));
        assertEquals(sign, bindings.conceptsOf("urn:oid:1.2.208.176.2.4.12\u200b", "\ufeffDG834\u00a0 "), "trimmed as sent");
        assertEquals(Set.of(), bindings.conceptsOf(ICD10, "G834"), "WHO ICD-10 keeps its dot");
        assertEquals(Set.of(), bindings.conceptsOf("urn:oid:1.2.208.176.2.4.12", "DG83"), "a shorter code is not the code");
        assertEquals(3, bindings.bindings().stream().filter(b -> b.system().startsWith("urn:")).count(),
                "one spelled binding for each written one: " + bindings.bindings());
    }

    @Test
    void aSpellingOfASpellingOrOfItselfIsNamed() {
        BindingsReader.Result result = BindingsReader.read("""
                spellings:
                  urn:oid:1.2.3: {of: urn:oid:1.2.4}
                  urn:oid:1.2.4: {of: http://hl7.org/fhir/sid/icd-10, dots: maybe}
                  urn:oid:1.2.5: {of: urn:oid:1.2.5}
                concepts:
                  SIGN: [http://hl7.org/fhir/sid/icd-10|G83.4]
                """, "s.yaml", FIXTURE);

        List<String> messages = messages(result);
        assertTrue(messages.stream().anyMatch(m -> m.contains("dots: expected drop or keep")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("s.yaml:4: error: spellings: urn:oid:1.2.5: of: a system "
                + "cannot spell its own codes")), messages.toString());
    }
}
