/** The CDS Hooks 2.0 service that bin/guideline-kb serve starts. Not API: may change without notice. */
package io.guidelinekb.cdshooks;
