/**
 * Scenarios: reading them (and the other files {@code evaluate} takes), running and checking them
 * alone and together, their results as JSON and JUnit XML. Not API: may change without notice.
 */
package io.guidelinekb.scenario;
