package io.guidelinekb.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.model.Case;
import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.LbpFixture;
import io.guidelinekb.model.Recommendation;
import io.guidelinekb.model.ScopeStatus;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CdsHooksRequestTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 3, 10);

    static JsonNode request(String name) throws IOException {
        try (InputStream in = CdsHooksRequestTest.class.getResourceAsStream("/cds-hooks/" + name)) {
            return Bundles.JSON.readTree(in);
        }
    }

    @Test
    void theSpecificationsPatientViewExampleParsesAndHasNoEpisode() throws Exception {
        FhirMapping mapping = FhirCasesTest.FHIR.fromCdsHooksRequest(request("patient-view-spec-example.json"),
                FhirCases.Hook.PATIENT_VIEW, AS_OF);

        assertTrue(mapping.input().isEmpty(), "no low back pain recorded: the guideline is silent");
        assertTrue(mapping.decisions().stream().anyMatch(d -> d.startsWith("no active LOW_BACK_PAIN Condition")),
                mapping.decisions().toString());
    }

    @Test
    void theHookLibrarysOrderSelectExampleParsesThoughNotStrictlyValidR4() throws Exception {
        FhirMapping mapping = FhirCasesTest.FHIR.fromCdsHooksRequest(request("order-select-r4-hook-library-example.json"),
                FhirCases.Hook.ORDER_SELECT, AS_OF);

        assertTrue(mapping.input().isEmpty(), "no Patient in prefetch and no low back pain");
        assertEquals(List.of(), mapping.orders().keySet().stream().toList());
    }

    @Test
    void anOrderSelectForLumbarMriWithReasonLowBackPainIsAgainstNkrLbp04() throws Exception {
        FhirMapping mapping = FhirCasesTest.FHIR.fromCdsHooksRequest(request("order-select-lumbar-mri.json"),
                FhirCases.Hook.ORDER_SELECT, AS_OF);
        Case input = mapping.input().orElseThrow();
        EpisodeResult result = LbpFixture.knowledgeBase().evaluate(input);

        assertEquals(68, input.patient().ageYears());
        assertEquals("lbp-68", input.episode().id(), "the Condition, which gives the onset, makes the episode");
        assertEquals(ScopeStatus.IN_SCOPE, result.status(), result.reasons().toString());
        assertEquals(List.of("FIX-LBP-04"), result.triggeredAgainst().stream().map(Recommendation::id).toList());
        assertEquals(List.of("ServiceRequest/mri-1"), mapping.ordersFor("MRI"));
    }

    @Test
    void orderSelectCountsOnlyTheSelectionsAndOrderSignCountsEveryDraftOrActiveOrder() throws Exception {
        ObjectNode request = (ObjectNode) request("order-select-lumbar-mri.json");
        ArrayNode entries = (ArrayNode) request.path("context").path("draftOrders").path("entry");
        ObjectNode nsaid = entries.addObject().putObject("resource").put("resourceType", "MedicationRequest")
                .put("id", "nsaid-1").put("status", "active").put("intent", "order");
        Bundles.coding(nsaid.putObject("medicationCodeableConcept"), Bundles.ATC, "M01AE01");

        FhirMapping select = FhirCasesTest.FHIR.fromCdsHooksRequest(request, FhirCases.Hook.ORDER_SELECT, AS_OF);
        FhirMapping sign = FhirCasesTest.FHIR.fromCdsHooksRequest(request, FhirCases.Hook.ORDER_SIGN, AS_OF);

        assertEquals(Set.of("MRI"), select.input().orElseThrow().episode().proposedInterventions());
        assertTrue(select.decisions().contains("MedicationRequest/nsaid-1 ignored: not among the order-select hook's "
                + "selections"), select.decisions().toString());
        assertEquals(Set.of("MRI", "NSAID"), sign.input().orElseThrow().episode()
                .proposedInterventions());
    }

    @Test
    void ordersInPrefetchAreRecordsNotProposals() throws Exception {
        ObjectNode request = (ObjectNode) request("order-select-lumbar-mri.json");
        ArrayNode conditions = (ArrayNode) request.path("prefetch").path("conditions").path("entry");
        ObjectNode pastXray = conditions.addObject().putObject("resource").put("resourceType", "ServiceRequest")
                .put("id", "xray-old").put("status", "active").put("intent", "order");
        Bundles.coding(pastXray.putObject("code"), Bundles.LOINC, "24972-2");

        FhirMapping mapping = FhirCasesTest.FHIR.fromCdsHooksRequest(request, FhirCases.Hook.ORDER_SIGN, AS_OF);

        assertEquals(Set.of("MRI"), mapping.input().orElseThrow().episode().proposedInterventions());
    }
}
