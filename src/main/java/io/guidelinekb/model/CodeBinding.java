package io.guidelinekb.model;

import java.util.Objects;
import java.util.Set;

/**
 * One code bound to a concept, as an author wrote it in a bindings file.
 *
 * @param concept     the concept the code means
 * @param system      the code system's URI, e.g. {@code http://snomed.info/sct}
 * @param code        the code, as the system spells it
 * @param prefix      true when written with a trailing {@code *}: every code that starts with
 *                    {@code code} matches (ATC classes, ICD-10 and SKS subcodes)
 * @param unconfirmed true for a code widely used but not confirmed in an official release (⚠)
 * @param implies     further concepts the code means, e.g. ICPC-2 L86 (back syndrome with
 *                    radiating pain) is low back pain that implies leg radiation
 * @param file        the bindings file it was written in
 * @param line        where it stands in its file, for messages
 */
public record CodeBinding(Concept concept, String system, String code, boolean prefix, boolean unconfirmed,
                          Set<Concept> implies, String file, int line) {

    /**
     * Checks the binding and copies what it implies.
     *
     * @param concept     the concept the code means
     * @param system      the code system's URI
     * @param code        the code
     * @param prefix      true for every code that starts with {@code code}
     * @param unconfirmed true for a code not confirmed in an official release
     * @param implies     further concepts the code means
     * @param file        the bindings file
     * @param line        the line in it
     */
    public CodeBinding {
        Objects.requireNonNull(concept, "concept must not be null");
        Objects.requireNonNull(system, "system must not be null");
        Objects.requireNonNull(code, "code must not be null");
        implies = Set.copyOf(implies);
    }

    /**
     * Whether a coding is this binding's.
     *
     * @param system the coding's system
     * @param code   the coding's code
     * @return true when {@code system} and {@code code} are this binding's, or start with it for a prefix
     */
    public boolean matches(String system, String code) {
        return this.system.equals(system) && (prefix ? code.startsWith(this.code) : this.code.equals(code));
    }

    /**
     * How the author wrote it.
     *
     * @return e.g. {@code http://hl7.org/fhir/sid/icd-10|M54.5*}
     */
    public String written() {
        return system + "|" + code + (prefix ? "*" : "");
    }
}
