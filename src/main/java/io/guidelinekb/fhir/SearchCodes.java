package io.guidelinekb.fhir;

import io.guidelinekb.model.CodeBinding;
import io.guidelinekb.model.Concept;
import io.guidelinekb.model.TerminologyBindings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The codes a search may ask for, so that an EHR returns the records the mapping reads and not pages
 * of everything else first (a screening Observation on page 3 of lab results was missed). A search
 * filters by exact codes only: a prefix binding ({@code M54.5*}) cannot be written as a FHIR token,
 * so a resource type with one is searched unfiltered.
 */
public final class SearchCodes {

    /** A URL longer than this is refused by some servers; then the search goes unfiltered. */
    static final int MAX_PARAMETER = 1500;

    private SearchCodes() {
    }

    /**
     * The {@code code} parameter's value for searches of {@code resourceType} (Condition or
     * Observation): every bound code of the concepts the mapping reads from it, comma-separated.
     *
     * @param bindings     the terminology bindings
     * @param vocabulary   the guideline's vocabulary, whose findings and red flags the mapping reads
     * @param resourceType {@code Condition} or {@code Observation}
     * @return the value, or empty when a search must go unfiltered (a prefix, or too long)
     */
    public static Optional<String> codeParameter(TerminologyBindings bindings, io.guidelinekb.model.Vocabulary vocabulary,
                                                 String resourceType) {
        List<String> codes = new ArrayList<>();
        for (Concept concept : conceptsReadFrom(vocabulary, resourceType)) {
            for (CodeBinding binding : bindings.codesOf(concept)) {
                if (binding.prefix()) {
                    return Optional.empty();
                }
                codes.add(binding.system() + "|" + binding.code());
            }
        }
        String value = String.join(",", codes);
        return codes.isEmpty() || value.length() > MAX_PARAMETER ? Optional.empty() : Optional.of(value);
    }

    /**
     * What the mapping reads from each resource type (CaseMapper): Observations answer findings,
     * Conditions give findings and red flags.
     */
    private static List<Concept> conceptsReadFrom(io.guidelinekb.model.Vocabulary vocabulary, String resourceType) {
        return Concept.all(vocabulary).stream().filter(c -> switch (c.kindIn(vocabulary).orElseThrow()) {
            case FINDING -> vocabulary.findingFrom(c.name(), resourceType);
            case RED_FLAG -> !resourceType.equals("Observation");
            case INTERVENTION -> false;
        }).toList();
    }
}
