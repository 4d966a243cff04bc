package io.guidelinekb.fhir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small FHIR R4 JSON bundles for tests, built entry by entry. */
final class Bundles {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SNOMED = "http://snomed.info/sct";
    static final String LOINC = "http://loinc.org";
    static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
    static final String ATC = "http://www.whocc.no/atc";
    static final String LOCAL = "https://guideline-kb.io/fhir/CodeSystem/lbp";

    private final ObjectNode bundle = JSON.createObjectNode().put("resourceType", "Bundle").put("type", "collection");
    private final ArrayNode entries = bundle.putArray("entry");

    static Bundles bundle() {
        return new Bundles();
    }

    Bundles add(ObjectNode resource) {
        entries.addObject().set("resource", resource);
        return this;
    }

    Bundles patient(String birthDate) {
        ObjectNode patient = JSON.createObjectNode().put("resourceType", "Patient").put("id", "p1");
        if (birthDate != null) {
            patient.put("birthDate", birthDate);
        }
        return add(patient);
    }

    /** An active, confirmed Condition about p1 with the onset given as {@code onsetDateTime} (or none). */
    Bundles condition(String id, String system, String code, String onset) {
        ObjectNode condition = condition(id, system, code, "active", "confirmed");
        if (onset != null) {
            condition.put("onsetDateTime", onset);
        }
        return add(condition);
    }

    static ObjectNode condition(String id, String system, String code, String clinical, String verification) {
        ObjectNode condition = JSON.createObjectNode().put("resourceType", "Condition").put("id", id);
        if (clinical != null) {
            condition.putObject("clinicalStatus").putArray("coding").addObject()
                    .put("system", "http://terminology.hl7.org/CodeSystem/condition-clinical").put("code", clinical);
        }
        if (verification != null) {
            condition.putObject("verificationStatus").putArray("coding").addObject()
                    .put("system", "http://terminology.hl7.org/CodeSystem/condition-ver-status").put("code", verification);
        }
        coding(condition.putObject("code"), system, code);
        condition.putObject("subject").put("reference", "Patient/p1");
        return condition;
    }

    Bundles screened(boolean value) {
        return observation("screening", "red-flags-screened", value, "final");
    }

    Bundles observation(String id, String code, boolean value, String status) {
        ObjectNode observation = JSON.createObjectNode().put("resourceType", "Observation").put("id", id)
                .put("status", status).put("valueBoolean", value).put("effectiveDateTime", "2026-03-01");
        coding(observation.putObject("code"), LOCAL, code);
        return add(observation);
    }

    Bundles serviceRequest(String id, String status, String system, String code) {
        ObjectNode order = JSON.createObjectNode().put("resourceType", "ServiceRequest").put("id", id)
                .put("status", status).put("intent", "proposal");
        coding(order.putObject("code"), system, code);
        order.putObject("subject").put("reference", "Patient/p1");
        return add(order);
    }

    Bundles medicationRequest(String id, String status, String atc) {
        ObjectNode order = JSON.createObjectNode().put("resourceType", "MedicationRequest").put("id", id)
                .put("status", status).put("intent", "proposal");
        coding(order.putObject("medicationCodeableConcept"), ATC, atc);
        return add(order);
    }

    static void coding(ObjectNode concept, String system, String code) {
        concept.putArray("coding").addObject().put("system", system).put("code", code);
    }

    /** The usual adult: born 1980-05-01, three weeks of low back pain (SNOMED), screened. */
    static Bundles adultWithLowBackPain() {
        return bundle().patient("1980-05-01").condition("lbp", SNOMED, "279039007", "2026-02-17").screened(true);
    }

    String json() {
        return bundle.toString();
    }

    ObjectNode node() {
        return bundle;
    }
}
