/**
 * The command line (bin/guideline-kb): picocli commands and terminal formatting only. Each command
 * parses its options, calls one capability, prints. Not API: may change without notice.
 */
package io.guidelinekb.cli;
