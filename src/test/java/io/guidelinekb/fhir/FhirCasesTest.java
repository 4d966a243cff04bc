package io.guidelinekb.fhir;

import static io.guidelinekb.fhir.Bundles.ATC;
import static io.guidelinekb.fhir.Bundles.ICD10;
import static io.guidelinekb.fhir.Bundles.LOINC;
import static io.guidelinekb.fhir.Bundles.SNOMED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.model.Case;
import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.LbpFixture;
import io.guidelinekb.model.Recommendation;
import io.guidelinekb.model.ScopeStatus;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;

class FhirCasesTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 3, 10);
    static final FhirCases FHIR = FhirCases.of(LbpFixture.knowledgeBase());

    static FhirMapping map(Bundles bundle) throws FhirInputException {
        return FHIR.fromBundleJson(bundle.json(), AS_OF, "test.json");
    }

    static Case caseOf(Bundles bundle) throws FhirInputException {
        FhirMapping mapping = map(bundle);
        return mapping.input().orElseThrow(() -> new AssertionError("no case: " + mapping.decisions()));
    }

    @Test
    void theIssuesExampleIsInScopeWithMriAgainstAndSupervisedExerciseWith() throws Exception {
        Bundles bundle = Bundles.adultWithLowBackPain()
                .serviceRequest("mri", "draft", LOINC, "24968-0")
                .serviceRequest("exercise", "draft", SNOMED, "229065009");

        FhirMapping mapping = map(bundle);
        EpisodeResult result = LbpFixture.knowledgeBase().evaluate(mapping.input().orElseThrow());

        assertEquals(ScopeStatus.IN_SCOPE, result.status(), result.reasons().toString());
        assertEquals(List.of("FIX-LBP-04"), result.triggeredAgainst().stream().map(Recommendation::id).toList());
        Recommendation exercise = result.recommendation("FIX-LBP-07").orElseThrow();
        assertEquals(Set.of("SUPERVISED_EXERCISE"), exercise.triggeredWith());
        assertEquals(Set.of(), exercise.triggeredAgainst());
        assertEquals(List.of("ServiceRequest/mri"), mapping.ordersFor("MRI"));
        assertTrue(mapping.decisions().contains("Condition/lbp made the episode: http://snomed.info/sct|279039007 "
                + "(⚠ unconfirmed code) → LOW_BACK_PAIN"), mapping.decisions().toString());
    }

    @Test
    void fromHapiResourcesGivesTheSameCase() throws Exception {
        Patient patient = new Patient();
        patient.setId("p1");
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1980-05-01"));
        Condition condition = new Condition();
        condition.setId("lbp");
        condition.setClinicalStatus(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
        condition.setCode(new CodeableConcept(new Coding(ICD10, "M54.50", null)));
        condition.setOnset(new DateTimeType("2026-02-17"));
        ServiceRequest mri = new ServiceRequest();
        mri.setId("mri");
        mri.setStatus(ServiceRequest.ServiceRequestStatus.DRAFT);
        mri.setCode(new CodeableConcept(new Coding(LOINC, "24968-0", null)));

        Case fromHapi = FHIR.fromResources(patient, List.of(condition, mri), AS_OF).input().orElseThrow();
        Case fromJson = caseOf(Bundles.bundle().patient("1980-05-01").condition("lbp", ICD10, "M54.50", "2026-02-17")
                .serviceRequest("mri", "draft", LOINC, "24968-0"));

        assertEquals(fromJson, fromHapi);
        assertEquals(Set.of("MRI"), fromHapi.episode().proposedInterventions());
    }

    @Test
    void noLowBackPainConditionAndNoOrderReasonMeansNoEpisode() throws Exception {
        FhirMapping mapping = map(Bundles.bundle().patient("1980-05-01")
                .condition("flu", SNOMED, "6142004", "2026-03-01")
                .serviceRequest("mri", "draft", LOINC, "24968-0"));

        assertTrue(mapping.input().isEmpty());
        assertTrue(mapping.decisions().get(mapping.decisions().size() - 1).startsWith("no active LOW_BACK_PAIN "
                + "Condition and no draft order whose reason is LOW_BACK_PAIN"), mapping.decisions().toString());
    }

    @Test
    void aDraftOrdersReasonCodeMakesTheEpisodeWithTheDurationUnknown() throws Exception {
        Bundles bundle = Bundles.bundle().patient("1980-05-01").screened(true)
                .serviceRequest("mri", "draft", LOINC, "24968-0");
        ObjectNode mri = (ObjectNode) bundle.node().get("entry").get(2).get("resource");
        Bundles.coding(mri.putArray("reasonCode").addObject(), SNOMED, "279039007");

        Case input = caseOf(bundle);
        EpisodeResult result = LbpFixture.knowledgeBase().evaluate(input);

        assertEquals("mri", input.episode().id());
        assertEquals(ScopeStatus.UNDETERMINED, result.status());
        assertEquals("[MISSING_DURATION]", result.reasons().toString());
    }

    @Test
    void theMostRecentActiveConditionMakesTheEpisode() throws Exception {
        Case input = caseOf(Bundles.adultWithLowBackPain()
                .condition("old", ICD10, "M54.5", "2025-06-01")
                .add(Bundles.condition("resolved", SNOMED, "279039007", "resolved", "confirmed")
                        .put("onsetDateTime", "2026-03-01"))
                .add(Bundles.condition("refuted", SNOMED, "279039007", "active", "refuted")
                        .put("onsetDateTime", "2026-03-02"))
                .add(Bundles.condition("error", SNOMED, "279039007", "active", "entered-in-error")
                        .put("onsetDateTime", "2026-03-03")));

        assertEquals("lbp", input.episode().id());
        assertEquals(21, input.episode().daysSinceOnset());
    }

    @Test
    void partialBirthDatesGiveTheAgesTheyMayMeanAndTheScopeRulesDecide() throws Exception {
        assertNull(patientFrom(null).ageYearsAtLeast(), "a patient without birthDate: age unknown");
        assertEquals(List.of(45, 46), ages("1980"));
        assertEquals(List.of(14, 15), ages("2011"), "2011: 14 or 15 on 2026-03-10");
        assertEquals(List.of(15, 16), ages("2010"), "2010: 15 or 16");
        assertEquals(List.of(16, 16), ages("2010-02"), "born in February 2010: 16 on 2026-03-10");
        assertEquals(16, patientFrom("2010-02").ageYears(), "bounds that meet are an age");
        assertNull(patientFrom("2010").ageYears());
        // the guideline's age threshold is the scope rules' alone
        assertEquals(Set.of(), ageReasons("1980"));
        assertEquals(Set.of("AGE_UNDER_16"), ageReasons("2011"));
        assertEquals(Set.of("MISSING_AGE"), ageReasons("2010"));
        assertEquals(Set.of(), ageReasons("2010-02"));
        assertEquals(Set.of("MISSING_AGE"), ageReasons("2010-03"), "born in March 2010: 15 or 16");
        assertEquals(Set.of("AGE_UNDER_16"), ageReasons("2010-04"));
    }

    private static io.guidelinekb.model.Patient patientFrom(String birthDate) throws FhirInputException {
        return caseOf(Bundles.bundle().patient(birthDate).condition("lbp", SNOMED, "279039007", "2026-02-17")).patient();
    }

    private static List<Integer> ages(String birthDate) throws FhirInputException {
        io.guidelinekb.model.Patient patient = patientFrom(birthDate);
        return List.of(patient.ageYearsAtLeast(), patient.ageYearsAtMost());
    }

    @Test
    void movingTheScopeAgeTo18InTheRulesAloneMovesWhatABirthYearMeans(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path temp) throws Exception {
        io.guidelinekb.RulesFolder rules = io.guidelinekb.RulesFolder.copyOfLbp(temp)
                .replace("00-scope.drl", "ageYearsAtMost < 16 )", "ageYearsAtMost < 18 )")
                .replace("00-scope.drl", "ageYearsAtLeast < 16 && ageYearsAtMost >= 16", "ageYearsAtLeast < 18 && ageYearsAtMost >= 18");
        io.guidelinekb.KnowledgeBase at18 = io.guidelinekb.KnowledgeBase.load(rules.root());
        FhirCases fhir18 = FhirCases.of(at18);

        // born in 2008: 17 or 18 on 2026-03-10. Java used to judge that against 16: in scope, or with 18 in the
        // rules, out of scope although the patient may be 18
        Bundles born2008 = Bundles.bundle().patient("2008").condition("lbp", SNOMED, "279039007", "2026-02-17");
        Bundles born2007 = Bundles.bundle().patient("2007").condition("lbp", SNOMED, "279039007", "2026-02-17");

        assertEquals(Set.of(), ageReasons("2008"), "with the shipped 16, certainly old enough");
        assertEquals(List.of("MISSING_AGE"), at18.evaluate(fhir18.fromBundleJson(born2008.json(), AS_OF, "t.json")
                .input().orElseThrow()).reasons().stream().filter(r -> r.contains("AGE")).toList());
        assertEquals(List.of(), at18.evaluate(fhir18.fromBundleJson(born2007.json(), AS_OF, "t.json")
                .input().orElseThrow()).reasons().stream().filter(r -> r.contains("AGE")).toList(),
                "born in 2007: 18 or 19, in scope under 18 too");
    }

    /** What the scope rules conclude about the age: under 16, not known, or nothing. */
    private static Set<String> ageReasons(String birthDate) throws FhirInputException {
        Bundles bundle = Bundles.bundle().patient(birthDate).condition("lbp", SNOMED, "279039007", "2026-02-17");
        return LbpFixture.knowledgeBase().evaluate(caseOf(bundle)).reasons().stream()
                .filter(r -> r == "AGE_UNDER_16" || r == "MISSING_AGE")
                .collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void onsetFromDateTimePeriodAgeOrStringGivesTheDurationOrLeavesItUnknown() throws Exception {
        assertEquals(21, daysFrom(c -> c.put("onsetDateTime", "2026-02-17T09:30:00+01:00")));
        assertEquals(21, daysFrom(c -> c.putObject("onsetPeriod").put("start", "2026-02-17")));
        assertNull(daysFrom(c -> c.put("onsetString", "a few weeks ago")));
        assertNull(daysFrom(c -> { }));
        assertNull(daysFrom(c -> c.put("onsetDateTime", "2026-01")), "January: 38 to 68 days, not known to the day");
        assertEquals(List.of(38, 68), onsetDays(c -> c.put("onsetDateTime", "2026-01")));
        assertEquals(List.of(69, 99), onsetDays(c -> c.put("onsetDateTime", "2025-12")), "either side of day 84");
        assertNull(daysFrom(c -> c.putObject("onsetAge").put("value", 45).put("system", "http://unitsofmeasure.org")
                .put("code", "a")), "aged 45 at onset: up to a year ago");
        assertTrue(onsetDays(c -> c.putObject("onsetAge").put("value", 40).put("system", "http://unitsofmeasure.org")
                .put("code", "a")).get(0) > 84, "aged 40 at onset: years ago");
    }

    @Test
    void anOnsetAgeThatIsNoAgeIsAnInputErrorNamingTheFieldNotAWrappedDate() {
        // 2^64 + 16,728 days wrapped to a plausible onset; 1E+100 years landed on the birth date; ±1E+18 days crashed
        for (String value : List.of("18446744073709568344", "1E+100", "1E+18", "-1E+18", "-1", "131")) {
            String unit = value.equals("131") || value.equals("1E+100") ? "a" : "d";
            FhirInputException refused = assertThrows(FhirInputException.class, () -> daysFrom(c ->
                    c.putObject("onsetAge").put("value", new java.math.BigDecimal(value))
                            .put("system", "http://unitsofmeasure.org").put("code", unit)), value);
            assertTrue(refused.getMessage().contains(".onsetAge: ") && refused.getMessage().endsWith(
                    " " + unit + " is not an age (0 to 130 years)"), refused.getMessage());
        }
    }

    private static List<Integer> onsetDays(Onset onset) throws FhirInputException {
        ObjectNode condition = Bundles.condition("lbp", SNOMED, "279039007", "active", "confirmed");
        onset.set(condition);
        io.guidelinekb.model.Episode episode = caseOf(Bundles.bundle().patient("1980-05-01").add(condition)).episode();
        return List.of(episode.daysSinceOnsetAtLeast(), episode.daysSinceOnsetAtMost());
    }

    private interface Onset {
        void set(ObjectNode condition);
    }

    private static Integer daysFrom(Onset onset) throws FhirInputException {
        ObjectNode condition = Bundles.condition("lbp", SNOMED, "279039007", "active", "confirmed");
        onset.set(condition);
        return caseOf(Bundles.bundle().patient("1980-05-01").add(condition)).episode().daysSinceOnset();
    }

    @Test
    void thousandsOfMedicationReferencesAreResolvedByOneIndexNotBySearchingTheBundleForEach() throws Exception {
        // each searched the whole Bundle: 8,000 unresolved references took one call 3.3 s
        Bundles bundle = Bundles.adultWithLowBackPain();
        ObjectNode medication = Bundles.JSON.createObjectNode().put("resourceType", "Medication").put("id", "ibu");
        Bundles.coding(medication.putObject("code"), ATC, "M01AE01");
        bundle.add(medication);
        for (int i = 0; i < 8_000; i++) {
            ObjectNode order = Bundles.JSON.createObjectNode().put("resourceType", "MedicationRequest").put("id", "r" + i)
                    .put("status", "draft").put("intent", "order");
            order.putObject("medicationReference").put("reference", i == 7_999 ? "Medication/ibu" : "Medication/gone-" + i);
            bundle.add(order);
        }

        FhirMapping mapping = map(bundle);

        assertEquals(List.of("MedicationRequest/r7999"), mapping.ordersFor("NSAID"));
        assertEquals(7_999, mapping.decisions().stream().filter(d -> d.endsWith(" is neither contained nor in the input"))
                .count());
    }

    @Test
    void medicationReferenceIsResolvedInTheBundleOrContained() throws Exception {
        Bundles bundle = Bundles.adultWithLowBackPain();
        ObjectNode medication = Bundles.JSON.createObjectNode().put("resourceType", "Medication").put("id", "ibu");
        Bundles.coding(medication.putObject("code"), ATC, "M01AE01");
        ObjectNode byReference = Bundles.JSON.createObjectNode().put("resourceType", "MedicationRequest").put("id", "r1")
                .put("status", "draft").put("intent", "order");
        byReference.putObject("medicationReference").put("reference", "Medication/ibu");
        ObjectNode contained = Bundles.JSON.createObjectNode().put("resourceType", "MedicationRequest").put("id", "r2")
                .put("status", "draft").put("intent", "order");
        ObjectNode inner = contained.putArray("contained").addObject().put("resourceType", "Medication").put("id", "m");
        Bundles.coding(inner.putObject("code"), ATC, "N02AJ13");
        contained.putObject("medicationReference").put("reference", "#m");
        bundle.add(medication).add(byReference).add(contained);

        FhirMapping mapping = map(bundle);

        assertEquals(Set.of("NSAID", "OPIOID"),
                mapping.input().orElseThrow().episode().proposedInterventions());
        assertEquals(List.of("MedicationRequest/r1"), mapping.ordersFor("NSAID"));
        assertEquals(List.of("MedicationRequest/r2"), mapping.ordersFor("OPIOID"));
    }

    @Test
    void unknownCodesAndOrdersNotDraftAreIgnoredAndSaidSo() throws Exception {
        FhirMapping mapping = map(Bundles.adultWithLowBackPain()
                .serviceRequest("unknown", "draft", LOINC, "99999-9")
                .serviceRequest("done", "completed", LOINC, "24968-0")
                .medicationRequest("active", "active", "N02BE01"));

        assertEquals(Set.of(), mapping.input().orElseThrow().episode().proposedInterventions());
        assertTrue(mapping.decisions().contains("ServiceRequest/unknown ignored: http://loinc.org|99999-9 is in no "
                + "intervention's set"), mapping.decisions().toString());
        assertTrue(mapping.decisions().contains("ServiceRequest/done ignored: status completed, not a proposed order "
                + "(draft)"), mapping.decisions().toString());
        assertTrue(mapping.decisions().contains("MedicationRequest/active ignored: status active, not a proposed order "
                + "(draft)"), mapping.decisions().toString());
    }

    @Test
    void badInputIsNamedWithTheResourceAndElement() {
        assertEquals("test.json: Patient/p1.birthDate: \"2030-01-01\" is after the evaluation date 2026-03-10",
                assertThrows(FhirInputException.class, () -> map(Bundles.bundle().patient("2030-01-01")
                        .condition("lbp", SNOMED, "279039007", "2026-02-17"))).getMessage());
        assertEquals("test.json: Condition/lbp.onsetDateTime: \"2026-04-01\" is after the evaluation date 2026-03-10",
                assertThrows(FhirInputException.class, () -> map(Bundles.bundle().patient("1980-05-01")
                        .condition("lbp", SNOMED, "279039007", "2026-04-01"))).getMessage());
        assertEquals("test.json: Patient/p1.birthDate: \"1980-13-45\" is not a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)",
                assertThrows(FhirInputException.class, () -> map(Bundles.bundle().patient("1980-13-45")
                        .condition("lbp", SNOMED, "279039007", "2026-02-17"))).getMessage());
        assertTrue(assertThrows(FhirInputException.class, () -> FHIR.fromBundleJson("{\"resourceType\": ", AS_OF, "x.json"))
                .getMessage().startsWith("x.json:1:"), "not JSON: located");
        assertEquals("x.json: resourceType: expected \"Bundle\", got \"Patient\"", assertThrows(FhirInputException.class,
                () -> FHIR.fromBundleJson("{\"resourceType\": \"Patient\"}", AS_OF, "x.json")).getMessage());
        assertEquals("test.json: 2 Patient resources; expected the one patient the bundle is about",
                assertThrows(FhirInputException.class, () -> map(Bundles.adultWithLowBackPain().patient("1990")))
                        .getMessage());
    }

    @Test
    void redFlagsRadiculopathyLegRadiationAndButtockPainComeFromActiveConditions() throws Exception {
        Case input = caseOf(Bundles.adultWithLowBackPain()
                .condition("ce", ICD10, "G83.4", null)
                .condition("rad", ICD10, "M54.16", null)
                .condition("buttock", Bundles.LOCAL, "buttock-pain", null)
                .condition("l86", "http://hl7.org/fhir/sid/icpc-2", "L86", "2026-01-01")
                .add(Bundles.condition("old-fracture", ICD10, "S32.01", "resolved", "confirmed")));

        assertEquals("[CAUDA_EQUINA]", input.episode().redFlags().toString());
        assertTrue(input.episode().finding("RADICULOPATHY"));
        assertTrue(input.episode().finding("LEG_RADIATION"), "ICPC-2 L86 implies leg radiation");
        assertEquals(true, input.episode().finding("LOW_BACK_PAIN"));
        assertEquals(true, input.episode().finding("BUTTOCK_PAIN"));
        assertEquals("lbp", input.episode().id(), "L86's onset 2026-01-01 is older");
    }

    @Test
    void screeningAndSelfCareComeFromTheLatestFinalObservation() throws Exception {
        Case input = caseOf(Bundles.bundle().patient("1980-05-01").condition("lbp", SNOMED, "279039007", "2026-02-17")
                .observation("s1", "red-flags-screened", true, "preliminary")
                .observation("c1", "self-care-gain-expected", false, "final"));

        assertNull(input.episode().finding("RED_FLAGS_SCREENED"), "a preliminary screening does not count");
        assertEquals(Boolean.FALSE, input.episode().finding("SELF_CARE_GAIN_EXPECTED"));
    }
}
