package io.guidelinekb.fhir;

import io.guidelinekb.model.CodeBinding;
import io.guidelinekb.model.Concept;
import io.guidelinekb.model.TerminologyBindings;
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
    private final io.guidelinekb.model.Vocabulary vocabulary;

    Codes(TerminologyBindings bindings, io.guidelinekb.model.Vocabulary vocabulary) {
        this.bindings = bindings;
        this.vocabulary = vocabulary;
    }

    /** What a concept stands for in the guideline's vocabulary. */
    java.util.Optional<Concept.Kind> kindOf(Concept concept) {
        return concept.kindIn(vocabulary);
    }

    /** The red flag a concept stands for, if it is one. */
    java.util.Optional<String> redFlag(Concept concept) {
        return concept.redFlag(vocabulary);
    }

    /** The concept whose Condition makes an episode, when the vocabulary names one. */
    java.util.Optional<Concept> episodeConcept() {
        return java.util.Optional.ofNullable(vocabulary.episodeFinding()).map(Concept::new);
    }

    /** The findings of the vocabulary that a resource type may give. */
    List<Concept> findings(String resourceType) {
        return vocabulary.terms(io.guidelinekb.model.Vocabulary.Section.FINDINGS).keySet().stream()
                .filter(id -> vocabulary.findingFrom(id, resourceType)).map(Concept::new).toList();
    }

    /** Whether a Condition coded as {@code concept} gives a finding. */
    boolean conditionFinding(Concept concept) {
        return vocabulary.findingFrom(concept.name(), "Condition");
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
