/**
 * The stable API for a hospital system that embeds guideline-kb: load a knowledge base, evaluate a
 * case, read the result.
 *
 * <pre>
 * KnowledgeBase kb = KnowledgeBase.loadFromClasspath();          // the guideline packaged in the jar
 * EpisodeResult result = kb.evaluate(new Case(patient, episode));
 * result.guideline();                                            // id, version, and where it stands
 * result.triggeredAgainst();                                     // what an order alert shows
 * String json = EpisodeResultJson.toJson(result);                // docs/result.schema.json
 * </pre>
 *
 * <p>Entry points: {@link io.guidelinekb.KnowledgeBase} (load, evaluate, explain),
 * {@link io.guidelinekb.ReloadingKnowledgeBase} (reload while serving),
 * {@link io.guidelinekb.EpisodeResultJson}. The facts a case is made of and a
 * result holds are in {@link io.guidelinekb.model}; FHIR R4 input is read by
 * {@link io.guidelinekb.fhir.FhirCases}. Packages not documented here serve the command line, the
 * CDS Hooks service and the tests, and may change without notice.
 */
package io.guidelinekb;
