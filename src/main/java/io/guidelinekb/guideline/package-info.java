/** A guideline folder's data files: its descriptor, and their packaging into the jar. Not API. */
package io.guidelinekb.guideline;
