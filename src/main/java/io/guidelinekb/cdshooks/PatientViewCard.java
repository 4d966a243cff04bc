package io.guidelinekb.cdshooks;

import io.guidelinekb.model.Language;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.model.CardWord;
import io.guidelinekb.model.GuidelineTexts;
import io.guidelinekb.model.ReportWord;
import io.guidelinekb.model.TextKey;
import io.guidelinekb.fhir.FhirMapping;
import io.guidelinekb.model.Recommendation;
import io.guidelinekb.model.RecommendationDefinition;
import io.guidelinekb.model.Strength;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * patient-view's card for an in-scope episode: why the guideline applies (age, time since onset, the
 * findings that hold) and what the GP can act on (the recommendations for, with a draft order to
 * accept where one exists), not the recommendations an order would go against.
 */
final class PatientViewCard {

    private final Cards cards;
    private final GuidelineTexts texts;
    private final KnowledgeBase knowledgeBase;
    private final Language language;

    PatientViewCard(Cards cards, GuidelineTexts texts, KnowledgeBase knowledgeBase, Language language) {
        this.cards = cards;
        this.texts = texts;
        this.knowledgeBase = knowledgeBase;
        this.language = language;
    }

    /**
     * The patient-view card: that the guideline applies, and why (age, weeks since onset, the findings
     * that hold), not its recommendations, which the order cards show when an order goes against one.
     */
    ObjectNode card(EpisodeResult result, FhirMapping mapping) {
        String summary = texts.card(CardWord.PATIENT_VIEW_SUMMARY);
        ObjectNode card = cards.card(summary.contains("%d") ? String.format(summary, result.recommendations().size()) : summary,
                null, "info", result.guideline());
        StringBuilder detail = new StringBuilder();
        mapping.input().ifPresent(input -> {
            var patient = input.patient();
            if (patient.ageYearsAtMost() != null) {
                String age = patient.ageYears() != null ? String.valueOf(patient.ageYears())
                        : patient.ageYearsAtLeast() + "–" + patient.ageYearsAtMost();
                detail.append("- ").append(String.format(texts.card(CardWord.AGE), age)).append('\n');
            }
            var episode = input.episode();
            String sinceOnset = sinceOnset(episode.daysSinceOnset(), episode.durationWeeks());
            if (sinceOnset != null) {
                detail.append("- ").append(sinceOnset).append('\n');
            }
            String holding = episode.findings().entrySet().stream().filter(java.util.Map.Entry::getValue)
                    .map(f -> knowledgeBase.vocabulary().label(io.guidelinekb.model.Vocabulary.Section.FINDINGS, f.getKey(),
                            language)).collect(Collectors.joining(", "));
            if (!holding.isEmpty()) {
                detail.append("- ").append(Cards.markdown(holding)).append('\n');
            }
        });
        actionable(result, mapping, detail, card);
        detail.append('\n').append(texts.card(CardWord.PATIENT_VIEW_ORDERS));
        card.put("detail", detail + cards.standing(result.guideline().review()));
        return card;
    }

    /**
     * What the GP can act on at the chart: the recommendations for (↑↑, ↑) given to the episode, each by
     * its summary, and a draft order to accept for each intervention it is followed by, when the
     * bindings give that intervention a code to order it by.
     */
    private void actionable(EpisodeResult result, FhirMapping mapping, StringBuilder detail, ObjectNode card) {
        List<Recommendation> forIt = result.recommendations().stream()
                .filter(r -> !r.draft() && (r.strength() == Strength.STRONG_FOR || r.strength() == Strength.WEAK_FOR)).toList();
        if (forIt.isEmpty()) {
            return;
        }
        detail.append('\n').append(texts.card(CardWord.PATIENT_VIEW_CONSIDER)).append('\n');
        ArrayNode suggestions = Cards.JSON.createArrayNode();
        for (Recommendation r : forIt) {
            RecommendationDefinition definition = knowledgeBase.recommendations().stream()
                    .filter(d -> d.id().equals(r.id())).findFirst().orElseThrow();
            detail.append("- **").append(Cards.markdown(r.id())).append("** ").append(Cards.markdown(definition.summary(language))).append('\n');
            for (String intervention : definition.concerns()) {
                if (definition.direction(intervention).orElse(null) != io.guidelinekb.model.TriggerDirection.WITH) {
                    continue;
                }
                var codes = knowledgeBase.bindings().codesOf(new io.guidelinekb.model.Concept(intervention)).stream()
                        .filter(b -> !b.prefix()).findFirst();
                if (codes.isEmpty() || mapping.input().isEmpty()) {
                    continue;
                }
                ObjectNode suggestion = suggestions.addObject().put("label", texts.card(CardWord.ORDER) + ": "
                        + cards.label(intervention)).put("uuid", UUID.randomUUID().toString());
                ObjectNode order = suggestion.putArray("actions").addObject().put("type", "create")
                        .put("description", cards.label(intervention) + " (" + r.id() + ")").putObject("resource");
                order.put("resourceType", "ServiceRequest").put("status", "draft").put("intent", "proposal");
                ObjectNode code = order.putObject("code").put("text", cards.label(intervention));
                code.putArray("coding").addObject().put("system", codes.get().system()).put("code", codes.get().code())
                        .put("display", cards.label(intervention));
                order.putObject("subject").put("reference", "Patient/" + mapping.input().get().patient().id());
            }
        }
        if (!suggestions.isEmpty()) {
            card.set("suggestions", suggestions);
            card.put("selectionBehavior", "any");
        }
    }

    /** "1 uge", "3 uger", and days under a week ("0 dage", "1 dag"): never "1 uger" or "0 uger". */
    private String sinceOnset(Integer days, Integer durationWeeks) {
        if (durationWeeks == null && days != null && days < 7) {
            return days == 1 ? texts.card(CardWord.SINCE_ONSET_ONE_DAY)
                    : String.format(texts.card(CardWord.SINCE_ONSET_DAYS), days);
        }
        Integer weeks = durationWeeks != null ? durationWeeks : days == null ? null : days / 7;
        if (weeks == null) {
            return null;
        }
        return weeks == 1 ? texts.card(CardWord.SINCE_ONSET_ONE_WEEK)
                : String.format(texts.card(CardWord.SINCE_ONSET), weeks);
    }

}
