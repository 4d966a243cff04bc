package io.guidelinekb.engine;

import io.guidelinekb.model.EpisodeResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.model.Alert;
import io.guidelinekb.model.Guideline;
import io.guidelinekb.model.Recommendation;
import io.guidelinekb.model.Review;

/**
 * A result as a Jackson tree, in the shape the command line writes ({@code evaluate --format json}) and
 * {@code docs/result.schema.json} describes: everything an {@link EpisodeResult} holds, dates as
 * ISO text, codes with their symbols beside them.
 */
public final class ResultTree {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ResultTree() {
    }

    /**
     * The result as a Jackson tree, for a caller that adds to it.
     *
     * @param result the result
     * @return a new tree, the caller's to change
     */
    public static ObjectNode of(EpisodeResult result) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("patientId", result.patientId());
        node.put("episodeId", result.episodeId());
        node.put("asOf", result.asOf().toString());
        node.put("knowledgeBaseVersion", result.knowledgeBaseVersion());
        node.set("guideline", guideline(result.guideline()));
        ObjectNode scope = node.putObject("scope");
        scope.put("status", result.status().name());
        ArrayNode reasons = scope.putArray("reasons");
        result.reasons().forEach(reasons::add);
        ArrayNode alerts = node.putArray("alerts");
        for (Alert alert : result.alerts()) {
            alerts.addObject().put("id", alert.id()).put("level", alert.level().name())
                    .put("textDa", alert.textDa()).put("textEn", alert.textEn());
        }
        ArrayNode recommendations = node.putArray("recommendations");
        result.recommendations().forEach(r -> recommendations.add(toJson(r)));
        return node;
    }

    private static ObjectNode toJson(Recommendation r) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", r.id());
        node.put("strength", r.strength().name());
        node.put("strengthSymbol", r.strength().symbol());
        node.put("evidence", r.evidence().name());
        node.put("evidenceSymbol", r.evidence().symbol());
        node.put("section", r.section());
        node.put("textDa", r.textDa());
        node.put("textEn", r.textEn());
        node.put("triggered", r.triggered());
        ArrayNode triggeredBy = node.putArray("triggeredBy");
        r.triggeredBy().forEach(triggeredBy::add);
        ArrayNode against = node.putArray("triggeredAgainst");
        r.triggeredAgainst().forEach(against::add);
        ArrayNode with = node.putArray("triggeredWith");
        r.triggeredWith().forEach(with::add);
        r.review().ifPresent(review -> node.set("review", review(review)));
        if (r.draft()) {
            node.put("status", "draft");   // given to authors and audits, never shown at the point of care
        }
        if (!r.notes().isEmpty()) {
            node.set("notes", notes(r.notes()));
        }
        node.putObject("provenance")
                .put("rule", r.provenance().rule())
                .put("file", r.provenance().file())
                .put("knowledgeBaseVersion", r.provenance().knowledgeBaseVersion());
        return node;
    }

    /** What the panel wrote besides the text, as far as it wrote it. */
    private static ObjectNode notes(io.guidelinekb.model.PanelNotes notes) {
        ObjectNode node = MAPPER.createObjectNode();
        if (notes.rationaleDa() != null || notes.rationaleEn() != null) {
            ObjectNode rationale = node.putObject("rationale");
            rationale.put("da", notes.rationaleDa());
            rationale.put("en", notes.rationaleEn());
        }
        ArrayNode references = node.putArray("references");
        notes.references().forEach(r -> references.addObject().put("citation", r.citation()).put("url", r.url()));
        if (!notes.pico().isEmpty()) {
            node.putObject("pico").put("population", notes.pico().population())
                    .put("intervention", notes.pico().intervention()).put("comparison", notes.pico().comparison())
                    .put("outcomes", notes.pico().outcomes());
        }
        return node;
    }

    /** What a clinician needs to weigh the advice: which guideline, which version, where it stands. */
    private static ObjectNode guideline(Guideline guideline) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", guideline.id());
        node.put("version", guideline.version());
        node.putObject("title").put("da", guideline.titleDa()).put("en", guideline.titleEn());
        node.put("publisher", guideline.publisher());
        node.put("published", guideline.published());
        node.put("source", guideline.source());
        node.set("review", review(guideline.review()));
        return node;
    }

    private static ObjectNode review(Review review) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("status", review.status().code());
        if (review.noteDa() != null) {
            node.putObject("note").put("da", review.noteDa()).put("en", review.noteEn());
        }
        if (review.link() != null) {
            node.put("link", review.link());
        }
        return node;
    }
}
