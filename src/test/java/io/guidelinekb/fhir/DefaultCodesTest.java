package io.guidelinekb.fhir;

import io.guidelinekb.LbpFixture;
import static io.guidelinekb.fhir.Bundles.ATC;
import static io.guidelinekb.fhir.Bundles.ICD10;
import static io.guidelinekb.fhir.Bundles.LOCAL;
import static io.guidelinekb.fhir.Bundles.LOINC;
import static io.guidelinekb.fhir.Bundles.SNOMED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.model.Case;
import io.guidelinekb.model.Episode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every default code of {@code docs/point-of-care.md} §2, written out here from the spec (not read
 * from the bindings file, which is what is under test), read through FHIR into the case field it
 * must set. A prefix code is tried with a subcode.
 */
class DefaultCodesTest {

    private static final String ICPC2 = "http://hl7.org/fhir/sid/icpc-2";
    private static final String ICPC2_DK = "urn:oid:1.2.208.176.2.31";
    private static final String SKS = "urn:oid:1.2.208.176.2.4.12";

    private record Code(String system, String code) {
        @Override
        public String toString() {
            return system + "|" + code;
        }
    }

    private static List<Code> codes(String system, String... codes) {
        return Stream.of(codes).map(c -> new Code(system, c)).toList();
    }

    @SafeVarargs
    private static List<Code> all(List<Code>... lists) {
        List<Code> all = new ArrayList<>();
        for (List<Code> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    @TestFactory
    Stream<DynamicTest> lowBackPainCodesMakeTheEpisode() {
        List<Code> codes = all(codes(SNOMED, "279039007"), codes(ICD10, "M54.5", "M54.50"), codes(SKS, "DM545", "DM5459"),
                codes(ICPC2, "L03", "L84", "L86"), codes(ICPC2_DK, "L03", "L84", "L86"));
        return codes.stream().map(code -> DynamicTest.dynamicTest(code.toString(), () -> {
            Case input = FhirCasesTest.caseOf(Bundles.bundle().patient("1980-05-01")
                    .condition("c", code.system(), code.code(), "2026-02-17"));
            assertEquals("c", input.episode().id());
            assertEquals(21, input.episode().daysSinceOnset());
            assertEquals(code.code().equals("L86") ? Boolean.TRUE : null, input.episode().finding("LEG_RADIATION"),
                    "only L86 says the pain radiates; the others leave it not recorded");
        }));
    }

    @TestFactory
    Stream<DynamicTest> findingCodesSetTheirField() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Code code : all(codes(SNOMED, "23056005", "128196005", "2415007"),
                codes(ICD10, "M54.1", "M54.16", "M54.3", "M54.4", "M54.42", "M51.1", "M51.16"))) {
            tests.add(finding("radiculopathy " + code, code, e -> Boolean.TRUE.equals(e.finding("RADICULOPATHY"))));
        }
        tests.add(finding("buttock pain", new Code(LOCAL, "buttock-pain"), e -> Boolean.TRUE.equals(e.finding("BUTTOCK_PAIN"))));
        flag(tests, "CAUDA_EQUINA", all(codes(SNOMED, "192970008"), codes(ICD10, "G83.4")));
        flag(tests, "SUSPECTED_FRACTURE", all(codes(SNOMED, "240198002"), codes(ICD10, "S32.0", "S32.01",
                "M48.5", "M48.56", "M80.0", "M80.08")));
        flag(tests, "SUSPECTED_MALIGNANCY", all(codes(SNOMED, "363346000", "363438000", "285619009"),
                codes(ICD10, "C79.5", "C79.51")));
        flag(tests, "SUSPECTED_INFECTION", all(codes(SNOMED, "203241002", "202756004", "2304001", "302935008"),
                codes(ICD10, "M46.2", "M46.26", "M46.3", "M46.4", "M46.46")));
        flag(tests, "INFLAMMATORY_DISEASE", all(codes(SNOMED, "9631008"), codes(ICD10, "M45", "M45.6")));
        flag(tests, "PROGRESSIVE_NEUROLOGICAL_DEFICIT", codes(LOCAL, "progressive-neurological-deficit"));
        // the indicators' codes, in every system and spelling, are the scenarios' (facts/.../red-flags)
        for (String flag : LbpFixture.vocabulary().terms(io.guidelinekb.model.Vocabulary.Section.RED_FLAGS).keySet().stream()
                .filter(f -> !LbpFixture.vocabulary().redFlagMeaning(f).indicator()).toList()) {
            assertTrue(tests.stream().anyMatch(t -> t.getDisplayName().startsWith(flag)), flag + " is covered");
        }
        return tests.stream();
    }

    private interface Field {
        boolean set(Episode episode);
    }

    private static DynamicTest finding(String name, Code code, Field field) {
        return DynamicTest.dynamicTest(name, () -> {
            Bundles bundle = Bundles.adultWithLowBackPain();
            Case without = FhirCasesTest.caseOf(bundle);
            Case with = FhirCasesTest.caseOf(bundle.condition("f", code.system(), code.code(), null));
            assertEquals(false, field.set(without.episode()));
            assertEquals(true, field.set(with.episode()), code.toString());
        });
    }

    private static void flag(List<DynamicTest> tests, String flag, List<Code> codes) {
        for (Code code : codes) {
            tests.add(finding(flag + " " + code, code, e -> e.redFlags().equals(Set.of(flag))));
        }
    }

    @TestFactory
    Stream<DynamicTest> orderCodesProposeTheirIntervention() {
        List<DynamicTest> tests = new ArrayList<>();
        order(tests, "MRI", all(codes(LOINC, "24968-0", "30679-5", "30678-7", "24967-2"),
                codes(SNOMED, "41333006", "433141005", "433140006", "726546000", "709653005", "448641007")));
        order(tests, "XRAY", all(codes(LOINC, "24972-2", "24970-6", "30773-6", "30775-1", "30797-5", "24969-8",
                "24971-4"), codes(SNOMED, "840361000", "22791004", "444634007")));
        order(tests, "CT", all(codes(LOINC, "24963-1", "30620-9"),
                codes(SNOMED, "90523008", "711224009", "723646000", "702487007", "702488002")));
        order(tests, "PATIENT_EDUCATION", codes(SNOMED, "311401005"));
        order(tests, "SUPERVISED_EXERCISE", codes(SNOMED, "229065009", "390864007"));
        order(tests, "MANUAL_THERAPY", codes(LOCAL, "manual-therapy"));
        order(tests, "ACUPUNCTURE", codes(LOCAL, "acupuncture"));
        order(tests, "BED_REST", codes(LOCAL, "bed-rest"));
        order(tests, "STRATIFIED_CARE", codes(LOCAL, "stratified-care"));
        medication(tests, "PARACETAMOL", "N02BE01");
        medication(tests, "NSAID", "M01A");
        medication(tests, "NSAID", "M01AE01");
        medication(tests, "OPIOID", "N02A");
        medication(tests, "OPIOID", "N02AA01");
        for (String intervention : LbpFixture.vocabulary().terms(io.guidelinekb.model.Vocabulary.Section.INTERVENTIONS)
                .keySet()) {
            assertTrue(tests.stream().anyMatch(t -> t.getDisplayName().startsWith(intervention + " ")),
                    intervention + " is covered");
        }
        return tests.stream();
    }

    private static void order(List<DynamicTest> tests, String intervention, List<Code> codes) {
        for (Code code : codes) {
            tests.add(DynamicTest.dynamicTest(intervention + " " + code, () -> {
                Case input = FhirCasesTest.caseOf(Bundles.adultWithLowBackPain()
                        .serviceRequest("o", "draft", code.system(), code.code()));
                assertEquals(Set.of(intervention), input.episode().proposedInterventions());
            }));
        }
    }

    private static void medication(List<DynamicTest> tests, String intervention, String atc) {
        tests.add(DynamicTest.dynamicTest(intervention + " " + ATC + "|" + atc, () -> {
            Case input = FhirCasesTest.caseOf(Bundles.adultWithLowBackPain().medicationRequest("m", "draft", atc));
            assertEquals(Set.of(intervention), input.episode().proposedInterventions());
        }));
    }

    @TestFactory
    Stream<DynamicTest> observationCodesAnswerTheirQuestion() {
        return Stream.of(
                DynamicTest.dynamicTest("red-flags-screened", () -> {
                    Bundles base = Bundles.bundle().patient("1980-05-01").condition("c", SNOMED, "279039007", "2026-02-17");
                    assertEquals(null, FhirCasesTest.caseOf(base).episode().finding("RED_FLAGS_SCREENED"), "not recorded");
                    assertEquals(true, FhirCasesTest.caseOf(base.screened(true)).episode().finding("RED_FLAGS_SCREENED"));
                }),
                DynamicTest.dynamicTest("self-care-gain-expected", () -> {
                    Bundles base = Bundles.adultWithLowBackPain();
                    assertEquals(null, FhirCasesTest.caseOf(base).episode().finding("SELF_CARE_GAIN_EXPECTED"));
                    assertEquals(Boolean.TRUE, FhirCasesTest.caseOf(base.observation("sc", "self-care-gain-expected",
                            true, "final")).episode().finding("SELF_CARE_GAIN_EXPECTED"));
                }));
    }
}
