/** The rule sandbox: what compiled rule code may reach, checked before any rule runs. Not API. */
package io.guidelinekb.sandbox;
