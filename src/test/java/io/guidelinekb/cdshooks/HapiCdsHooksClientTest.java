package io.guidelinekb.cdshooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceIndicatorEnum;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseCardJson;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseJson;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServicesJson;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Discovery and every kind of card, read by a real client's models: HAPI FHIR's CDS Hooks JSON
 * classes (8.8.0), with a plain Jackson mapper of their own. What they cannot carry is exactly
 * what docs/cds-hooks.md says they cannot.
 */
@io.guidelinekb.IntegrationTest
class HapiCdsHooksClientTest {

    @org.junit.jupiter.api.io.TempDir
    static java.nio.file.Path temp;

    @org.junit.jupiter.api.BeforeAll
    static void start() throws Exception {
        CdsHooksServerTest.temp = temp;
        CdsHooksServerTest.start();   // the same service on loopback, with its FHIR stub
    }

    @org.junit.jupiter.api.AfterAll
    static void stop() throws Exception {
        CdsHooksServerTest.stop();
    }

    /** The fields HAPI's models have no place for, by the class that met them. */
    private static final class Unread extends DeserializationProblemHandler {
        final Set<String> fields = new TreeSet<>();

        @Override
        public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                                             JsonDeserializer<?> deserializer, Object bean, String property)
                throws java.io.IOException {
            fields.add(bean.getClass().getSimpleName() + "." + property);
            parser.skipChildren();
            return true;
        }
    }

    @Test
    void discoveryAndEveryKindOfCardReadWithHapisModels() throws Exception {
        Unread unread = new Unread();
        // a create action carries a FHIR resource, which HAPI's models type as IBaseResource: a HAPI
        // client reads it with HAPI's own FHIR parser, as this one does
        ObjectMapper mapper = new ObjectMapper().addHandler(unread).registerModule(new com.fasterxml.jackson.databind.module
                .SimpleModule().addDeserializer(org.hl7.fhir.instance.model.api.IBaseResource.class,
                new JsonDeserializer<org.hl7.fhir.instance.model.api.IBaseResource>() {
                    @Override
                    public org.hl7.fhir.instance.model.api.IBaseResource deserialize(JsonParser parser,
                            DeserializationContext context) throws java.io.IOException {
                        return ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser()
                                .parseResource(parser.readValueAsTree().toString());
                    }
                }));
        CdsServicesJson services = mapper.readValue(CdsHooksServerTest.get("/cds-services").body(), CdsServicesJson.class);
        assertEquals(List.of("fixture-lbp-patient-view", "fixture-lbp-order-select", "fixture-lbp-order-sign"),
                services.getServices().stream().map(s -> s.getId()).toList());

        ObjectNode mri = CdsHooksServerTest.example("order-select-lumbar-mri.json");
        CdsServiceResponseCardJson warning = only(mapper, CdsHooksServerTest.ORDER_SELECT, mri);
        assertEquals(CdsServiceIndicatorEnum.WARNING, warning.getIndicator());
        assertEquals("FIX-LBP-04", warning.getSource().getTopic().getCode());
        assertEquals("Fjern bestillingen: MR Lumbar spine", warning.getSuggestions().get(0).getLabel());
        assertEquals("delete", warning.getSuggestions().get(0).getActions().get(0).getType());
        assertEquals("https://www.sst.dk/nkr", warning.getLinks().get(0).getUrl());
        assertEquals("clinical-judgement", warning.getOverrideReasons().get(0).getCode());

        ObjectNode caudaEquina = mri.deepCopy();
        ((ArrayNode) caudaEquina.at("/prefetch/conditions/entry")).addObject().putObject("resource")
                .put("resourceType", "Condition").put("id", "ce").putObject("code").putArray("coding").addObject()
                .put("system", "http://hl7.org/fhir/sid/icd-10").put("code", "G83.4");
        CdsServiceResponseCardJson critical = only(mapper, CdsHooksServerTest.ORDER_SELECT, caudaEquina);
        assertEquals(CdsServiceIndicatorEnum.CRITICAL, critical.getIndicator());
        assertEquals("create", critical.getSuggestions().get(0).getActions().get(0).getType());
        assertEquals("ServiceRequest", critical.getSuggestions().get(0).getActions().get(0).getResource().fhirType());

        ObjectNode undetermined = mri.deepCopy();
        ((ObjectNode) undetermined.at("/prefetch/patient")).remove("birthDate");
        assertEquals(CdsServiceIndicatorEnum.INFO, only(mapper, CdsHooksServerTest.ORDER_SELECT, undetermined)
                .getIndicator());

        ObjectNode patientView = mri.deepCopy().put("hook", "patient-view");
        ((ObjectNode) patientView.get("context")).remove(List.of("draftOrders", "selections"));
        assertEquals(CdsServiceIndicatorEnum.INFO, only(mapper, "/cds-services/fixture-lbp-patient-view", patientView)
                .getIndicator());

        // what HAPI's models have no place for, as docs/cds-hooks.md says: the delete action's resourceId
        // (HAPI 8.8.0 models an action's resource, not its id); discovery, links and the card's extension are read
        // and discovery's usageRequirements (CDS Hooks 2.0), which HAPI 8.8.0's service model lacks
        assertEquals(Set.of("CdsServiceJson.usageRequirements", "CdsServiceResponseSuggestionActionJson.resourceId"),
                unread.fields);
    }

    private static CdsServiceResponseCardJson only(ObjectMapper mapper, String path, ObjectNode request) throws Exception {
        var response = CdsHooksServerTest.post(path, request.toString());
        assertEquals(200, response.statusCode(), response.body());
        CdsServiceResponseJson cards = mapper.readValue(response.body(), CdsServiceResponseJson.class);
        assertEquals(1, cards.getCards().size(), response.body());
        return cards.getCards().get(0);
    }
}
