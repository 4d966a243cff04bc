package io.guidelinekb.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guidelinekb.util.SyntaxMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Resource;

/**
 * Reads FHIR R4 JSON leniently, one resource at a time: a resource HAPI cannot read (an R4 type
 * that does not exist, such as DSTU2's MedicationOrder) is skipped with a note instead of failing
 * the whole request, and values that do not parse are kept per element so that the mapping can
 * refuse the ones it needs (a birth date) and ignore the rest.
 */
final class FhirJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile FhirContext context;

    /** A resource read, with the values in it that did not parse, by element name. */
    record Parsed(Resource resource, Map<String, String> invalidValues) {
    }

    private FhirJson() {
    }

    /** HAPI's R4 context is costly to make (about a second) and thread-safe: one for the process. */
    static FhirContext context() {
        FhirContext made = context;
        if (made == null) {
            synchronized (FhirJson.class) {
                made = context;
                if (made == null) {
                    made = FhirContext.forR4Cached();
                    context = made;
                }
            }
        }
        return made;
    }

    static JsonNode tree(String json, String source) throws FhirInputException {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.isObject()) {
                throw new FhirInputException(source + ": expected a JSON object, got "
                        + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
            }
            return root;
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
            throw new FhirInputException(source + at + ": not JSON: " + SyntaxMessage.readable(e.getOriginalMessage()));
        }
    }

    /** One resource, or a note saying why it was skipped. */
    static Parsed resource(JsonNode node, List<String> notes, String where) {
        Map<String, String> invalid = new LinkedHashMap<>();
        IParser parser = context().newJsonParser();
        parser.setParserErrorHandler(new Collecting(invalid));
        try {
            return new Parsed((Resource) parser.parseResource(JSON.writeValueAsString(node)), invalid);
        } catch (DataFormatException | ClassCastException | JsonProcessingException e) {
            notes.add(where + " skipped: not an R4 resource this knowledge base reads ("
                    + node.path("resourceType").asText("no resourceType") + ")");
            return null;
        }
    }

    /** Lenient, and silent, on everything, but keeps the values that did not parse. */
    private static final class Collecting extends LenientErrorHandler {
        private final Map<String, String> invalid;

        Collecting(Map<String, String> invalid) {
            super(false);
            setErrorOnInvalidValue(false);
            this.invalid = invalid;
        }

        @Override
        public void invalidValue(IParseLocation location, String value, String error) {
            invalid.putIfAbsent(location == null ? "?" : location.getParentElementName(), value);
        }
    }

    /**
     * The resources of a Bundle's entries (a Bundle without {@code type} or entries without
     * {@code fullUrl} too). The whole Bundle is parsed at once; only when that fails, or a value in
     * it does not parse, is each entry parsed on its own, so that one bad entry is skipped or
     * named by itself.
     */
    static List<Parsed> entries(JsonNode bundle, List<String> notes, String source) {
        List<Parsed> whole = whole(bundle);
        return whole != null ? whole : eachEntry(bundle, notes, source);
    }

    private static List<Parsed> whole(JsonNode bundle) {
        JsonNode entries = bundle.path("entry");
        if (!entries.isArray() || entries.isEmpty()) {
            return entries.isMissingNode() || entries.isEmpty() ? List.of() : null;
        }
        Map<String, String> invalid = new LinkedHashMap<>();
        IParser parser = context().newJsonParser();
        parser.setParserErrorHandler(new Collecting(invalid));
        try {
            org.hl7.fhir.r4.model.Bundle parsed = (org.hl7.fhir.r4.model.Bundle) parser.parseResource(
                    JSON.writeValueAsString(bundle));
            List<Parsed> resources = new ArrayList<>(parsed.getEntry().size());
            for (org.hl7.fhir.r4.model.Bundle.BundleEntryComponent entry : parsed.getEntry()) {
                if (entry.getResource() != null) {
                    resources.add(new Parsed(entry.getResource(), Map.of()));
                }
            }
            long given = 0;
            for (JsonNode entry : entries) {
                given += entry.path("resource").isObject() ? 1 : 0;
            }
            return invalid.isEmpty() && resources.size() == given ? resources : null;
        } catch (DataFormatException | ClassCastException | JsonProcessingException e) {
            return null;
        }
    }

    private static List<Parsed> eachEntry(JsonNode bundle, List<String> notes, String source) {
        List<Parsed> resources = new ArrayList<>();
        JsonNode entries = bundle.path("entry");
        for (int i = 0; i < entries.size(); i++) {
            JsonNode resource = entries.get(i).path("resource");
            if (resource.isObject()) {
                Parsed parsed = resource(resource, notes, source + " entry[" + i + "]");
                if (parsed != null) {
                    resources.add(parsed);
                }
            }
        }
        return resources;
    }
}
