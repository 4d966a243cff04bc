/**
 * Every check of what rules may do, before any rule runs: the source policy on DRL text, and the
 * allow-list over the classes Drools compiled and the expressions it interprets. Not API.
 */
package io.guidelinekb.sandbox;
