package io.guidelinekb.model;

import io.guidelinekb.util.CodeCharacters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which codes mean which concept: the bindings files of a knowledge base, merged. Exact codes are
 * found by one lookup; a prefix by one lookup for each of the code's own prefixes.
 */
public final class TerminologyBindings {

    /** Bindings with no codes: every code is unknown. */
    public static final TerminologyBindings NONE = new TerminologyBindings(List.of());

    private final List<CodeBinding> bindings;
    private final Map<String, List<CodeBinding>> exact = new HashMap<>();
    /** Prefix bindings by system and prefix: a code is looked up under each of its own prefixes. */
    private final Map<String, List<CodeBinding>> prefixes = new HashMap<>();
    private final Map<CodeBinding, Integer> position = new java.util.IdentityHashMap<>();
    /** What codings mean, as asked: an EHR sends the same few codes again and again. Bounded. */
    private final Map<String, Set<Concept>> meanings = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MEANINGS_KEPT = 10_000;

    /**
     * Bindings indexed for lookup.
     *
     * @param bindings every binding, in file order
     */
    public TerminologyBindings(Collection<CodeBinding> bindings) {
        this.bindings = List.copyOf(bindings);
        for (CodeBinding binding : this.bindings) {
            position.put(binding, position.size());
            if (binding.prefix()) {
                prefixes.computeIfAbsent(key(binding.system(), binding.code()), k -> new ArrayList<>()).add(binding);
            } else {
                exact.computeIfAbsent(key(binding.system(), binding.code()), k -> new ArrayList<>()).add(binding);
            }
        }
    }

    /**
     * Every binding, in file order.
     *
     * @return the bindings
     */
    public List<CodeBinding> bindings() {
        return bindings;
    }

    /**
     * The bindings a coding matches, as sent (trimmed and NFC-normalised first).
     *
     * @param sentSystem the coding's system
     * @param sentCode   the coding's code
     * @return the bindings, exact ones first; none for a code in no set
     */
    public List<CodeBinding> match(String sentSystem, String sentCode) {
        String system = CodeCharacters.normalise(sentSystem);
        String code = CodeCharacters.normalise(sentCode);
        if (system == null || code == null) {
            return List.of();
        }
        List<CodeBinding> found = new ArrayList<>(exact.getOrDefault(key(system, code), List.of()));
        List<CodeBinding> byPrefix = new ArrayList<>();
        for (int length = 0; length <= code.length(); length++) {
            byPrefix.addAll(prefixes.getOrDefault(key(system, code.substring(0, length)), List.of()));
        }
        byPrefix.sort(java.util.Comparator.comparingInt(position::get));
        found.addAll(byPrefix);
        return found;
    }

    /**
     * The concepts a coding means, with those its bindings imply.
     *
     * @param system the coding's system
     * @param code   the coding's code
     * @return the concepts (read-only); empty for a code in no set
     */
    public Set<Concept> conceptsOf(String system, String code) {
        if (system == null || code == null) {
            return Set.of();
        }
        String key = key(system, code);
        Set<Concept> known = meanings.get(key);
        if (known != null) {
            return known;
        }
        Set<Concept> concepts = java.util.Collections.unmodifiableSet(conceptsOfUncached(system, code));
        if (meanings.size() < MEANINGS_KEPT) {
            meanings.put(key, concepts);
        }
        return concepts;
    }

    private Set<Concept> conceptsOfUncached(String system, String code) {
        Set<Concept> concepts = new LinkedHashSet<>();
        for (CodeBinding binding : match(system, code)) {
            concepts.add(binding.concept());
            concepts.addAll(binding.implies());
        }
        return concepts;
    }

    /**
     * The codes bound to a concept.
     *
     * @param concept the concept
     * @return its bindings, in file order
     */
    public List<CodeBinding> codesOf(Concept concept) {
        return bindings.stream().filter(b -> b.concept().equals(concept)).toList();
    }

    private static String key(String system, String code) {
        return system + '|' + code;
    }
}
