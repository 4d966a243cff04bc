package io.guidelinekb.model;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Sets and maps of vocabulary ids, read-only and in a fixed order, so that output reads the same on
 * every run. One made here is passed on as it is: records rebuilt around it copy nothing.
 */
final class Ids {

    private Ids() {
    }

    /** UPPER_SNAKE: a capital letter, then capitals, digits and underscores; checked on every record read, so no regex. */
    static String check(String id, String what) {
        if (!isId(id)) {
            throw new IllegalArgumentException("a " + what + " id is in UPPER_SNAKE case, e.g. MRI; got "
                    + (id == null ? "null" : "\"" + id + "\""));
        }
        return id;
    }

    static boolean isId(String id) {
        if (id == null || id.isEmpty() || id.charAt(0) < 'A' || id.charAt(0) > 'Z') {
            return false;
        }
        for (int i = 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static final Class<?> IMMUTABLE_ONE = Set.of("A").getClass();
    private static final Class<?> IMMUTABLE_MANY = Set.of("A", "B", "C").getClass();

    /** The ids, checked, in their given order. */
    @SuppressWarnings("unchecked")
    static Set<String> set(Collection<String> ids, String what) {
        if (ids instanceof FrozenSet frozen) {
            return frozen;
        }
        if (ids == null || ids.isEmpty()) {
            return Set.of();
        }
        if (ids.getClass() == IMMUTABLE_ONE || ids.getClass() == IMMUTABLE_MANY) {
            ids.forEach(id -> check(id, what));   // Set.of(…) cannot change: checked, not copied
            return (Set<String>) ids;
        }
        LinkedHashSet<String> owned = new LinkedHashSet<>();
        for (String id : ids) {
            owned.add(check(id, what));
        }
        return new FrozenSet(owned);
    }

    /** Ids already checked and ordered, owned by the caller from now on by nobody else. */
    static Set<String> owned(LinkedHashSet<String> ids) {
        return ids.isEmpty() ? Set.of() : new FrozenSet(ids);
    }

    /** The findings, checked, in their given order; a {@code null} value is refused (leave it out). */
    static Map<String, Boolean> findings(Map<String, Boolean> findings) {
        if (findings instanceof FrozenMap frozen) {
            return frozen;
        }
        if (findings == null || findings.isEmpty()) {
            return Map.of();
        }
        LinkedHashMap<String, Boolean> owned = new LinkedHashMap<>();
        findings.forEach((id, value) -> owned.put(check(id, "finding"), Objects.requireNonNull(value,
                () -> "finding " + id + " is null; leave it out when not known")));
        return new FrozenMap(owned);
    }

    private static final class FrozenSet extends AbstractSet<String> {
        private final Set<String> owned;

        FrozenSet(Set<String> owned) {
            this.owned = owned;
        }

        @Override
        public Iterator<String> iterator() {
            Iterator<String> iterator = owned.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return iterator.hasNext();
                }

                @Override
                public String next() {
                    return iterator.next();
                }
            };
        }

        @Override
        public int size() {
            return owned.size();
        }

        @Override
        public boolean isEmpty() {
            return owned.isEmpty();
        }

        @Override
        public boolean contains(Object o) {
            return owned.contains(o);
        }
    }

    private static final class FrozenMap extends AbstractMap<String, Boolean> {
        private final Map<String, Boolean> owned;
        private final Set<String> keys;
        private final Set<Entry<String, Boolean>> entries;

        FrozenMap(Map<String, Boolean> owned) {
            this.owned = owned;
            this.keys = java.util.Collections.unmodifiableSet(owned.keySet());
            this.entries = java.util.Collections.unmodifiableMap(owned).entrySet();
        }

        @Override
        public Set<Entry<String, Boolean>> entrySet() {
            return entries;
        }

        @Override
        public Set<String> keySet() {
            return keys;
        }

        @Override
        public void forEach(java.util.function.BiConsumer<? super String, ? super Boolean> action) {
            owned.forEach(action);
        }

        @Override
        public Boolean get(Object key) {
            return owned.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return owned.containsKey(key);
        }

        @Override
        public int size() {
            return owned.size();
        }
    }
}
