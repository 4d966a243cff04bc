package io.guidelinekb.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.model.TerminologyBindings;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * Turns FHIR R4 resources into a case for the knowledge base, following the codes of its bindings
 * files. Thread-safe; make one per knowledge base.
 * <pre>
 * FhirCases fhir = FhirCases.of(knowledgeBase);
 * FhirMapping mapping = fhir.fromBundleJson(json, LocalDate.now(), "bundle.json");
 * mapping.input().map(knowledgeBase::evaluate);   // empty: no episode of low back pain
 * </pre>
 */
public final class FhirCases {

    /** The CDS Hooks hooks whose orders count: order-select only its selections, order-sign all. */
    public enum Hook {
        /** A patient's record is opened: no orders. */
        PATIENT_VIEW,
        /** Orders are being chosen: only the selected draft orders count. */
        ORDER_SELECT,
        /** Orders are about to be signed: every draft order counts. */
        ORDER_SIGN
    }

    private final TerminologyBindings bindings;
    private final io.guidelinekb.model.Vocabulary vocabulary;

    /**
     * Reads codes as {@code bindings} say, into the ids of {@code vocabulary}; {@link #of(KnowledgeBase)}
     * takes a knowledge base's.
     *
     * @param bindings   which codes mean which concept
     * @param vocabulary what the guidelines talk about: which concepts are findings, red flags, interventions
     */
    public FhirCases(TerminologyBindings bindings, io.guidelinekb.model.Vocabulary vocabulary) {
        requireHapi();
        this.bindings = Objects.requireNonNull(bindings, "bindings must not be null");
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary must not be null");
    }

    /** HAPI FHIR is an optional dependency of the library: say so, rather than fail on a missing class later. */
    private static void requireHapi() {
        try {
            Class.forName("org.hl7.fhir.r4.model.Bundle", false, FhirCases.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("reading FHIR needs ca.uhn.hapi.fhir:hapi-fhir-structures-r4 on the class "
                    + "path, an optional dependency of guideline-kb: see the README, \"FHIR in your own project\"");
        }
    }

    /**
     * Reads codes as the knowledge base's bindings files say.
     *
     * @param knowledgeBase the knowledge base whose rules will evaluate the cases
     * @return the reader
     */
    public static FhirCases of(KnowledgeBase knowledgeBase) {
        return new FhirCases(knowledgeBase.bindings(), knowledgeBase.vocabulary());
    }

    /**
     * From HAPI resources a hospital already holds: the patient, and Conditions, Observations,
     * Medications and proposed orders (ServiceRequest, MedicationRequest with status {@code draft}).
     *
     * @param patient   the patient
     * @param resources the patient's records and proposed orders
     * @param asOf      the evaluation date
     * @return the case, if any, with every decision taken on the way and the orders behind each intervention
     * @throws FhirInputException when a date the mapping needs lies after {@code asOf}
     */
    public FhirMapping fromResources(Patient patient, Collection<? extends Resource> resources, LocalDate asOf)
            throws FhirInputException {
        Objects.requireNonNull(patient, "patient must not be null");
        List<FhirJson.Parsed> parsed = new ArrayList<>();
        parsed.add(new FhirJson.Parsed(patient, java.util.Map.of()));
        resources.forEach(r -> parsed.add(new FhirJson.Parsed(r, java.util.Map.of())));
        return new CaseMapper(bindings, vocabulary, asOf, "resources").map(parsed, parsed, null, Set.of("draft"), null);
    }

    /**
     * From a FHIR R4 Bundle as JSON ({@code collection}, {@code searchset}, or without a type):
     * one Patient, and its Conditions, Observations and orders; orders with status {@code draft}
     * are the proposed ones.
     *
     * @param json   the Bundle
     * @param asOf   the evaluation date
     * @param source names the input in messages, e.g. a file name
     * @return the case, if any, with every decision taken on the way and the orders behind each intervention
     * @throws FhirInputException when the text is not a JSON Bundle, holds no Patient or more than
     *                            one, or a date the mapping needs does not parse or lies after {@code asOf}
     */
    public FhirMapping fromBundleJson(String json, LocalDate asOf, String source) throws FhirInputException {
        JsonNode root = FhirJson.tree(json, source);
        if (!"Bundle".equals(root.path("resourceType").asText())) {
            throw new FhirInputException(source + ": resourceType: expected \"Bundle\", got "
                    + (root.has("resourceType") ? root.get("resourceType").toString() : "none"));
        }
        List<String> notes = new ArrayList<>();
        List<FhirJson.Parsed> resources = FhirJson.entries(root, notes, source);
        return new CaseMapper(bindings, vocabulary, asOf, source).withNotes(notes)
                .map(resources, resources, null, Set.of("draft"), null);
    }

    /**
     * From a CDS Hooks request: the patient and records from {@code prefetch} (whatever its keys),
     * the proposed orders from {@code context.draftOrders} with status draft or active; for
     * order-select only those named in {@code context.selections}.
     *
     * @param request the request's JSON
     * @param hook    the hook called
     * @param asOf    the evaluation date
     * @return the case, if any, with every decision taken on the way and the orders behind each intervention
     * @throws FhirInputException when the request is not a JSON object, or a date the mapping needs
     *                            does not parse or lies after {@code asOf}
     */
    public FhirMapping fromCdsHooksRequest(JsonNode request, Hook hook, LocalDate asOf) throws FhirInputException {
        String source = "request";
        List<String> notes = new ArrayList<>();
        List<FhirJson.Parsed> resources = new ArrayList<>();
        JsonNode prefetch = request.path("prefetch");
        for (java.util.Iterator<java.util.Map.Entry<String, JsonNode>> fields = prefetch.fields(); fields.hasNext(); ) {
            java.util.Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            String where = "prefetch." + field.getKey();
            if ("Bundle".equals(value.path("resourceType").asText())) {
                resources.addAll(FhirJson.entries(value, notes, where));
            } else if (value.isObject()) {
                FhirJson.Parsed parsed = FhirJson.resource(value, notes, where);
                if (parsed != null) {
                    resources.add(parsed);
                }
            }
        }
        JsonNode context = request.path("context");
        List<FhirJson.Parsed> orders = FhirJson.entries(context.path("draftOrders"), notes, "context.draftOrders");
        Set<String> selections = null;
        if (hook == Hook.ORDER_SELECT) {
            selections = new java.util.HashSet<>();
            for (JsonNode selection : context.path("selections")) {
                selections.add(selection.asText());
            }
        }
        resources.addAll(orders);
        String patientId = context.path("patientId").asText(null);
        return new CaseMapper(bindings, vocabulary, asOf, source).withNotes(notes)
                .map(resources, orders, patientId, Set.of("draft", "active"), selections);
    }
}
