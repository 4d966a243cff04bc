package io.guidelinekb.fhir;

import io.guidelinekb.model.Concept;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * The proposed orders of FHIR input: which ServiceRequests and MedicationRequests count, what
 * each proposes (a MedicationRequest through its medication, contained or referenced), and which
 * order's reason can make an episode. Writes its decisions to the mapping's list.
 */
final class ProposedOrders {

    private final Codes codes;
    private final List<String> decisions;
    private final List<FhirJson.Parsed> all;
    private final Map<String, List<String>> orders;
    private final List<String> unbound;
    /** Each proposed order's own words, by {@code Type/id}. */
    final Map<String, String> displays = new java.util.HashMap<>();
    /** Each proposed order's codes, {@code system|code}, by {@code Type/id}. */
    final Map<String, String> orderCodes = new java.util.HashMap<>();

    ProposedOrders(Codes codes, List<String> decisions, List<FhirJson.Parsed> all,
                   Map<String, List<String>> orders, List<String> unbound) {
        this.codes = codes;
        this.decisions = decisions;
        this.all = all;
        this.orders = orders;
        this.unbound = unbound;
    }

    List<FhirJson.Parsed> considered(List<FhirJson.Parsed> candidates, Set<String> statuses,
                                             Set<String> selections) {
        List<FhirJson.Parsed> considered = new ArrayList<>();
        for (FhirJson.Parsed order : candidates) {
            Resource resource = order.resource();
            if (!(resource instanceof ServiceRequest) && !(resource instanceof MedicationRequest)) {
                continue;
            }
            String status = orderStatus(resource);
            if (status == null || !statuses.contains(status)) {
                decisions.add(Codes.ref(resource) + " ignored: status " + (status == null ? "missing" : status)
                        + ", not a proposed order (" + String.join(" or ", new TreeSet<>(statuses)) + ")");
            } else if (selections != null && !selections.contains(Codes.ref(resource))) {
                decisions.add(Codes.ref(resource) + " ignored: not among the order-select hook's selections");
            } else {
                considered.add(order);
            }
        }
        return considered;
    }

    Set<String> proposed(List<FhirJson.Parsed> considered) {
        Set<String> proposed = new java.util.LinkedHashSet<>();
        for (FhirJson.Parsed order : considered) {
            Resource resource = order.resource();
            CodeableConcept code = orderCode(resource);
            Set<String> found = new java.util.LinkedHashSet<>();
            for (Concept concept : codes.concepts(code)) {
                if (codes.kindOf(concept).orElse(null) == Concept.Kind.INTERVENTION) {
                    found.add(concept.name());
                }
            }
            if (found.isEmpty()) {
                decisions.add(Codes.ref(resource) + " ignored: " + Codes.written(code) + " is in no intervention's set");
                if (!code.getCoding().isEmpty() && codes.concepts(code).isEmpty()) {
                    unbound.add(Codes.written(code));   // bound to nothing at all: a region's own code, perhaps
                }
                continue;
            }
            for (String intervention : found) {
                orders.computeIfAbsent(intervention, i -> new ArrayList<>()).add(Codes.ref(resource));
            }
            orderCodes.put(Codes.ref(resource), Codes.written(code));
            String display = display(code);
            if (display != null) {
                displays.put(Codes.ref(resource), display);
            }
            proposed.addAll(found);
            decisions.add(Codes.ref(resource) + " proposes " + found + ": " + Codes.written(code));
        }
        return proposed;
    }

    FhirJson.Parsed withReason(List<FhirJson.Parsed> candidates, Set<String> statuses) {
        for (FhirJson.Parsed order : candidates) {
            Resource resource = order.resource();
            List<CodeableConcept> reasons = resource instanceof ServiceRequest s ? s.getReasonCode()
                    : resource instanceof MedicationRequest m ? m.getReasonCode() : List.of();
            String status = orderStatus(resource);
            if (status != null && statuses.contains(status)
                    && codes.episodeConcept().isPresent()
                    && reasons.stream().anyMatch(r -> codes.concepts(r).contains(codes.episodeConcept().get()))) {
                return order;
            }
        }
        return null;
    }

    private static String orderStatus(Resource resource) {
        if (resource instanceof ServiceRequest s && s.hasStatus()) {
            return s.getStatus().toCode();
        }
        if (resource instanceof MedicationRequest m && m.hasStatus()) {
            return m.getStatus().toCode();
        }
        return null;
    }

    /** The code of an order: a ServiceRequest's, or a MedicationRequest's medication, resolved if referenced. */
    /** Longer than a card line holds: an order's text is a name, not a note. */
    private static final int DISPLAY_KEPT = 80;

    /** The order's own words: its text, else the first display of its codes; made safe to show, and bounded. */
    private static String display(CodeableConcept code) {
        String text = code.hasText() ? code.getText()
                : code.getCoding().stream().map(c -> c.getDisplay()).filter(d -> d != null && !d.isBlank()).findFirst().orElse(null);
        if (text == null || text.isBlank()) {
            return null;
        }
        String shown = text.strip().replaceAll("\\p{Cntrl}+", " ");
        return shown.length() <= DISPLAY_KEPT ? shown : shown.substring(0, DISPLAY_KEPT - 1) + "…";
    }

    private CodeableConcept orderCode(Resource resource) {
        if (resource instanceof ServiceRequest request) {
            return request.getCode();
        }
        MedicationRequest request = (MedicationRequest) resource;
        if (request.hasMedicationCodeableConcept()) {
            return request.getMedicationCodeableConcept();
        }
        if (request.hasMedicationReference()) {
            Medication medication = medication(request, request.getMedicationReference());
            if (medication != null) {
                decisions.add(Codes.ref(request) + ".medicationReference resolved to " + describe(medication, request));
                return medication.getCode();
            }
            decisions.add(Codes.ref(request) + ".medicationReference " + request.getMedicationReference().getReference()
                    + " is neither contained nor in the input");
        }
        return new CodeableConcept();
    }

    private Medication medication(MedicationRequest request, Reference reference) {
        if (reference.getResource() instanceof Medication contained) {
            return contained;
        }
        String wanted = reference.getReference();
        if (wanted == null) {
            return null;
        }
        if (wanted.startsWith("#")) {
            return request.getContained().stream().filter(r -> r instanceof Medication)
                    .filter(r -> wanted.substring(1).equals(r.getIdElement().getIdPart())).map(r -> (Medication) r)
                    .findFirst().orElse(null);
        }
        String id = reference.getReferenceElement().getIdPart();
        return id == null ? null : medicationsById().get(id);
    }

    /** The input's Medications by id, the first of an id winning: made once, so that n references cost n lookups. */
    private Map<String, Medication> medicationsById() {
        if (medications == null) {
            medications = new java.util.HashMap<>();
            for (FhirJson.Parsed parsed : all) {
                if (parsed.resource() instanceof Medication medication && Codes.idOf(medication) != null) {
                    medications.putIfAbsent(Codes.idOf(medication), medication);
                }
            }
        }
        return medications;
    }

    private Map<String, Medication> medications;

    private static String describe(Medication medication, MedicationRequest request) {
        return request.getContained().contains(medication) ? "a contained Medication" : Codes.ref(medication);
    }
}
