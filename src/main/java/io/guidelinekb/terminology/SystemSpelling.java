package io.guidelinekb.terminology;

import io.guidelinekb.model.CodeBinding;
import java.util.Objects;

/**
 * A code system that is another system's codes spelled another way, declared once in a bindings
 * file rather than code by code: SKS diagnoses are "D" and the ICD-10 code without its dot
 * ({@code DG834} is {@code G83.4}); Danish ICPC-2 has the international codes under its own OID.
 *
 * @param system   the system that spells the codes its own way, e.g. {@code urn:oid:1.2.208.176.2.4.12}
 * @param of       the system whose codes it spells, e.g. {@code http://hl7.org/fhir/sid/icd-10}
 * @param prefix   what it writes before each code ({@code D}), or empty
 * @param dropDots true when it writes a code without its dots
 * @param subcodes true when it divides a code further (SKS adds Danish subdivisions): a code of
 *                 {@code of} then also matches every longer code of this system that starts with it
 * @param line     where the spelling is declared, for messages
 */
public record SystemSpelling(String system, String of, String prefix, boolean dropDots, boolean subcodes, int line) {

    public SystemSpelling {
        Objects.requireNonNull(system, "system must not be null");
        Objects.requireNonNull(of, "of must not be null");
        Objects.requireNonNull(prefix, "prefix must not be null");
    }

    /** How this system writes {@code code} of {@link #of()}. */
    public String spell(String code) {
        return prefix + (dropDots ? code.replace(".", "") : code);
    }

    /** The binding as this system writes it: same concept, same file and line, its code spelled. */
    CodeBinding spell(CodeBinding binding) {
        return new CodeBinding(binding.concept(), system, spell(binding.code()), binding.prefix() || subcodes,
                binding.unconfirmed(), binding.implies(), binding.file(), binding.line());
    }
}
