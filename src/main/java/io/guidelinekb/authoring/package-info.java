/**
 * What an author runs to see what a change does: lint and its probes, the explain report, coverage,
 * the outcome diff's summary and scenario updates. Not API: may change without notice.
 */
package io.guidelinekb.authoring;
