package io.guidelinekb.model;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

final class Enums {

    private Enums() {
    }

    /** An unmodifiable copy in declaration order, so output reads the same on every run. */
    static <E extends Enum<E>> Set<E> immutableSet(Class<E> type, Collection<E> values) {
        EnumSet<E> copy = EnumSet.noneOf(type);
        if (values != null) {
            copy.addAll(values);
        }
        return Collections.unmodifiableSet(copy);
    }

    /** Like {@link #immutableSet} but keeps {@code null}, which means "not known". */
    static <E extends Enum<E>> Set<E> immutableSetOrNull(Class<E> type, Collection<E> values) {
        return values == null ? null : immutableSet(type, values);
    }
}
