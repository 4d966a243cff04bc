package io.guidelinekb.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.fhir.FhirMapping;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The audit log's line for a call that was answered. */
final class CallAudit {

    private CallAudit() {
    }

    /**
     * A call's audit line, which explains its cards: which call and clinician, a pseudonym of the
     * patient (never the id), the scope and its reasons, the orders that triggered advice with their
     * codes, and for each card its uuid, what it is about and the rule that gave it, with the version.
     */
    static ObjectNode line(AuditLog audit, Clock clock, String serviceId, HookRequest call, KnowledgeBase kb,
                           EpisodeResult result, List<Cards.Card> cards, FhirMapping mapping, long start) {
        ObjectNode request = call.json();
        ObjectNode line = Cards.JSON.createObjectNode().put("time", Instant.now(clock).toString())
                .put("event", "call").put("service", serviceId)
                .put("hookInstance", call.hookInstance())
                .put("knowledgeBaseVersion", kb.version())
                .put("scope", result == null ? "NO_EPISODE" : result.status().name());
        String user = request.path("context").path("userId").asText(null);
        if (user != null) {
            line.put("user", ServiceLog.escape(user));
        }
        String pseudonym = audit.pseudonym(request.path("context").path("patientId").asText());
        if (pseudonym != null) {
            line.put("patient", pseudonym);
        }
        if (result != null) {
            line.set("reasons", Cards.JSON.valueToTree(result.reasons()));
        }
        ArrayNode orders = line.putArray("orders");
        mapping.orders().forEach((intervention, ids) -> ids.forEach(id -> orders.addObject().put("order", id)
                .put("intervention", intervention).put("codes", mapping.codesOf(id).orElse(""))));
        ArrayNode logged = line.putArray("cards");
        for (Cards.Card card : cards) {
            ObjectNode entry = logged.addObject().put("uuid", card.json().get("uuid").asText())
                    .put("indicator", card.json().get("indicator").asText()).put("about", card.about());
            JsonNode topic = card.json().path("source").path("topic").path("code");
            if (topic.isTextual()) {
                entry.put("recommendation", topic.asText());
            }
            JsonNode rule = card.json().path("extension").path("io.guidelinekb").path("rule");
            if (rule.isTextual()) {
                entry.put("rule", rule.asText());
            }
            card.orders().forEach(entry.putArray("orders")::add);
        }
        line.put("latencyMs", (System.nanoTime() - start) / 1e6);
        return line;
    }
}
