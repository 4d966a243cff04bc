package io.guidelinekb;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test that starts a server, a process or a fresh JVM, or compiles many rule folders: it runs in
 * {@code mvn verify} (Failsafe), not in {@code mvn test}, which runs the unit tests in under a minute.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("integration")
public @interface IntegrationTest {
}
