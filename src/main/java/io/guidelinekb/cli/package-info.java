/** The command line (bin/guideline-kb). Not API: may change without notice. */
package io.guidelinekb.cli;
