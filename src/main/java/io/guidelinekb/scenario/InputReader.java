package io.guidelinekb.scenario;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.Case;
import io.guidelinekb.fhir.FhirMapping;
import io.guidelinekb.model.Identifiers;
import io.guidelinekb.terminology.TerminologyBindings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Reads what {@code evaluate} takes: scenario files, single records ({@code .yaml}, {@code .json}
 * without {@code name}/{@code expect}) and record streams ({@code .ndjson}, {@code .jsonl}, one
 * JSON object a line).
 */
public final class InputReader {

    /**
     * One case to evaluate, with where it came from ({@code file} or {@code file:line}).
     *
     * @param input     the case; {@code null} for FHIR input in which nothing makes an episode
     * @param decisions for FHIR input, how the resources were read (see {@link io.guidelinekb.fhir.FhirMapping})
     */
    public record Input(String source, String name, Case input, List<String> decisions) {
        public Input {
            decisions = List.copyOf(decisions);
        }

        public Input(String source, String name, Case input) {
            this(source, name, input, List.of());
        }
    }

    private static final String RECORD = "asOf, patient and episode";

    private InputReader() {
    }

    /** Every case in {@code file}; rejects the whole file with all its problems if any is invalid. */
    public static List<Input> read(Path file) throws InvalidInputException {
        return read(file, null, null);
    }

    /**
     * Every case in {@code file}, FHIR R4 Bundles (JSON) too, which are read with {@code bindings}
     * and evaluated as of {@code asOf}; rejects the whole file with all its problems if any is invalid.
     */
    public static List<Input> read(Path file, TerminologyBindings bindings, LocalDate asOf)
            throws InvalidInputException {
        if (Documents.isRecordStream(file)) {
            return readStream(file);
        }
        if (!Documents.isYaml(file) && !Documents.isJson(file)) {
            throw new InvalidInputException(file + ": unknown kind of file; expected .yaml, .yml, .json, .ndjson or .jsonl");
        }
        ObjectNode root = Documents.parseObject(Documents.readText(file), Documents.isYaml(file), file.toString(),
                RECORD);
        Fields fields = new Fields(file.toString());
        if (FhirInput.isBundle(root)) {
            FhirMapping mapping = FhirInput.map(root, bindings, asOf, file.toString());
            return List.of(new Input(file.toString(), null, mapping.input().orElse(null), mapping.decisions()));
        }
        if (root.has("name") || root.has("expect")) {
            Scenario scenario = ScenarioReader.read(root, fields, file.toString(), bindings);
            return List.of(new Input(file.toString(), scenario.name(), scenario.input(), scenario.decisions()));
        }
        return List.of(new Input(file.toString(), null, record(root, fields)));
    }

    /** One batch record (a JSON object); {@code source} names it in messages, e.g. {@code in.ndjson:12}. */
    public static Case readRecord(String json, String source) throws InvalidInputException {
        return record(Documents.parseObject(json, false, source, RECORD), new Fields(source));
    }

    /**
     * One batch record, as UTF-8 bytes. A plain record is read straight from its tokens; any other
     * is read the careful way, whose messages name the problem and {@code source}.
     */
    public static Case readRecord(byte[] utf8, int offset, int length, Supplier<String> source)
            throws InvalidInputException {
        Case plain = PlainRecordReader.read(utf8, offset, length);
        if (plain != null) {
            return plain;
        }
        String where = source.get();
        return readRecord(Utf8.decode(utf8, offset, length, where, false), where);
    }

    /** The keys of a record: a case's, and the unit (department or practice) an audit groups it by. */
    private static final List<String> RECORD_KEYS = Stream.concat(CaseReader.CASE_KEYS.stream(),
            Stream.of("unit")).toList();

    private static final JsonFactory UNIT_TOKENS = new JsonFactory();

    /**
     * The optional {@code unit} of a batch record (a department or practice), read straight from
     * its tokens; {@code null} when it has none. Call on a record that was read as valid.
     */
    public static String unit(byte[] utf8, int offset, int length) {
        try (JsonParser parser = UNIT_TOKENS.createParser(utf8, offset, length)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                parser.nextToken();
                if (key.equals("unit")) {
                    return parser.currentToken() == JsonToken.VALUE_NULL ? null : parser.getText();
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Case record(ObjectNode root, Fields fields) throws InvalidInputException {
        fields.onlyKeys(root, "", RECORD_KEYS);
        String unit = fields.text(root, "", "unit", false);
        String unitProblem = unit == null ? null : Identifiers.problem(unit);
        if (unitProblem != null) {
            fields.problem("unit", unitProblem);
        }
        Case input = CaseReader.read(root, fields);
        fields.check();
        return input;
    }

    private static List<Input> readStream(Path file) throws InvalidInputException {
        List<Input> inputs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = Documents.readText(file).split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String source = file + ":" + (i + 1);
            try {
                inputs.add(new Input(source, null, readRecord(lines[i], source)));
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (inputs.isEmpty()) {
            throw new InvalidInputException(file + ": no records; expected one JSON object a line");
        }
        return inputs;
    }
}
