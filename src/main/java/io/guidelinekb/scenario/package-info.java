/** Scenario files and records: reading, running and updating them. Not API: may change without notice. */
package io.guidelinekb.scenario;
