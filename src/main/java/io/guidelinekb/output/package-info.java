/** Writing outputs whole or failing loudly: a failed write is an {@link io.guidelinekb.output.OutputFailedException}. Not API. */
package io.guidelinekb.output;
