package io.guidelinekb.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.guidelinekb.Case;
import io.guidelinekb.EpisodeResult;
import io.guidelinekb.EvaluationException;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.model.Alert;
import io.guidelinekb.model.Intervention;
import io.guidelinekb.model.Recommendation;
import io.guidelinekb.model.ScopeReason;
import io.guidelinekb.scenario.InputReader;
import io.guidelinekb.scenario.InvalidInputException;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Streams records through the knowledge base: reads lines in chunks, evaluates chunks on worker
 * threads, and writes one output line per input line in input order. At most a few chunks are in
 * flight, so memory stays bounded whatever the input size. A bad record becomes an error line;
 * it never stops the run and is never dropped.
 */
final class BatchPipeline {

    static final int CHUNK = 512;
    /** Lines end with a newline the pipeline writes, and nothing else goes between records. */
    private static final JsonFactory JSON = new JsonFactory().setRootValueSeparator(null);

    private final KnowledgeBase knowledgeBase;
    private final int threads;
    private final String source;

    BatchPipeline(KnowledgeBase knowledgeBase, int threads, String source) {
        this.knowledgeBase = knowledgeBase;
        this.threads = threads;
        this.source = source;
    }

    /** Runs the whole input; returns the merged counts. */
    AuditStats run(BufferedReader in, OutputStream out, Progress progress) throws IOException, InterruptedException {
        AuditStats total = new AuditStats();
        ExecutorService workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "batch-worker");
            thread.setDaemon(true);
            return thread;
        });
        Deque<Future<Chunk>> inFlight = new ArrayDeque<>();
        try {
            long line = 0;
            while (true) {
                List<String> lines = new ArrayList<>(CHUNK);
                long bytes = 0;
                String text;
                while (lines.size() < CHUNK && (text = in.readLine()) != null) {
                    lines.add(text);
                    bytes += text.length() + 1;
                }
                if (lines.isEmpty()) {
                    break;
                }
                long first = line + 1;
                line += lines.size();
                long chunkBytes = bytes;
                inFlight.add(workers.submit(() -> process(first, lines, chunkBytes)));
                while (inFlight.size() > 2 * threads) {
                    write(inFlight.poll(), out, total, progress);
                }
            }
            while (!inFlight.isEmpty()) {
                write(inFlight.poll(), out, total, progress);
            }
        } finally {
            workers.shutdownNow();
        }
        return total;
    }

    /** One output line per input line, already UTF-8: workers encode, the writing thread only copies. */
    private record Chunk(byte[] output, AuditStats stats, int lines, long bytes) {
    }

    private static void write(Future<Chunk> future, OutputStream out, AuditStats total, Progress progress)
            throws IOException, InterruptedException {
        Chunk chunk;
        try {
            chunk = future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        out.write(chunk.output());
        total.merge(chunk.stats());
        progress.advance(chunk.lines(), chunk.bytes());
    }

    private Chunk process(long firstLine, List<String> lines, long bytes) {
        String[] errors = new String[lines.size()];
        List<Case> cases = new ArrayList<>(lines.size());
        List<Integer> positions = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String where = source + ":" + (firstLine + i);
            if (lines.get(i).isBlank()) {
                errors[i] = where + ": empty line; expected a JSON object with asOf, patient and episode";
                continue;
            }
            try {
                cases.add(InputReader.readRecord(lines.get(i), where));
                positions.add(i);
            } catch (InvalidInputException e) {
                errors[i] = String.join("; ", e.problems());
            }
        }
        List<Evaluated> evaluated = evaluate(cases);
        EpisodeResult[] results = new EpisodeResult[lines.size()];
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
        byte[] text = json(generator -> {
            for (int i = 0; i < results.length; i++) {
                if (results[i] != null) {
                    writeResult(generator, firstLine + i, results[i]);
                    stats.add(results[i]);
                } else {
                    writeError(generator, firstLine + i, errors[i]);
                    stats.rejected++;
                }
                generator.writeRaw('\n');
            }
        });
        return new Chunk(text, stats, lines.size(), bytes);
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
            knowledgeBase.evaluateAll(cases).forEach(result -> evaluated.add(new Evaluated(result, null)));
        } catch (EvaluationException together) {
            evaluated.clear();
            for (Case input : cases) {
                try {
                    evaluated.add(new Evaluated(knowledgeBase.evaluate(input), null));
                } catch (EvaluationException alone) {
                    evaluated.add(new Evaluated(null, "evaluation failed: " + alone.getMessage()));
                }
            }
        }
        return evaluated;
    }

    private static void writeError(JsonGenerator generator, long line, String error) throws IOException {
        generator.writeStartObject();
        generator.writeNumberField("line", line);
        generator.writeStringField("error", error);
        generator.writeEndObject();
    }

    /** The compact result: codes and ids; the texts of each recommendation are in the knowledge base's version. */
    private static void writeResult(JsonGenerator generator, long line, EpisodeResult result) throws IOException {
        generator.writeStartObject();
        generator.writeNumberField("line", line);
        generator.writeStringField("patientId", result.patientId());
        generator.writeStringField("episodeId", result.episodeId());
        generator.writeStringField("asOf", result.asOf().toString());
        generator.writeStringField("knowledgeBaseVersion", result.knowledgeBaseVersion());
        generator.writeObjectFieldStart("scope");
        generator.writeStringField("status", result.status().name());
        generator.writeArrayFieldStart("reasons");
        for (ScopeReason reason : result.reasons()) {
            generator.writeString(reason.name());
        }
        generator.writeEndArray();
        generator.writeEndObject();
        if (!result.alerts().isEmpty()) {
            generator.writeArrayFieldStart("alerts");
            for (Alert alert : result.alerts()) {
                generator.writeStartObject();
                generator.writeStringField("textDa", alert.textDa());
                generator.writeStringField("textEn", alert.textEn());
                generator.writeEndObject();
            }
            generator.writeEndArray();
        }
        generator.writeArrayFieldStart("recommendations");
        for (Recommendation r : result.recommendations()) {
            generator.writeStartObject();
            generator.writeStringField("id", r.id());
            generator.writeStringField("strength", r.strength().name());
            generator.writeStringField("evidence", r.evidence().name());
            if (r.triggered()) {
                generator.writeArrayFieldStart("triggeredBy");
                for (Intervention intervention : r.triggeredBy()) {
                    generator.writeString(intervention.name());
                }
                generator.writeEndArray();
            }
            generator.writeEndObject();
        }
        generator.writeEndArray();
        generator.writeEndObject();
    }

    private interface JsonWriting {
        void write(JsonGenerator generator) throws IOException;
    }

    private static byte[] json(JsonWriting writing) {
        ByteArrayOutputStream text = new ByteArrayOutputStream(CHUNK * 600);
        try (JsonGenerator generator = JSON.createGenerator(text, JsonEncoding.UTF8)) {
            writing.write(generator);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        return text.toByteArray();
    }
}
