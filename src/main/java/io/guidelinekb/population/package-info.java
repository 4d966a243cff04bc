/** Synthetic populations for benchmarks and batch runs. Not API: may change without notice. */
package io.guidelinekb.population;
