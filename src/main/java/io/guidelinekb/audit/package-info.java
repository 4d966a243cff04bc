/**
 * Auditing a population: the batch pipeline ({@link io.guidelinekb.audit.Audit#run}), its outputs,
 * statistics, the HTML report, the flagged-episodes CSV, and the synthetic population generator.
 * Needs no command line. Not API beyond {@link io.guidelinekb.audit.Audit}: may change without notice.
 */
package io.guidelinekb.audit;
