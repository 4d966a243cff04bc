package io.guidelinekb.cdshooks;

import io.guidelinekb.model.Language;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.model.CardWord;
import io.guidelinekb.model.GuidelineTexts;
import io.guidelinekb.model.ReportWord;
import io.guidelinekb.model.TextKey;
import io.guidelinekb.fhir.FhirMapping;
import io.guidelinekb.model.Alert;
import io.guidelinekb.model.EvidenceGrade;
import io.guidelinekb.model.Guideline;
import io.guidelinekb.model.Recommendation;
import io.guidelinekb.model.RecommendationDefinition;
import io.guidelinekb.model.Review;
import io.guidelinekb.model.ScopeStatus;
import io.guidelinekb.model.Strength;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The cards for one evaluated request (point-of-care §4): a warning per recommendation an order
 * goes against, with a suggestion to remove it; a critical card for an alert (cauda equina); an
 * info card naming the missing data when the scope is undetermined and an order is one the
 * guideline concerns; for patient-view, an info card summarising the recommendations. Orders that
 * follow the guideline, and episodes out of scope, get no card. Every word comes from the rules'
 * metadata or the guideline's {@code guideline.yaml}.
 */
final class Cards {

    /** Decimals as {@code BigDecimal}: a request's FHIR decimals are exact (HAPI reads them from the tree). */
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String STRENGTH_SYSTEM = "http://terminology.hl7.org/CodeSystem/recommendation-strength";
    private static final String DIRECTION_SYSTEM = "http://terminology.hl7.org/CodeSystem/recommendation-direction";
    private static final String CERTAINTY_SYSTEM = "http://terminology.hl7.org/CodeSystem/evidence-quality";
    private static final String LOCAL_SYSTEM = "https://guideline-kb.io/fhir/CodeSystem/lbp";
    static final String OVERRIDE_SYSTEM = LOCAL_SYSTEM + "/override-reason";

    private final GuidelineTexts texts;
    private final KnowledgeBase knowledgeBase;
    private final Language language;

    Cards(GuidelineTexts texts, KnowledgeBase knowledgeBase, Language language) {
        this.texts = texts;
        this.knowledgeBase = knowledgeBase;
        this.language = language;
    }

    /**
     * What a version must have before it serves: for every guideline, the words of its cards in
     * its {@code guideline.yaml}. A card missing a word would fail the request that needs it.
     */
    static List<String> missingWords(KnowledgeBase knowledgeBase) {
        return GuidelineTexts.missing(knowledgeBase.guidelines(), knowledgeBase::texts, TextKey.forCards(), "its cards need");
    }

    /**
     * A card and what it is about: the recommendation or alert, and the orders it concerns, so that a
     * card acknowledged in an encounter is not shown again for the same orders.
     *
     * @param json     the card as CDS Hooks sends it
     * @param about    the recommendation's or alert's id, or the card's kind ({@code undetermined}, {@code patient-view})
     * @param orders   the orders it concerns ({@code Type/id}), none for a card about the patient
     * @param critical true for a card that is shown however often it was acknowledged
     */
    record Card(ObjectNode json, String about, List<String> orders, boolean critical) {
        Card {
            orders = List.copyOf(orders);
        }
    }

    /** The cards; {@code result} is {@code null} when nothing made an episode. */
    List<Card> cards(String hook, EpisodeResult result, FhirMapping mapping) {
        List<Card> cards = new ArrayList<>();
        if (result == null) {
            return cards;
        }
        for (Alert alert : result.alerts()) {
            cards.add(new Card(alert(alert, result, mapping), "alert:" + alert.id(), List.of(), alert.critical()));
        }
        if (result.status() == ScopeStatus.UNDETERMINED && !hook.equals("patient-view")
                && concernedOrderProposed(result, mapping)) {
            cards.add(new Card(undetermined(result), "undetermined", concernedOrders(mapping), false));
        }
        if (result.status() != ScopeStatus.IN_SCOPE) {
            return cards;
        }
        if (hook.equals("patient-view")) {
            cards.add(new Card(new PatientViewCard(this, texts, knowledgeBase, language).card(result, mapping),
                    "patient-view", List.of(), false));
            return cards;
        }
        for (Recommendation r : result.triggeredAgainst()) {
            if (r.draft()) {
                continue;   // a draft is for authors and audits: the point of care never shows it
            }
            List<String> orders = r.triggeredAgainst().stream().flatMap(i -> mapping.ordersFor(i).stream()).distinct().toList();
            cards.add(new Card(against(r, mapping, result), r.id(), orders, false));
        }
        return cards;
    }

    private List<String> concernedOrders(FhirMapping mapping) {
        Set<String> concerned = knowledgeBase.recommendations().stream().flatMap(d -> d.concerns().stream())
                .collect(Collectors.toSet());
        return mapping.orders().entrySet().stream().filter(e -> concerned.contains(e.getKey()))
                .flatMap(e -> e.getValue().stream()).distinct().toList();
    }

    private boolean concernedOrderProposed(EpisodeResult result, FhirMapping mapping) {
        Set<String> proposed = mapping.orders().keySet();
        return knowledgeBase.recommendations().stream().map(RecommendationDefinition::concerns)
                .anyMatch(concerns -> concerns.stream().anyMatch(proposed::contains));
    }

    private ObjectNode against(Recommendation r, FhirMapping mapping, EpisodeResult result) {
        RecommendationDefinition definition = knowledgeBase.recommendations().stream()
                .filter(d -> d.id().equals(r.id())).findFirst().orElseThrow();
        List<String> orders = r.triggeredAgainst().stream().flatMap(i -> mapping.ordersFor(i).stream()).distinct().toList();
        ObjectNode card = card(definition.summary(language), r.id(), "warning", result.guideline());
        // in the clinician's words: what was ordered by its name, no resource id, file or rule name (the
        // extension keeps those for the integrator)
        card.put("detail", "**" + markdown(r.id()) + "** " + markdown(language.pick(r.textDa(), r.textEn())) + "\n\n"
                + texts.card(CardWord.STRENGTH) + ": " + r.strength().symbol() + " " + strengthWords(r.strength())
                + "  \n" + texts.card(CardWord.EVIDENCE) + ": " + evidence(r.evidence()) + "  \n"
                + texts.card(CardWord.ORDERED_BY) + ": " + markdown(ordered(r, mapping))
                + standing(r.review().orElse(result.guideline().review()))
                + (r.notes().rationale(language) == null ? "" : "\n\n" + texts.card(CardWord.RATIONALE) + ": "
                + markdown(r.notes().rationale(language))));
        // what the panel cites, after the guideline itself
        r.notes().references().forEach(reference -> ((ArrayNode) card.get("links")).addObject()
                .put("label", reference.citation()).put("url", reference.url()).put("type", "absolute"));
        ArrayNode suggestions = card.putArray("suggestions");
        for (String intervention : r.triggeredAgainst()) {
            for (String order : mapping.ordersFor(intervention)) {
                String named = mapping.displayOf(order).orElse(label(intervention));
                ObjectNode suggestion = suggestions.addObject().put("label", texts.card(CardWord.REMOVE)
                        + ": " + named).put("uuid", UUID.randomUUID().toString());
                suggestion.putArray("actions").addObject().put("type", "delete")
                        .put("description", texts.card(CardWord.REMOVE_DESCRIPTION) + ": " + named)
                        .put("resourceId", order);
            }
        }
        card.put("selectionBehavior", orders.size() > 1 ? "any" : "at-most-one");
        ArrayNode reasons = card.putArray("overrideReasons");
        for (io.guidelinekb.model.OverrideReason reason : texts.overrideReasons()) {
            reasons.addObject().put("system", OVERRIDE_SYSTEM).put("code", reason.code()).put("display", reason.display());
        }
        card.set("extension", extension(r, result));
        return card;
    }

    /**
     * What was ordered against a recommendation, each order by its own words with what the guideline
     * calls it ("Tramadol 50 mg (opioider)"), each once: two orders one recommendation covers are one card.
     */
    private String ordered(Recommendation r, FhirMapping mapping) {
        List<String> named = new ArrayList<>();
        for (String intervention : r.triggeredAgainst()) {
            List<String> orders = mapping.ordersFor(intervention);
            List<String> shown = orders.stream().map(mapping::displayOf).flatMap(java.util.Optional::stream).distinct().toList();
            if (shown.isEmpty() || shown.size() < orders.size()) {
                named.add(label(intervention));
            }
            shown.forEach(display -> named.add(display + " (" + label(intervention) + ")"));
        }
        return String.join(", ", named.stream().distinct().toList());
    }

    /** What the guideline calls an intervention, in the card's language (its vocabulary.yaml). */
    String label(String intervention) {
        return knowledgeBase.vocabulary().label(io.guidelinekb.model.Vocabulary.Section.INTERVENTIONS, intervention,
                language);
    }

    /** Markdown's own characters escaped, so that a text is shown as written and never as markup or a link. */
    static String markdown(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\`*_[]<>#|~".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A rule file as the guideline folder knows it ({@code nkr-lbp-2016/04-imaging.drl}): never the server's own path. */
    static String withinRules(String file) {
        if (file == null) {
            return "";
        }
        String[] parts = file.replace('\\', '/').split("/");
        return parts.length < 2 ? file : parts[parts.length - 2] + "/" + parts[parts.length - 1];
    }

    /** Where the advice stands with its publisher, when it is not simply current: a clinician weighs it by this. */
    String standing(Review review) {
        if (!review.needsAttention()) {
            return "";
        }
        return "\n\n**" + texts.card(CardWord.STATUS) + ": " + review.status().label(language) + ".** "
                + (review.noteDa() == null ? "" : review.note(language))
                + (review.link() == null ? "" : " [" + markdown(texts.text(TextKey.TITLE)) + "](" + review.link() + ")");
    }

    private ObjectNode extension(Recommendation r, EpisodeResult result) {
        ObjectNode extension = JSON.createObjectNode();
        ObjectNode ours = extension.putObject("io.guidelinekb");
        ours.put("recommendation", r.id());
        ours.put("rule", r.provenance().rule());
        ours.put("file", withinRules(r.provenance().file()));
        ours.putObject("guideline").put("id", result.guideline().id()).put("version", result.guideline().version())
                .put("status", result.guideline().review().status().code());
        r.review().ifPresent(review -> ours.put("recommendationStatus", review.status().code()));
        ObjectNode strength = ours.putObject("strength");
        if (r.strength() == Strength.GOOD_PRACTICE) {
            strength.put("system", LOCAL_SYSTEM).put("code", "good-practice");
        } else {
            boolean strong = r.strength() == Strength.STRONG_FOR || r.strength() == Strength.STRONG_AGAINST;
            boolean against = r.strength() == Strength.WEAK_AGAINST || r.strength() == Strength.STRONG_AGAINST;
            strength.put("system", STRENGTH_SYSTEM).put("code", strong ? "strong" : "weak");
            ours.putObject("direction").put("system", DIRECTION_SYSTEM).put("code", against ? "against" : "for");
        }
        strength.put("symbol", r.strength().symbol());
        if (r.evidence() != EvidenceGrade.NONE) {
            ours.putObject("certainty").put("system", CERTAINTY_SYSTEM)
                    .put("code", r.evidence().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                    .put("symbol", r.evidence().symbol());
        }
        ours.put("knowledgeBaseVersion", result.knowledgeBaseVersion());
        return extension;
    }

    private ObjectNode undetermined(EpisodeResult result) {
        ObjectNode card = card(texts.card(CardWord.UNDETERMINED_SUMMARY), null, "info", result.guideline());
        StringBuilder detail = new StringBuilder(texts.card(CardWord.UNDETERMINED_INTRO)).append("\n");
        for (String reason : result.reasons()) {
            detail.append("\n- ").append(texts.has(TextKey.missingDatum(reason)) ? texts.text(TextKey.missingDatum(reason))
                    : knowledgeBase.vocabulary().label(io.guidelinekb.model.Vocabulary.Section.SCOPE_REASONS, reason,
                    language));
        }
        card.put("detail", detail.toString());
        return card;
    }

    private String strengthWords(Strength strength) {
        return texts.text(TextKey.strength(strength));
    }

    private String evidence(EvidenceGrade grade) {
        return (grade == EvidenceGrade.NONE ? "" : grade.symbol() + " ") + texts.text(TextKey.evidence(grade));
    }

    /**
     * An alert's card: its whole text (a summary is cut at 140 characters) and the reasons behind it,
     * the referral it offers as a draft order, and a link to what applies instead of the guideline.
     */
    private ObjectNode alert(Alert alert, EpisodeResult result, FhirMapping mapping) {
        String text = language.pick(alert.textDa(), alert.textEn());
        ObjectNode card = card(text, null, alert.critical() ? "critical" : "warning", result.guideline());
        String reasons = result.reasons().stream().map(reason -> knowledgeBase.vocabulary().label(
                io.guidelinekb.model.Vocabulary.Section.SCOPE_REASONS, reason, language)).collect(Collectors.joining(", "));
        card.put("detail", "**" + markdown(text) + "**" + (reasons.isEmpty() ? ""
                : "\n\n" + texts.card(CardWord.REASONS) + ": " + markdown(reasons)));
        io.guidelinekb.model.AlertAction action = knowledgeBase.vocabulary().alertAction(alert.id());
        String referral = action.referral(language);
        if (referral != null && mapping.input().isPresent()) {
            ObjectNode suggestion = card.putArray("suggestions").addObject()
                    .put("label", texts.card(CardWord.REFER) + ": " + referral)
                    .put("uuid", UUID.randomUUID().toString()).put("isRecommended", true);
            ObjectNode order = suggestion.putArray("actions").addObject().put("type", "create")
                    .put("description", referral).putObject("resource");
            order.put("resourceType", "ServiceRequest").put("status", "draft").put("intent", "proposal")
                    .put("priority", alert.critical() ? "stat" : "urgent");
            order.putObject("code").put("text", referral);
            order.putObject("subject").put("reference", "Patient/" + mapping.input().get().patient().id());
            card.put("selectionBehavior", "at-most-one");
        }
        if (action.linkUrl() != null) {
            // what applies instead: the guideline that does not apply is not where to read on
            ArrayNode links = card.putArray("links");
            links.addObject().put("label", action.linkTitle(language)).put("url", action.linkUrl()).put("type", "absolute");
        }
        return card;
    }

    ObjectNode card(String summary, String topic, String indicator, Guideline guideline) {
        ObjectNode card = JSON.createObjectNode();
        card.put("uuid", UUID.randomUUID().toString());
        card.put("summary", summary.length() < 140 ? summary : summary.substring(0, 138) + "…");
        card.put("indicator", indicator);
        // the source's label is what an EHR shows beside every card: which version, and whether it stands
        String label = texts.card(CardWord.LABEL) + (guideline.version() == null ? "" : " v" + guideline.version())
                + (guideline.review().needsAttention() ? " (" + guideline.review().status().label(language) + ")" : "");
        String url = texts.text(TextKey.SOURCE).split("\\s")[0];
        ObjectNode source = card.putObject("source").put("label", label).put("url", url);
        // every card links to the guideline, the same address on each: where a clinician reads the whole of it
        card.putArray("links").addObject().put("label", texts.text(TextKey.TITLE)).put("url", url).put("type", "absolute");
        if (topic != null) {
            source.putObject("topic").put("system", LOCAL_SYSTEM + "/recommendation").put("code", topic)
                    .put("display", topic);
        }
        return card;
    }
}
