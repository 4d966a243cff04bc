package io.guidelinekb.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.model.Case;
import io.guidelinekb.fhir.FhirMapping;
import io.guidelinekb.input.Documents;
import io.guidelinekb.input.Fields;
import io.guidelinekb.util.InvalidInputException;
import io.guidelinekb.input.RecordReader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

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
     * @param unboundOrders for FHIR input, the codes of proposed orders that no binding names
     * @param guideline the id of the guideline the input is for: a scenario's, or the one that read a FHIR
     *                  bundle in its own codes; {@code null} for a record, which every guideline evaluates
     */
    public record Input(String source, String name, Case input, List<String> decisions, List<String> unboundOrders,
                        String guideline) {
        public Input {
            decisions = List.copyOf(decisions);
            unboundOrders = List.copyOf(unboundOrders);
        }

        public Input(String source, String name, Case input, List<String> decisions, List<String> unboundOrders) {
            this(source, name, input, decisions, unboundOrders, null);
        }

        public Input(String source, String name, Case input, List<String> decisions) {
            this(source, name, input, decisions, List.of());
        }

        /**
         * The knowledge bases that evaluate this input: its scenario's guideline, or each guideline of {@code kb}.
         *
         * @param kb the knowledge base of one or several guidelines
         * @return one knowledge base of one guideline each
         */
        public List<io.guidelinekb.KnowledgeBase> evaluatedBy(io.guidelinekb.KnowledgeBase kb) {
            if (guideline != null) {
                return kb.guideline(guideline).map(List::of).orElse(List.of());
            }
            return kb.guidelines().stream().map(g -> kb.guideline(g.id()).orElseThrow()).toList();
        }

        Input(String source, String name, Case input) {
            this(source, name, input, List.of());
        }
    }

    private InputReader() {
    }

    /** Every case in {@code file}; rejects the whole file with all its problems if any is invalid. */
    public static List<Input> read(Path file, io.guidelinekb.KnowledgeBase kb) throws InvalidInputException {
        return read(file, kb, null);
    }

    /**
     * Every case in {@code file}, in the words of {@code kb}'s vocabulary; FHIR R4 Bundles (JSON) too,
     * which are read with its bindings and evaluated as of {@code asOf}; rejects the whole file with all
     * its problems if any is invalid.
     */
    public static List<Input> read(Path file, io.guidelinekb.KnowledgeBase kb, LocalDate asOf)
            throws InvalidInputException {
        if (Documents.isRecordStream(file)) {
            return readStream(file, kb.vocabulary());
        }
        if (!Documents.isYaml(file) && !Documents.isJson(file)) {
            throw new InvalidInputException(file + ": unknown kind of file; expected .yaml, .yml, .json, .ndjson or .jsonl");
        }
        ObjectNode root = Documents.parseObject(Documents.readText(file), Documents.isYaml(file), file.toString(),
                RecordReader.WHAT);
        Fields fields = new Fields(file.toString());
        if (FhirInput.isBundle(root)) {
            if (asOf == null) {
                throw new InvalidInputException(file + ": FHIR input needs the evaluation date; give --as-of");
            }
            if (kb.guidelines().size() > 1) {
                // each guideline reads the bundle with its own codes: one code may mean different things in two
                List<Input> each = new java.util.ArrayList<>();
                for (io.guidelinekb.model.Guideline guideline : kb.guidelines()) {
                    FhirMapping mapping = FhirInput.map(root, kb.guideline(guideline.id()).orElseThrow(), asOf,
                            file.toString());
                    each.add(new Input(file.toString(), null, mapping.input().orElse(null), mapping.decisions(),
                            mapping.unboundOrders(), guideline.id()));
                }
                return each;
            }
            FhirMapping mapping = FhirInput.map(root, kb, asOf, file.toString());
            return List.of(new Input(file.toString(), null, mapping.input().orElse(null), mapping.decisions(),
                    mapping.unboundOrders()));
        }
        if (root.has("name") || root.has("expect")) {
            Scenario scenario = ScenarioReader.read(root, fields, file, kb);
            return List.of(new Input(file.toString(), scenario.name(), scenario.input(), scenario.decisions(), List.of(),
                    scenario.guideline()));
        }
        return List.of(new Input(file.toString(), null, RecordReader.read(root, fields, kb.vocabulary()).input()));
    }

    private static List<Input> readStream(Path file, io.guidelinekb.model.Vocabulary vocabulary)
            throws InvalidInputException {
        List<Input> inputs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = Documents.readText(file).split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String source = file + ":" + (i + 1);
            try {
                inputs.add(new Input(source, null, RecordReader.readRecord(lines[i], source, vocabulary)));
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
