package io.guidelinekb.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Feedback as CDS Hooks 2.0 says: about a card this service issued; accepted suggestions among the
 * card's own; an override reason among those the card offered; {@code outcomeTimestamp} an instant.
 * Anything else is a 4xx naming what is wrong, and nothing of the request is recorded. The same
 * feedback twice is recorded and counted once. What a CDS committee reviews each month is counted by
 * recommendation: cards shown ({@link HookService}), accepted, and overridden by reason.
 */
final class Feedback {

    /** A clinician acts on a few cards at once; more in one request only fill the audit log. */
    static final int MAX_ITEMS = 50;

    private final IssuedCards issued;
    private final AuditLog audit;
    private final Clock clock;
    private final ServiceMetrics metrics;

    Feedback(IssuedCards issued, AuditLog audit, Clock clock, ServiceMetrics metrics) {
        this.issued = issued;
        this.audit = audit;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** One checked item: the card it is about, and what the clinician did. */
    private record Item(IssuedCards.Issued card, String uuid, String outcome, String reason, List<String> accepted,
                        String outcomeTimestamp) {
        String answer() {
            return outcome + "|" + reason + "|" + new TreeSet<>(accepted);
        }
    }

    HookService.Answer receive(String serviceId, byte[] body) {
        JsonNode request;
        try {
            request = Cards.JSON.readTree(body);
        } catch (IOException e) {
            return HookService.Answer.error(400, "request body: not JSON");
        }
        if (request == null || !request.path("feedback").isArray()) {
            return HookService.Answer.error(400, "feedback: missing; expected a list of card outcomes");
        }
        if (request.get("feedback").size() > MAX_ITEMS) {
            return HookService.Answer.error(400, "feedback: at most " + MAX_ITEMS + " card outcomes in one request");
        }
        List<Item> items = new ArrayList<>();
        int index = 0;
        for (JsonNode item : request.get("feedback")) {
            Object checked = checked(item, serviceId, "feedback[" + index++ + "]");
            if (checked instanceof HookService.Answer refused) {
                return refused;
            }
            items.add((Item) checked);
        }
        for (Item item : items) {
            if (issued.firstAnswer(item.uuid(), item.answer())) {
                record(serviceId, item);
            }
        }
        return new HookService.Answer(200, Cards.JSON.createObjectNode());
    }

    /** The item, or the answer that refuses it. */
    private Object checked(JsonNode item, String serviceId, String where) {
        String outcome = item.path("outcome").asText("");
        if (!item.path("card").isTextual() || !List.of("accepted", "overridden").contains(outcome)) {
            return HookService.Answer.error(400, where + ": needs card and outcome (accepted or overridden)");
        }
        String uuid = item.get("card").asText();
        IssuedCards.Issued card = issued.card(uuid, serviceId);
        if (card == null) {
            return HookService.Answer.error(404, where + ": card \"" + ServiceLog.escape(uuid) + "\" was not issued by "
                    + "this service (it remembers its last " + IssuedCards.KEPT + " cards)");
        }
        JsonNode reason = item.path("overrideReason").path("reason");
        String code = reason.path("code").isTextual() ? reason.get("code").asText() : null;
        if (!reason.isMissingNode() && (code == null || !card.reasons().contains(code)
                || reason.has("system") && !Cards.OVERRIDE_SYSTEM.equals(reason.path("system").asText()))) {
            return HookService.Answer.error(400, where + ": overrideReason is not one the card offered; it offered "
                    + (card.reasons().isEmpty() ? "none" : String.join(", ", new TreeSet<>(card.reasons()))
                    + " (system " + Cards.OVERRIDE_SYSTEM + ")"));
        }
        if (code != null && outcome.equals("accepted")) {
            return HookService.Answer.error(400, where + ": an override reason goes with outcome overridden");
        }
        List<String> accepted = new ArrayList<>();
        for (JsonNode suggestion : item.path("acceptedSuggestions")) {
            String id = suggestion.path("id").asText("");
            if (!card.suggestions().contains(id)) {
                return HookService.Answer.error(400, where + ": acceptedSuggestions: \"" + ServiceLog.escape(id)
                        + "\" is not a suggestion of this card");
            }
            accepted.add(id);
        }
        String timestamp = null;
        if (item.has("outcomeTimestamp")) {
            try {
                timestamp = Instant.parse(item.path("outcomeTimestamp").asText("")).toString();
            } catch (DateTimeParseException e) {
                return HookService.Answer.error(400, where + ": outcomeTimestamp: expected an instant such as "
                        + "2026-03-10T12:01:00Z");
            }
        }
        return new Item(card, uuid, outcome, code, accepted, timestamp);
    }

    private void record(String serviceId, Item item) {
        ObjectNode line = Cards.JSON.createObjectNode().put("time", Instant.now(clock).toString())
                .put("event", "feedback").put("service", serviceId).put("card", item.uuid())
                .put("about", item.card().about()).put("outcome", item.outcome());
        if (item.outcomeTimestamp() != null) {
            line.put("outcomeTimestamp", item.outcomeTimestamp());
        }
        if (item.reason() != null) {
            line.put("overrideReason", item.reason());
            line.put("overrideReasonSystem", Cards.OVERRIDE_SYSTEM);
        }
        ArrayNode accepted = line.putArray("acceptedSuggestions");
        item.accepted().forEach(accepted::add);
        audit.write(line);
        issued.acknowledge(item.uuid());
        metrics.cardOutcome(item.card().about(), item.outcome(), item.reason());
    }
}
