package io.guidelinekb.cdshooks;

import io.guidelinekb.model.Language;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.model.Case;
import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.fhir.FhirMapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cards the service would return at order-select for a case, each proposed intervention an order
 * of its own ({@code proposed/MRI}): what an author sees of a change before it ships, built by the
 * same {@link Cards} the service answers with.
 */
public final class CardPreview {

    private CardPreview() {
    }

    /**
     * The cards of one guideline for a case, as order-select would answer a first call.
     *
     * @param guideline the guideline's knowledge base (one guideline)
     * @param input     the case, its proposed interventions taken as draft orders
     * @param language  the cards' language
     * @return the cards, as CDS Hooks sends them
     */
    public static List<ObjectNode> orderSelect(KnowledgeBase guideline, Case input, Language language) {
        EpisodeResult result = guideline.evaluate(input);
        Map<String, List<String>> orders = new LinkedHashMap<>();
        input.episode().proposedInterventions().forEach(i -> orders.put(i, List.of("proposed/" + i)));
        FhirMapping mapping = new FhirMapping(Optional.of(input), List.of(), orders);
        List<ObjectNode> cards = new ArrayList<>();
        String id = guideline.guideline().id();
        new Cards(guideline.texts(language).get(id), guideline, language).cards("order-select", result, mapping)
                .forEach(card -> cards.add(card.json()));
        return cards;
    }
}
