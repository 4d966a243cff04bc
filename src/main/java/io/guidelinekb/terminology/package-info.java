/** Terminology bindings: which codes mean which concept, read from a guideline folder's bindings file. Not API. */
package io.guidelinekb.terminology;
