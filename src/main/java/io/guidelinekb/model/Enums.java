package io.guidelinekb.model;

import java.util.AbstractSet;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Set;

final class Enums {

    private static final ClassValue<Set<?>> EMPTY = new ClassValue<>() {
        @Override
        protected Set<?> computeValue(Class<?> type) {
            return new Frozen<>(Collections.emptySet());
        }
    };

    private Enums() {
    }

    /**
     * An unmodifiable copy in declaration order, so output reads the same on every run. A set made
     * here is passed on as it is: records rebuilt with other ids (every evaluation does so) then
     * copy nothing.
     */
    @SuppressWarnings("unchecked")
    static <E extends Enum<E>> Set<E> immutableSet(Class<E> type, Collection<E> values) {
        if (values instanceof Frozen<E> frozen) {
            return frozen;
        }
        if (values == null || values.isEmpty()) {
            return (Set<E>) EMPTY.get(type);
        }
        return new Frozen<>(EnumSet.copyOf(values));
    }

    /** Like {@link #immutableSet} but keeps {@code null}, which means "not known". */
    static <E extends Enum<E>> Set<E> immutableSetOrNull(Class<E> type, Collection<E> values) {
        return values == null ? null : immutableSet(type, values);
    }

    /** The values of {@code values} that are also in {@code of}. */
    static <E extends Enum<E>> Set<E> intersection(Class<E> type, Set<E> values, Set<E> of) {
        if (values.isEmpty() || of.isEmpty()) {
            return immutableSet(type, null);
        }
        EnumSet<E> common = values instanceof Frozen<E> frozen ? EnumSet.copyOf(frozen.values) : EnumSet.copyOf(values);
        if (of instanceof Frozen<E> frozen) {
            common.retainAll(frozen.values);
        } else {
            common.retainAll(of);
        }
        return common.isEmpty() ? immutableSet(type, null) : new Frozen<>(common);
    }

    /** A set nobody else holds a reference to, read-only. */
    private static final class Frozen<E> extends AbstractSet<E> {

        private final Set<E> values;

        Frozen(Set<E> owned) {
            this.values = owned;
        }

        @Override
        public Iterator<E> iterator() {
            Iterator<E> iterator = values.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return iterator.hasNext();
                }

                @Override
                public E next() {
                    return iterator.next();
                }
            };
        }

        @Override
        public int size() {
            return values.size();
        }

        @Override
        public boolean isEmpty() {
            return values.isEmpty();
        }

        @Override
        public boolean contains(Object o) {
            return values.contains(o);
        }
    }
}
