package io.guidelinekb.audit;

import io.guidelinekb.model.Language;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.util.InvalidInputException;
import io.guidelinekb.output.NamedOutput;
import io.guidelinekb.output.OutputFailedException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Audits a population: streams records through the knowledge base and writes one result line per
 * record, in input order, with the HTML report and the flagged-episodes CSV if asked for. Everything
 * that can be checked is checked before any output is touched; a run that fails leaves earlier
 * outputs as they were ({@link BatchOutputs}). The command line's {@code batch} is this and a
 * progress display.
 *
 * <pre>
 * Audit.Counts counts = Audit.run(kb, new Audit.Request(Path.of("records.ndjson"), Path.of("results.ndjson"),
 *         Path.of("audit.html"), null, 2, false));
 * </pre>
 */
public final class Audit {

    /** More workers than this only add memory: evaluation is bound by the cores. */
    public static final int MAX_THREADS = 64;

    /**
     * What to audit and where to write.
     *
     * @param input   the records, one JSON object a line; {@code null} for the stream given to {@link #run}
     * @param out     where the results go; {@code null} for the stream given to {@link #run}
     * @param report  where the HTML report goes, or {@code null} for none
     * @param csv     where the flagged episodes go, or {@code null} for none
     * @param threads worker threads, 1 to {@link #MAX_THREADS}
     * @param language the report's language
     */
    public record Request(Path input, Path out, Path report, Path csv, int threads, Language language) {
    }

    /** How a run went: read = evaluated + rejected. */
    public record Counts(long read, long evaluated, long rejected, double seconds) {
        /** @return whether no record was rejected */
        public boolean allEvaluated() {
            return rejected == 0;
        }
    }

    private final KnowledgeBase knowledgeBase;
    private final Request request;
    private final String inputName;
    private final BatchOutputs outputs;
    private Evaluation evaluation;
    private volatile Progress progress;

    private Audit(KnowledgeBase knowledgeBase, Request request, BatchOutputs outputs) {
        this.knowledgeBase = knowledgeBase;
        this.request = request;
        this.inputName = request.input() == null ? "stdin" : request.input().toString();
        this.outputs = outputs;
        this.evaluation = Evaluation.of(knowledgeBase);
    }

    /**
     * This audit, evaluating with {@code evaluation}: for a benchmark's floor, the same run with
     * results known beforehand.
     *
     * @param evaluation how records are evaluated
     * @return this audit
     */
    public Audit evaluatingWith(Evaluation evaluation) {
        this.evaluation = evaluation;
        return this;
    }

    /**
     * Checks a request without touching any file: threads, the input, every output path against the
     * input and each other, and the words the report needs.
     *
     * @throws InvalidInputException naming the option or file that is wrong
     */
    public static Audit prepare(KnowledgeBase knowledgeBase, Request request) throws InvalidInputException {
        if (request.threads() < 1 || request.threads() > MAX_THREADS) {
            throw new InvalidInputException("--threads: must be 1 to " + MAX_THREADS + ", got " + request.threads());
        }
        Path input = request.input();
        if (input != null && !Files.isReadable(input)) {
            throw new InvalidInputException(input + ": " + (Files.exists(input) ? "cannot read" : "no such file"));
        }
        BatchOutputs outputs = BatchOutputs.check(input, request.out(), request.report(), request.csv());
        List<String> unsaid = request.report() == null ? List.of() : AuditReport.missingWords(knowledgeBase);
        if (!unsaid.isEmpty()) {
            throw new InvalidInputException("--report: " + String.join("; ", unsaid.subList(0, Math.min(3,
                    unsaid.size()))) + (unsaid.size() > 3 ? "; and " + (unsaid.size() - 3) + " more" : ""));
        }
        return new Audit(knowledgeBase, request, outputs);
    }

    /** Audits files, without progress: {@link #prepare} then {@link #run}. */
    public static Counts run(KnowledgeBase knowledgeBase, Request request)
            throws InvalidInputException, OutputFailedException, InterruptedException {
        if (request.input() == null || request.out() == null) {
            throw new IllegalArgumentException("without streams, give the request an input and an out file");
        }
        PrintWriter silent = new PrintWriter(Writer.nullWriter());
        return prepare(knowledgeBase, request).run(null, null, silent, Progress.Mode.NONE);
    }

    /** The size of the input, for progress, or 0 when it is a stream. */
    public long inputBytes() throws InvalidInputException {
        try {
            return request.input() == null ? 0 : Files.size(request.input());
        } catch (IOException e) {
            throw new InvalidInputException(inputName + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * Runs the audit.
     *
     * @param stdin   the records when the request has no input file
     * @param stdout  where results go when the request has no out file
     * @param notices where progress and notices (an earlier run's output moved aside) go
     * @param mode    how progress is shown
     * @return the counts
     * @throws InvalidInputException the input cannot be read
     * @throws OutputFailedException an output cannot be written; the earlier run's stays
     * @throws InterruptedException   the run was interrupted
     */
    public Counts run(InputStream stdin, Writer stdout, PrintWriter notices, Progress.Mode mode)
            throws InvalidInputException, OutputFailedException, InterruptedException {
        Progress shown = mode.over(notices, inputBytes());
        progress = shown;
        outputs.moveAsideEarlierRun(notices);
        AuditStats stats;
        try (InputStream records = request.input() == null ? stdin : Files.newInputStream(request.input());
             OutputStream results = outputs.results() == null ? NamedOutput.of("stdout", stdout)
                     : NamedOutput.of(request.out().toString(), new BufferedOutputStream(
                     Files.newOutputStream(outputs.results()), 1 << 16));
             OutputStream flagged = outputs.flagged() == null ? null : NamedOutput.of(request.csv().toString(),
                     new BufferedOutputStream(Files.newOutputStream(outputs.flagged()), 1 << 16))) {
            BatchPipeline pipeline = new BatchPipeline(knowledgeBase, request.threads(), inputName).withEvaluation(evaluation);
            if (flagged != null) {
                pipeline.withFlaggedEpisodes(flagged, request.language());
            }
            stats = pipeline.run(records, results, shown);
        } catch (NamedOutput.Failure e) {
            throw new OutputFailedException(e.getMessage() + "; stopped after " + whereItStopped());
        } catch (IOException e) {
            throw new InvalidInputException(inputName + ": cannot read: " + e.getMessage());
        }
        outputs.complete();
        shown.finish();
        long read = shown.records();
        if (read != stats.evaluated + stats.rejected) {
            throw new IllegalStateException("read " + read + " records but evaluated " + stats.evaluated + " and rejected "
                    + stats.rejected);
        }
        if (request.report() != null) {
            outputs.writeReport(AuditReport.html(stats, knowledgeBase, request.input() == null ? "-" : inputName, read, request.language(),
                    request.csv() == null ? null : request.csv().getFileName().toString()));
        }
        return new Counts(read, stats.evaluated, stats.rejected, shown.seconds());
    }

    /** How far a run got and what it leaves, e.g. when it is interrupted: {@code "1,024 records read; …"}. */
    public String whereItStopped() {
        Progress now = progress;
        return String.format(Locale.ROOT, "%,d records read; %s", now == null ? 0 : now.records(), outputs.whatIsLeft());
    }
}
