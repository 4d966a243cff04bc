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

    /** Decimals as {@code BigDecimal}: FHIR's decimals are exact, and HAPI reads them from these trees. */
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
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
            return new Parsed((Resource) parse(parser, node), invalid);
        } catch (DataFormatException | ClassCastException | IllegalArgumentException e) {
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
    static List<Parsed> entries(JsonNode bundle, List<String> notes, String source) throws FhirInputException {
        JsonNode entry = bundle.path("entry");
        if (!entry.isMissingNode() && !entry.isNull() && !entry.isArray()) {
            throw new FhirInputException(source + ".entry: expected a list of entries, got "
                    + entry.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        List<Parsed> whole = whole(bundle);
        return whole != null ? whole : eachEntry(bundle, notes, source);
    }

    /**
     * Every entry's resource read from the tree as it is, or {@code null} when one does not parse
     * or has a value that does not (then each is read on its own, with a note for what is skipped).
     * Entry by entry, not the Bundle whole: HAPI would give a resource its entry's fullUrl as id.
     */
    private static List<Parsed> whole(JsonNode bundle) {
        JsonNode entries = bundle.path("entry");
        if (!entries.isArray() || entries.isEmpty()) {
            return entries.isMissingNode() || entries.isEmpty() ? List.of() : null;
        }
        List<Parsed> resources = new ArrayList<>(entries.size());
        Map<String, String> invalid = new LinkedHashMap<>();
        IParser parser = context().newJsonParser();
        parser.setParserErrorHandler(new Collecting(invalid));
        try {
            for (JsonNode entry : entries) {
                if (entry.path("resource").isObject()) {
                    resources.add(new Parsed((Resource) parse(parser, entry.get("resource")), Map.of()));
                }
            }
            return invalid.isEmpty() ? resources : null;
        } catch (DataFormatException | ClassCastException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * HAPI reads the tree already parsed, rather than the tree written out as text and parsed again:
     * about a third of reading FHIR in the CDS Hooks service. Decimals stay exact because the trees
     * are read with {@link #JSON}, which keeps them as {@code BigDecimal}, as HAPI's own reader does.
     */
    private static org.hl7.fhir.instance.model.api.IBaseResource parse(IParser parser, JsonNode node) {
        if (!(node instanceof com.fasterxml.jackson.databind.node.ObjectNode object)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        ca.uhn.fhir.parser.json.jackson.JacksonStructure structure = new ca.uhn.fhir.parser.json.jackson.JacksonStructure();
        structure.setNativeObject(object);
        return ((ca.uhn.fhir.parser.IJsonLikeParser) parser).parseResource(structure);
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
