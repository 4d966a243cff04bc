package io.guidelinekb.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * A hook's request, read once: its JSON, and the fields every step after needs, checked.
 *
 * @param json         the request as sent
 * @param hook         the hook it says it is
 * @param hookInstance the call's id, bounded for logs
 * @param patientId    {@code context.patientId}, a FHIR id
 * @param user         {@code context.userId} when short enough to keep, else null
 * @param encounter    {@code context.encounterId} when a FHIR id, else null: the span within which an
 *                     answered card is not repeated
 */
record HookRequest(ObjectNode json, String hook, String hookInstance, String patientId, String user, String encounter) {

    /** A request that cannot be answered: what the 400 says. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads a request's JSON, refusing a key given twice (which of two "hook"s would count?). */
    private static final com.fasterxml.jackson.databind.ObjectReader STRICT = Cards.JSON.reader()
            .with(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    /** A FHIR id (R4: 1 to 64 of letters, digits, '-' and '.'), and not one that is only dots, a path's "..". */
    private static final java.util.regex.Pattern FHIR_ID = java.util.regex.Pattern.compile("(?!\\.+$)[A-Za-z0-9\\-.]{1,64}");

    /**
     * Reads a request sent to {@code service}.
     *
     * @throws Refused naming the field that is missing or wrong, or saying the body is not JSON
     */
    static HookRequest read(byte[] body, ServiceCatalog.ServiceId service) throws Refused {
        ObjectNode request;
        try {
            JsonNode parsed = STRICT.readTree(body);
            if (parsed == null || !parsed.isObject()) {
                throw new Refused("request body: expected a JSON object");
            }
            request = (ObjectNode) parsed;
        } catch (com.fasterxml.jackson.core.JsonParseException e) {
            throw new Refused(e.getOriginalMessage().startsWith("Duplicate field")
                    ? "request body: " + ServiceLog.escape(e.getOriginalMessage()) : "request body: not JSON");
        } catch (IOException e) {
            throw new Refused("request body: not JSON");
        }
        String missing = missingField(request);
        if (missing != null) {
            throw new Refused(missing);
        }
        String hookInstance = AuditLog.hookInstance(request.get("hookInstance").asText());
        ServiceLog.hookInstance(hookInstance);
        if (!service.hook().equals(request.get("hook").asText())) {
            throw new Refused("hook: \"" + ServiceLog.escape(request.get("hook").asText()) + "\" was sent to the "
                    + service.hook() + " service " + service.id());
        }
        return new HookRequest(request, service.hook(), hookInstance, request.path("context").path("patientId").asText(),
                userOf(request), encounterOf(request));
    }

    private static String userOf(ObjectNode request) {
        String user = request.path("context").path("userId").asText(null);
        return user != null && user.length() <= 200 ? user : null;
    }

    private static String encounterOf(ObjectNode request) {
        String encounter = request.path("context").path("encounterId").asText(null);
        return encounter != null && FHIR_ID.matcher(encounter).matches() ? encounter : null;
    }

    /** What is missing or wrong in a request's required fields, as the 400 says it; null when nothing. */
    private static String missingField(ObjectNode request) {
        if (!request.hasNonNull("hook") || !request.get("hook").isTextual()) {
            return "hook: missing";
        }
        if (!request.hasNonNull("hookInstance") || !request.get("hookInstance").isTextual()) {
            return "hookInstance: missing";
        }
        if (!request.path("context").path("patientId").isTextual()) {
            return "context.patientId: missing";
        }
        if (!FHIR_ID.matcher(request.path("context").path("patientId").asText()).matches()) {
            return "context.patientId: not a FHIR id (1 to 64 letters, digits, - and ., not only dots)";
        }
        return null;
    }
}
