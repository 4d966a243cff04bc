/**
 * What goes in and comes out: the facts a case is made of ({@link io.guidelinekb.model.Patient},
 * {@link io.guidelinekb.model.Episode}, a {@link io.guidelinekb.model.Case} of both), what the rules
 * conclude ({@link io.guidelinekb.model.Recommendation} with its strength, evidence and provenance,
 * {@link io.guidelinekb.model.Scope}, {@link io.guidelinekb.model.Alert}) in an
 * {@link io.guidelinekb.model.EpisodeResult}, which guideline said so
 * ({@link io.guidelinekb.model.Guideline}, {@link io.guidelinekb.model.Review}), explanations,
 * problems ({@link io.guidelinekb.model.RuleProblem} and the exceptions), and the guideline's words
 * ({@link io.guidelinekb.model.Language}, {@link io.guidelinekb.model.GuidelineTexts}).
 *
 * <p>This package is also the rules' whole vocabulary: the rule sandbox lets DRL use this package
 * and harmless JDK types, nothing else, so nothing here reads files, loads or reloads. A
 * {@code null} field means "not known", which the rules never read as "absent".
 */
package io.guidelinekb.model;
