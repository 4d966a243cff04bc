package io.guidelinekb;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test that runs what the documents show, as a reader would: on the shipped guideline, in
 * {@code rules/} and {@code facts/}, whose figures the documents quote. It runs in CI after
 * {@code mvn verify} ({@code .ci/run}: {@code mvn failsafe:integration-test -Dfailsafe.groups=docs}),
 * not in {@code mvn verify} itself, so that an author's edit that passes {@code lint} and {@code test}
 * passes the build; what the edit leaves stale in the documents, this names.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("docs")
public @interface DocsTest {
}
