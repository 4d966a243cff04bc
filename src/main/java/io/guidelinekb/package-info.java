/**
 * The front door for a hospital system that embeds guideline-kb: load a knowledge base, evaluate a
 * case, read the result.
 *
 * <pre>
 * KnowledgeBase kb = KnowledgeBase.loadFromClasspath();          // the guideline packaged in the jar
 * EpisodeResult result = kb.evaluate(new Case(patient, episode));
 * result.guideline();                                            // id, version, and where it stands
 * result.triggeredAgainst();                                     // what an order alert shows
 * String json = EpisodeResultJson.toJson(result);                // docs/result.schema.json
 * KnowledgeBase.check(Path.of("rules"), LoadOptions.defaults()); // every error and warning, as lint prints them
 * </pre>
 *
 * <p>Entry points: {@link io.guidelinekb.KnowledgeBase} (load, check, evaluate, explain) with
 * {@link io.guidelinekb.LoadOptions}, {@link io.guidelinekb.ReloadingKnowledgeBase} (reload while
 * serving), {@link io.guidelinekb.EpisodeResultJson}. What goes in and comes out (facts, cases,
 * results, problems, words) is in {@link io.guidelinekb.model}; FHIR R4 input is read by
 * {@link io.guidelinekb.fhir.FhirCases}. These signatures show nothing of the packages not documented
 * here, which serve the command line, the CDS Hooks service and the tests, and may change without
 * notice.
 */
package io.guidelinekb;
