package io.guidelinekb.cdshooks;

import io.guidelinekb.model.Language;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.model.CardWord;
import io.guidelinekb.model.GuidelineTexts;
import io.guidelinekb.model.ReportWord;
import io.guidelinekb.model.TextKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The services a version of the rules offers: three hooks for each guideline, their discovery entry,
 * and the searches the service makes itself. Made once per version, since every call needs them.
 */
final class ServiceCatalog {

    static final List<String> HOOKS = List.of("patient-view", "order-select", "order-sign");

    /** A service: a guideline folder and a hook, named {@code <guideline>-<hook>}. */
    record ServiceId(String guideline, String hook) {
        String id() {
            return guideline + "-" + hook;
        }
    }

    /** What one version offers; {@link #of} gives the one in service. */
    private record Offered(String version, Map<String, GuidelineTexts> texts, Map<String, Map<String, String>> queries) {
    }

    private final Language language;
    private volatile Offered offered = new Offered("", Map.of(), Map.of());

    ServiceCatalog(Language language) {
        this.language = language;
    }

    private Offered of(KnowledgeBase kb) {
        Offered known = offered;
        if (!known.version().equals(kb.version())) {
            Map<String, Map<String, String>> queries = new LinkedHashMap<>();
            kb.guidelines().forEach(g -> queries.put(g.id(), java.util.Collections.unmodifiableMap(queries(own(kb, g.id())))));
            known = new Offered(kb.version(), kb.texts(language), queries);
            offered = known;
        }
        return known;
    }

    /** Each guideline's words, by guideline folder. */
    Map<String, GuidelineTexts> texts(KnowledgeBase kb) {
        return of(kb).texts();
    }

    /** A guideline's own fetches in {@code kb}, in its own codes: {id} for the patient. */
    Map<String, String> queriesOf(KnowledgeBase kb, String guideline) {
        return of(kb).queries().getOrDefault(guideline, Map.of());
    }

    /** The knowledge base of one guideline of {@code kb}: its own codes and words. */
    private static KnowledgeBase own(KnowledgeBase kb, String guideline) {
        return kb.guideline(guideline).orElse(kb);
    }

    /** Which guideline folder and hook a service id names, e.g. {@code nkr-lbp-2016-order-select}. */
    Optional<ServiceId> service(KnowledgeBase kb, String id) {
        for (String folder : texts(kb).keySet()) {
            for (String hook : HOOKS) {
                if (id.equals(folder + "-" + hook)) {
                    return Optional.of(new ServiceId(folder, hook));
                }
            }
        }
        return Optional.empty();
    }

    /** The discovery document of {@code kb}'s services. */
    ObjectNode discovery(KnowledgeBase kb) {
        ObjectNode body = Cards.JSON.createObjectNode();
        ArrayNode services = body.putArray("services");
        for (GuidelineTexts texts : texts(kb).values()) {
            for (String hook : HOOKS) {
                ObjectNode service = services.addObject().put("hook", hook).put("id", texts.guidelineId() + "-" + hook)
                        .put("title", texts.text(TextKey.TITLE))
                        .put("description", texts.card(CardWord.LABEL) + " (" + hook + ")");
                service.putObject("prefetch").put("patient", "Patient/{{context.patientId}}")
                        .put("conditions", search("Condition", own(kb, texts.guidelineId())))
                        .put("observations", search("Observation", own(kb, texts.guidelineId())));
                service.put("usageRequirements", usageRequirements(own(kb, texts.guidelineId())));
                // which rules answer: the guideline's version and the knowledge base's content hash, as on every card
                io.guidelinekb.model.Guideline guideline = kb.guideline(texts.guidelineId()).map(KnowledgeBase::guideline)
                        .orElse(null);
                ObjectNode ours = service.putObject("extension").putObject("io.guidelinekb")
                        .put("knowledgeBaseVersion", kb.version());
                if (guideline != null) {
                    ours.putObject("guideline").put("id", guideline.id()).put("version", guideline.version())
                            .put("status", guideline.review().status().code());
                }
            }
        }
        return body;
    }

    /**
     * What the EHR must send (CDS Hooks 2.0 {@code usageRequirements}): the prefetch, or a server the
     * service may read; and the code systems the guideline's bindings read.
     */
    static String usageRequirements(KnowledgeBase kb) {
        String systems = kb.bindings().bindings().stream().map(io.guidelinekb.model.CodeBinding::system).distinct()
                .sorted().collect(java.util.stream.Collectors.joining(", "));
        return "Send the prefetch as templated (patient, conditions, observations), or a fhirServer this service is "
                + "allowed to read; a record that cannot be read in whole gets 412 and no advice. Codes are read in: "
                + systems + ".";
    }

    /** The service's own fetches: the discovery's templates, with {id} for the patient and the code filter encoded. */
    static Map<String, String> queries(KnowledgeBase kb) {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("patient", "Patient/{id}");
        queries.put("conditions", fetch("Condition", kb));
        queries.put("observations", fetch("Observation", kb));
        return queries;
    }

    private static String fetch(String resourceType, KnowledgeBase kb) {
        return resourceType + "?patient={id}" + io.guidelinekb.fhir.SearchCodes.codeParameter(kb.bindings(),
                kb.vocabulary(), resourceType).map(codes -> "&code=" + java.net.URLEncoder.encode(codes,
                java.nio.charset.StandardCharsets.UTF_8)).orElse("");
    }

    /** A prefetch search of the patient's records, asking for the bound codes only where it can. */
    static String search(String resourceType, KnowledgeBase kb) {
        return resourceType + "?patient={{context.patientId}}" + io.guidelinekb.fhir.SearchCodes
                .codeParameter(kb.bindings(), kb.vocabulary(), resourceType).map(codes -> "&code=" + codes).orElse("");
    }
}
