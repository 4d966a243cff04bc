/** Small helpers shared by the packages. Not API. */
package io.guidelinekb.util;
