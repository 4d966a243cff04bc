package io.guidelinekb.sandbox;

import java.lang.reflect.Field;
import org.drools.mvel.dataproviders.MVELDataProvider;
import org.drools.mvel.expr.MVELCompilationUnit;

/**
 * What the engine keeps private that the sandbox must read: the expression of a {@code from}. The
 * host reads the engine; rules never may.
 */
final class EngineFields {

    private EngineFields() {
    }

    static MVELCompilationUnit unit(MVELDataProvider provider) {
        try {
            Field unit = MVELDataProvider.class.getDeclaredField("unit");
            unit.setAccessible(true);
            return (MVELCompilationUnit) unit.get(provider);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this Drools keeps a from's expression elsewhere: the sandbox cannot check "
                    + "it, so it refuses to go on", e);
        }
    }
}
