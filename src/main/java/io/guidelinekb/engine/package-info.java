/**
 * The engine: reads a rules folder, compiles each guideline's DRL with Drools, catalogues its rules'
 * metadata, evaluates and explains cases in short-lived sessions within limits, and gives a
 * guideline's words. {@link io.guidelinekb.KnowledgeBase} is its front door. Not API: may change
 * without notice.
 */
package io.guidelinekb.engine;
