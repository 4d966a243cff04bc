/**
 * FHIR R4 input: a Bundle, HAPI resources, or a CDS Hooks request read as a case, through the
 * terminology bindings of the knowledge base's rules folders, with every decision taken on the way.
 * {@link io.guidelinekb.fhir.FhirCases} is the entry point.
 */
package io.guidelinekb.fhir;
