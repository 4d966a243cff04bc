package io.guidelinekb.audit;

import io.guidelinekb.model.Case;
import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.model.EvaluationException;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.util.InvalidInputException;
import io.guidelinekb.input.RecordReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Streams records through the knowledge base: reads lines in chunks, evaluates chunks on worker
 * threads, and writes one output line per input line in input order. At most a few chunks are in
 * flight, so memory stays bounded whatever the input size. A bad record becomes an error line;
 * it never stops the run and is never dropped.
 */
public final class BatchPipeline {

    static final int CHUNK = 512;

    private final KnowledgeBase knowledgeBase;
    private final int threads;
    private final String source;
    private final CompactResultWriter resultWriter = new CompactResultWriter();

    private Evaluation evaluation;
    private FlaggedEpisodes flagged;
    private OutputStream csv;

    public BatchPipeline(KnowledgeBase knowledgeBase, int threads, String source) {
        this.knowledgeBase = knowledgeBase;
        this.threads = threads;
        this.source = source;
        this.evaluation = Evaluation.of(knowledgeBase);
    }

    /** Evaluates with {@code evaluation} instead of the knowledge base (which still gives the words records are read in). */
    public BatchPipeline withEvaluation(Evaluation evaluation) {
        this.evaluation = evaluation;
        return this;
    }

    /** Also writes, to {@code csv}, the episodes behind the audit report's numbers. */
    public BatchPipeline withFlaggedEpisodes(OutputStream csv, io.guidelinekb.model.Language language) throws IOException {
        this.flagged = new FlaggedEpisodes(language);
        this.csv = csv;
        csv.write(flagged.header());
        return this;
    }

    /** Runs the whole input; returns the merged counts. */
    public AuditStats run(InputStream in, OutputStream out, Progress progress) throws IOException, InterruptedException {
        AuditStats total = new AuditStats();
        ExecutorService workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "batch-worker");
            thread.setDaemon(true);
            return thread;
        });
        Deque<Future<Chunk>> inFlight = new ArrayDeque<>();
        try {
            LineChunker chunker = new LineChunker(in);
            long line = 0;
            LineChunker.Lines lines;
            while ((lines = chunker.next(CHUNK)) != null) {
                long first = line + 1;
                line += lines.count();
                LineChunker.Lines chunk = lines;
                inFlight.add(workers.submit(() -> process(first, chunk)));
                while (inFlight.size() > 2 * threads) {
                    write(inFlight.poll(), out, total, progress);
                }
            }
            while (!inFlight.isEmpty()) {
                write(inFlight.poll(), out, total, progress);
            }
            if (csv != null) {
                csv.flush();
            }
        } finally {
            workers.shutdownNow();
        }
        return total;
    }

    /**
     * One output line per input line, already UTF-8: workers encode, the writing thread only copies.
     * {@code csv} holds the chunk's rows of episodes behind the report's numbers, when asked for.
     */
    private record Chunk(byte[] output, byte[] csv, AuditStats stats, int lines, long bytes) {
    }

    private void write(Future<Chunk> future, OutputStream out, AuditStats total, Progress progress)
            throws IOException, InterruptedException {
        Chunk chunk;
        try {
            chunk = future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        out.write(chunk.output());
        if (chunk.csv() != null) {
            csv.write(chunk.csv());
        }
        total.merge(chunk.stats());
        progress.advance(chunk.lines(), chunk.bytes());
    }

    private Chunk process(long firstLine, LineChunker.Lines lines) {
        String[] errors = new String[lines.count()];
        String[] units = new String[lines.count()];
        List<Case> cases = new ArrayList<>(lines.count());
        List<Integer> positions = new ArrayList<>(lines.count());
        for (int i = 0; i < lines.count(); i++) {
            long lineNumber = firstLine + i;
            Supplier<String> where = () -> source + ":" + lineNumber;
            if (lines.tooLong()[i] > 0) {
                errors[i] = where.get() + String.format(java.util.Locale.ROOT, ": the record is %,d bytes; a record "
                        + "is at most %,d bytes (one patient and episode)", lines.tooLong()[i], LineChunker.MAX_RECORD);
                continue;
            }
            if (lines.isBlank(i)) {
                errors[i] = where.get() + ": empty line; expected a JSON object with asOf, patient and episode";
                continue;
            }
            try {
                RecordReader.BatchRecord record = RecordReader.readBatchRecord(lines.data(), lines.starts()[i],
                        lines.length(i), where, knowledgeBase.vocabulary());
                cases.add(record.input());
                positions.add(i);
                units[i] = record.unit();
            } catch (InvalidInputException e) {
                errors[i] = String.join("; ", e.problems());
            }
        }
        List<Evaluated> evaluated = evaluate(cases);
        EpisodeResult[] results = new EpisodeResult[lines.count()];
        for (int k = 0; k < cases.size(); k++) {
            int i = positions.get(k);
            Evaluated outcome = evaluated.get(k);
            if (outcome.result() == null) {
                errors[i] = source + ":" + (firstLine + i) + ": " + outcome.failure();
            } else {
                results[i] = outcome.result();
            }
        }
        AuditStats stats = new AuditStats();
        byte[] text = BatchJson.bytes(CHUNK * 600, generator -> {
            for (int i = 0; i < results.length; i++) {
                if (results[i] != null) {
                    resultWriter.writeResult(generator, firstLine + i, results[i]);
                    stats.add(results[i], units[i]);
                } else {
                    resultWriter.writeError(generator, firstLine + i, errors[i]);
                    stats.rejected++;
                }
                generator.writeRaw('\n');
            }
        });
        byte[] csv = flagged == null ? null : flagged.rows(firstLine, results, units);
        return new Chunk(text, csv, stats, lines.count(), lines.bytes());
    }

    /** A result, or why a rule failed on the record. */
    private record Evaluated(EpisodeResult result, String failure) {
    }

    /**
     * Evaluates the chunk together; if a rule fails, evaluates its cases one by one so that only
     * the records it fails on are rejected, loudly, with the rule's message.
     */
    private List<Evaluated> evaluate(List<Case> cases) {
        List<Evaluated> evaluated = new ArrayList<>(cases.size());
        try {
            evaluation.evaluateAll(cases).forEach(result -> evaluated.add(new Evaluated(result, null)));
        } catch (EvaluationException together) {
            evaluated.clear();
            for (Case input : cases) {
                try {
                    evaluated.add(new Evaluated(evaluation.evaluate(input), null));
                } catch (EvaluationException alone) {
                    evaluated.add(new Evaluated(null, "evaluation failed: " + alone.getMessage()));
                }
            }
        }
        return evaluated;
    }
}
