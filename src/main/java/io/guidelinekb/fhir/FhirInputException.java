package io.guidelinekb.fhir;

/**
 * FHIR input that cannot be read as a case: not JSON, no patient, or a date the mapping needs that
 * does not parse or lies after the evaluation date. The message names the resource and element,
 * e.g. {@code bundle.json: Patient/p1.birthDate: "2030-01-01" is after the evaluation date 2026-03-10}.
 */
public final class FhirInputException extends Exception {

    /**
     * An exception with a message that names the resource and element.
     *
     * @param message what cannot be read, and where
     */
    public FhirInputException(String message) {
        super(message);
    }
}
