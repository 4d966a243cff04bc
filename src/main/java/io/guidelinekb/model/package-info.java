/**
 * The facts: what a case is made of ({@link io.guidelinekb.model.Patient},
 * {@link io.guidelinekb.model.Episode} and their codes), what the rules conclude
 * ({@link io.guidelinekb.model.Recommendation} with its strength, evidence and provenance,
 * {@link io.guidelinekb.model.Scope}, {@link io.guidelinekb.model.Alert}) and which guideline said
 * so ({@link io.guidelinekb.model.Guideline}, {@link io.guidelinekb.model.Review}).
 *
 * <p>This package is also the rules' whole vocabulary: the rule sandbox lets DRL use this package
 * and harmless JDK types, nothing else. That is why it stands apart from the entry points in
 * {@link io.guidelinekb}. A {@code null} field means "not known", which the rules never read as "absent".
 */
package io.guidelinekb.model;
