package io.guidelinekb.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.Case;
import io.guidelinekb.fhir.FhirMapping;
import io.guidelinekb.util.Identifiers;
import io.guidelinekb.terminology.TerminologyBindings;
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
        return List.of(new Input(file.toString(), null, record(root, fields).input()));
    }

    /** A batch record: its case, and the unit (department or practice) an audit groups it by, or null. */
    public record BatchRecord(Case input, String unit) {
    }

    /** One batch record (a JSON object); {@code source} names it in messages, e.g. {@code in.ndjson:12}. */
    public static Case readRecord(String json, String source) throws InvalidInputException {
        return readBatchRecord(json, source).input();
    }

    /** One batch record with its unit; {@code source} names it in messages. */
    public static BatchRecord readBatchRecord(String json, String source) throws InvalidInputException {
        return record(Documents.parseObject(json, false, source, RECORD), new Fields(source));
    }

    /** The case of one batch record, as UTF-8 bytes; see {@link #readBatchRecord(byte[], int, int, Supplier)}. */
    public static Case readRecord(byte[] utf8, int offset, int length, Supplier<String> source)
            throws InvalidInputException {
        return readBatchRecord(utf8, offset, length, source).input();
    }

    /**
     * One batch record, as UTF-8 bytes. A plain record is read straight from its tokens; any other
     * is read the careful way, whose messages name the problem and {@code source}.
     */
    public static BatchRecord readBatchRecord(byte[] utf8, int offset, int length, Supplier<String> source)
            throws InvalidInputException {
        BatchRecord plain = PlainRecordReader.read(utf8, offset, length);
        if (plain != null) {
            return plain;
        }
        String where = source.get();
        return readBatchRecord(Utf8.decode(utf8, offset, length, where, false), where);
    }

    /** The keys of a record: a case's, and the unit (department or practice) an audit groups it by. */
    private static final List<String> RECORD_KEYS = Stream.concat(CaseReader.CASE_KEYS.stream(),
            Stream.of("unit")).toList();

    private static BatchRecord record(ObjectNode root, Fields fields) throws InvalidInputException {
        fields.onlyKeys(root, "", RECORD_KEYS);
        String unit = fields.text(root, "", "unit", false);
        String unitProblem = unit == null ? null : Identifiers.problem(unit);
        if (unitProblem != null) {
            fields.problem("unit", unitProblem);
        }
        Case input = CaseReader.read(root, fields);
        fields.check();
        return new BatchRecord(input, unit);
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
