package io.guidelinekb.input;

import io.guidelinekb.util.InvalidInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.model.Case;
import io.guidelinekb.model.Vocabulary;
import io.guidelinekb.util.Identifiers;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Reads batch records: one JSON object each, a case and the unit an audit groups it by. Strict: every
 * problem is named by field and {@code source}.
 */
public final class RecordReader {

    /** What a record holds, as messages name it. */
    public static final String WHAT = "asOf, patient and episode";

    private RecordReader() {
    }

    /** A batch record: its case, and the unit (department or practice) an audit groups it by, or null. */
    public record BatchRecord(Case input, String unit) {
    }

    /** One batch record (a JSON object); {@code source} names it in messages, e.g. {@code in.ndjson:12}. */
    public static Case readRecord(String json, String source, Vocabulary vocabulary) throws InvalidInputException {
        return readBatchRecord(json, source, vocabulary).input();
    }

    /** One batch record with its unit; {@code source} names it in messages. */
    public static BatchRecord readBatchRecord(String json, String source, Vocabulary vocabulary)
            throws InvalidInputException {
        return read(Documents.parseObject(json, false, source, WHAT), new Fields(source), vocabulary);
    }

    /** The case of one batch record, as UTF-8 bytes; see {@link #readBatchRecord(byte[], int, int, Supplier)}. */
    public static Case readRecord(byte[] utf8, int offset, int length, Supplier<String> source, Vocabulary vocabulary)
            throws InvalidInputException {
        return readBatchRecord(utf8, offset, length, source, vocabulary).input();
    }

    /**
     * One batch record, as UTF-8 bytes. A plain record is read straight from its tokens; any other
     * is read the careful way, whose messages name the problem and {@code source}.
     */
    public static BatchRecord readBatchRecord(byte[] utf8, int offset, int length, Supplier<String> source,
                                              Vocabulary vocabulary) throws InvalidInputException {
        BatchRecord plain = PlainRecordReader.read(utf8, offset, length, vocabulary);
        if (plain != null) {
            return plain;
        }
        String where = source.get();
        return readBatchRecord(Utf8.decode(utf8, offset, length, where, false), where, vocabulary);
    }

    /** The keys of a record: a case's, and the unit (department or practice) an audit groups it by. */
    private static final List<String> RECORD_KEYS = Stream.concat(CaseReader.CASE_KEYS.stream(),
            Stream.of("unit")).toList();

    /** The record {@code root}, its problems gathered in {@code fields}. */
    public static BatchRecord read(ObjectNode root, Fields fields, Vocabulary vocabulary) throws InvalidInputException {
        fields.onlyKeys(root, "", RECORD_KEYS);
        String unit = fields.text(root, "", "unit", false);
        String unitProblem = unit == null ? null : Identifiers.problem(unit);
        if (unitProblem != null) {
            fields.problem("unit", unitProblem);
        }
        Case input = CaseReader.read(root, fields, vocabulary);
        fields.check();
        return new BatchRecord(input, unit);
    }
}
