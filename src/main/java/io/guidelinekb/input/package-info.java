/**
 * Strict readers of YAML, JSON and NDJSON records and cases: UTF-8 only, every problem named by file,
 * line or field. Not API: may change without notice.
 */
package io.guidelinekb.input;
