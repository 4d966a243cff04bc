package io.guidelinekb.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.ReloadingKnowledgeBase;
import io.guidelinekb.cdshooks.CdsHooksServer;
import io.guidelinekb.cdshooks.ServiceOptions;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Cards a GP sees per encounter, over a set of typical encounters: the chart opened twice
 * (patient-view), the orders selected (order-select, each card answered with an override as a GP
 * would) and signed (order-sign). Played twice on one service on loopback: every call on its own,
 * as the service answered before it remembered encounters, and as one encounter of one clinician.
 */
final class EncounterBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SKS = "urn:oid:1.2.208.176.2.4.12";
    private static final String ATC = "http://www.whocc.no/atc";

    /** Cards per encounter, counted both ways. */
    record Burden(int encounters, double before, double after) {
    }

    private EncounterBench() {
    }

    static Burden run(Path rules) throws Exception {
        ServiceOptions options = new ServiceOptions("127.0.0.1", 0, io.guidelinekb.model.Language.DANISH, null, Map.of(), List.of(), List.of(), null, true);
        Clock clock = Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC);
        try (CdsHooksServer server = CdsHooksServer.start(options, ReloadingKnowledgeBase.load(rules), clock)) {
            List<ObjectNode> encounters = typical();
            int before = 0;
            int after = 0;
            for (int i = 0; i < encounters.size(); i++) {
                before += play(server.uri(), encounters.get(i), null);
                after += play(server.uri(), encounters.get(i), "enc-" + i);
            }
            return new Burden(encounters.size(), (double) before / encounters.size(), (double) after / encounters.size());
        }
    }

    /** One encounter's cards; {@code encounter} null: every call stands alone (a new encounter and clinician). */
    private static int play(URI base, ObjectNode orderSelect, String encounter) throws Exception {
        int shown = 0;
        for (String hook : List.of("patient-view", "patient-view", "order-select", "order-sign")) {
            ObjectNode request = orderSelect.deepCopy().put("hook", hook).put("hookInstance", java.util.UUID.randomUUID().toString());
            ObjectNode context = (ObjectNode) request.get("context");
            context.put("encounterId", encounter != null ? encounter : "alone-" + java.util.UUID.randomUUID());
            context.put("userId", encounter != null ? "Practitioner/gp-" + encounter : "Practitioner/" + java.util.UUID.randomUUID());
            if (hook.equals("patient-view")) {
                context.remove(List.of("draftOrders", "selections"));
            }
            String service = "/cds-services/fixture-lbp-" + hook;
            JsonNode cards = JSON.readTree(post(base, service, request.toString())).get("cards");
            shown += cards.size();
            for (JsonNode card : cards) {
                if (card.has("overrideReasons")) {
                    post(base, service + "/feedback", "{\"feedback\":[{\"card\":\"" + card.get("uuid").asText()
                            + "\",\"outcome\":\"overridden\",\"overrideReason\":{\"reason\":{\"code\":\"clinical-judgement\"}}}]}");
                }
            }
        }
        return shown;
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String post(URI base, String path, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** MRI; MRI and an NSAID; two opioids; a red flag coded in SKS with an MRI; supervised exercise. */
    private static List<ObjectNode> typical() throws Exception {
        ObjectNode mri = example();
        ObjectNode mriAndNsaid = example();
        addMedication(mriAndNsaid, "nsaid-1", "M01AE01", "Ibuprofen 400 mg");
        ObjectNode opioids = example();
        ((ArrayNode) opioids.at("/context/draftOrders/entry")).removeAll();
        ((ArrayNode) opioids.at("/context/selections")).removeAll();
        addMedication(opioids, "tramadol-1", "N02AX02", "Tramadol 50 mg");
        addMedication(opioids, "morphine-1", "N02AA01", "Morfin 10 mg");
        ObjectNode redFlag = example();
        ((ArrayNode) redFlag.at("/prefetch/conditions/entry")).addObject().putObject("resource")
                .put("resourceType", "Condition").put("id", "retention").putObject("code").putArray("coding").addObject()
                .put("system", SKS).put("code", "DR339");
        ObjectNode exercise = example();
        ((ObjectNode) exercise.at("/context/draftOrders/entry/0/resource/code/coding/0"))
                .put("system", "http://snomed.info/sct").put("code", "229065009").put("display", "Exercise therapy");
        return List.of(mri, mriAndNsaid, opioids, redFlag, exercise);
    }

    private static void addMedication(ObjectNode request, String id, String atc, String text) {
        ObjectNode resource = ((ArrayNode) request.at("/context/draftOrders/entry")).addObject().putObject("resource");
        resource.put("resourceType", "MedicationRequest").put("id", id).put("status", "draft").put("intent", "order");
        ObjectNode code = resource.putObject("medicationCodeableConcept").put("text", text);
        code.putArray("coding").addObject().put("system", ATC).put("code", atc);
        resource.putObject("subject").put("reference", "Patient/p-68");
        ((ArrayNode) request.at("/context/selections")).add("MedicationRequest/" + id);
    }

    private static ObjectNode example() throws Exception {
        try (InputStream in = EncounterBench.class.getResourceAsStream("/cds-hooks/order-select-lumbar-mri.json")) {
            return (ObjectNode) JSON.readTree(in);
        }
    }
}
