package io.guidelinekb.fhir;

import io.guidelinekb.terminology.CodeBinding;
import io.guidelinekb.terminology.Concept;
import io.guidelinekb.terminology.TerminologyBindings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Resource;

/** What the codes of FHIR elements mean by the bindings, and how to name them in decisions. */
final class Codes {

    private final TerminologyBindings bindings;

    Codes(TerminologyBindings bindings) {
        this.bindings = bindings;
    }

    /** Every concept any coding of {@code code} means. */
    Set<Concept> concepts(CodeableConcept code) {
        Set<Concept> concepts = new LinkedHashSet<>();
        for (Coding coding : code.getCoding()) {
            concepts.addAll(bindings.conceptsOf(coding.getSystem(), coding.getCode()));
        }
        return concepts;
    }

    /** The codings that mean {@code concept}, flagged when unconfirmed: {@code system|code → CONCEPT}. */
    String matched(CodeableConcept code, Concept concept) {
        List<String> matched = new ArrayList<>();
        for (Coding coding : code.getCoding()) {
            if (bindings.conceptsOf(coding.getSystem(), coding.getCode()).contains(concept)) {
                boolean unconfirmed = bindings.match(coding.getSystem(), coding.getCode()).stream()
                        .anyMatch(CodeBinding::unconfirmed);
                matched.add(coding.getSystem() + "|" + coding.getCode() + (unconfirmed ? " (⚠ unconfirmed code)" : ""));
            }
        }
        return String.join(", ", matched) + " → " + concept;
    }

    static String written(CodeableConcept code) {
        if (code.getCoding().isEmpty()) {
            return "no code";
        }
        return code.getCoding().stream().map(c -> c.getSystem() + "|" + c.getCode()).collect(Collectors.joining(", "));
    }

    static String firstCode(CodeableConcept concept) {
        return concept.getCoding().stream().map(Coding::getCode).filter(Objects::nonNull).findFirst().orElse(null);
    }

    static String idOf(Resource resource) {
        String id = resource.getIdElement().getIdPart();
        return id == null ? resource.fhirType().toLowerCase(Locale.ROOT) : id;
    }

    /** {@code ServiceRequest/mri-1}: how decisions and cards name a resource. */
    static String ref(Resource resource) {
        return resource.fhirType() + "/" + idOf(resource);
    }
}
