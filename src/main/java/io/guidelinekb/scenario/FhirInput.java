package io.guidelinekb.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.guidelinekb.fhir.FhirCases;
import io.guidelinekb.fhir.FhirInputException;
import io.guidelinekb.fhir.FhirMapping;
import io.guidelinekb.util.InvalidInputException;
import io.guidelinekb.model.TerminologyBindings;
import java.time.LocalDate;

/**
 * FHIR R4 input beside scenarios and records: a Bundle file, or a scenario whose {@code fhir} key
 * holds a Bundle. Reading it needs the knowledge base's bindings, which say what each code means.
 */
final class FhirInput {

    private FhirInput() {
    }

    static boolean isBundle(JsonNode root) {
        return root.has("resourceType");
    }

    static FhirMapping map(JsonNode bundle, io.guidelinekb.KnowledgeBase kb, LocalDate asOf, String source)
            throws InvalidInputException {
        try {
            return FhirCases.of(kb).fromBundleJson(bundle.toString(), asOf, source);
        } catch (FhirInputException e) {
            throw new InvalidInputException(e.getMessage());
        }
    }
}
