package io.guidelinekb.model;

import io.guidelinekb.model.Vocabulary.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a code can mean to the knowledge base: an id of a guideline's vocabulary
 * ({@code rules/<guideline>/vocabulary.yaml}), so that a new red flag, finding or intervention is a
 * concept without a list to keep in step here.
 * <ul>
 * <li>a finding's id, e.g. {@code LEG_RADIATION}: a Condition that says it holds, or an Observation's valueBoolean</li>
 * <li>{@code RED_FLAG_<FLAG>}, e.g. {@code RED_FLAG_CAUDA_EQUINA}: a red flag</li>
 * <li>an intervention's id, e.g. {@code MRI}: a proposed order</li>
 * </ul>
 *
 * @param name the vocabulary id, e.g. {@code MRI} or {@code RED_FLAG_CAUDA_EQUINA}
 */
public record Concept(String name) {

    /**
     * Checks the name.
     *
     * @param name the vocabulary id
     */
    public Concept {
        Objects.requireNonNull(name, "concept name must not be null");
    }

    // equals and hashCode written out: a record's own link method handles on their first call, a
    // cost every short command paid for this key of every map (docs/performance.md)
    @Override
    public boolean equals(Object other) {
        return other instanceof Concept concept && name.equals(concept.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    /** What a concept stands for in a vocabulary. */
    public enum Kind {
        /** A finding. */
        FINDING,
        /** A red flag. */
        RED_FLAG,
        /** An intervention, i.e. a proposed order. */
        INTERVENTION
    }

    /**
     * Every concept of a vocabulary.
     *
     * @param vocabulary the vocabulary
     * @return findings, red flags and interventions, in the order an author reads them
     */
    public static List<Concept> all(Vocabulary vocabulary) {
        List<Concept> all = new ArrayList<>();
        vocabulary.terms(Section.FINDINGS).keySet().forEach(id -> all.add(new Concept(id)));
        vocabulary.terms(Section.RED_FLAGS).keySet().forEach(id -> all.add(new Concept(Vocabulary.RED_FLAG_REASON + id)));
        vocabulary.terms(Section.INTERVENTIONS).keySet().forEach(id -> all.add(new Concept(id)));
        return List.copyOf(all);
    }

    /**
     * The concept of a name.
     *
     * @param name       the name
     * @param vocabulary the vocabulary
     * @return the concept, or empty when the vocabulary has none of that name
     */
    public static Optional<Concept> named(String name, Vocabulary vocabulary) {
        Concept concept = new Concept(name);
        return concept.kindIn(vocabulary).isPresent() ? Optional.of(concept) : Optional.empty();
    }

    /**
     * What the concept stands for.
     *
     * @param vocabulary the vocabulary
     * @return its kind, or empty when it is none of the vocabulary's ids
     */
    public Optional<Kind> kindIn(Vocabulary vocabulary) {
        if (vocabulary.has(Section.FINDINGS, name)) {
            return Optional.of(Kind.FINDING);
        }
        if (vocabulary.has(Section.INTERVENTIONS, name)) {
            return Optional.of(Kind.INTERVENTION);
        }
        return redFlag(vocabulary).map(flag -> Kind.RED_FLAG);
    }

    /**
     * The red flag this concept stands for.
     *
     * @param vocabulary the vocabulary
     * @return the red flag's id, or empty when the concept is none of the vocabulary's red flags
     */
    public Optional<String> redFlag(Vocabulary vocabulary) {
        String flag = name.startsWith(Vocabulary.RED_FLAG_REASON) ? name.substring(Vocabulary.RED_FLAG_REASON.length()) : null;
        return flag != null && vocabulary.has(Section.RED_FLAGS, flag) ? Optional.of(flag) : Optional.empty();
    }

    @Override
    public String toString() {
        return name;
    }
}
