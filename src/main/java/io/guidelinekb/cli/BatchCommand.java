package io.guidelinekb.cli;

import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.scenario.InvalidInputException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Evaluates a population: streams records (one JSON object a line; - for stdin) and writes one "
                + "line per input line, in input order: the result with its line number, or an error naming the field.",
            "Exit 0 when every record was evaluated, 1 when some were rejected (the rest still written), 2 when the "
                + "run cannot start."})
final class BatchCommand implements Callable<Integer> {

    @ParentCommand
    GuidelineKbCommand parent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "INPUT", description = "Records, one JSON object a line, or - for stdin.")
    String input;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the results (default: stdout).")
    Path out;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N",
            description = "Worker threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--report", paramLabel = "FILE.html", description = "Also write a self-contained HTML audit report.")
    Path report;

    @Option(names = "--csv", paramLabel = "FILE.csv",
            description = "Also write the episodes behind the report's numbers: those with an order against a "
                    + "recommendation, and those with an alert.")
    Path csv;

    @Option(names = "--lang", defaultValue = "da", paramLabel = "da|en",
            description = "Language of the report (default: ${DEFAULT-VALUE}, the guideline's own).")
    String lang;

    @Option(names = "--progress", defaultValue = "auto", paramLabel = "WHEN",
            description = "Progress on stderr: auto (a live bar on a terminal, a line every few seconds otherwise), "
                    + "live, plain or none.")
    String progressMode;

    /** More workers than this only add memory: evaluation is bound by the cores. */
    static final int MAX_THREADS = 64;

    @Override
    public Integer call() throws Exception {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new InvalidInputException("--threads: must be 1 to " + MAX_THREADS + ", got " + threads);
        }
        boolean stdin = input.equals("-");
        Path inputPath = stdin ? null : Path.of(input);
        if (!stdin && !Files.isReadable(inputPath)) {
            throw new InvalidInputException(input + ": " + (Files.exists(inputPath) ? "cannot read" : "no such file"));
        }
        if (!lang.equals("da") && !lang.equals("en")) {
            throw new InvalidInputException("--lang: \"" + lang + "\" is not one of da, en");
        }
        BatchOutputs outputs = BatchOutputs.check(inputPath, out, report, csv);
        KnowledgeBase knowledgeBase = parent.loadKnowledgeBase();
        List<String> unsaid = report == null ? List.of() : AuditReport.missingWords(knowledgeBase);
        if (!unsaid.isEmpty()) {
            throw new InvalidInputException("--report: " + String.join("; ", unsaid.subList(0, Math.min(3,
                    unsaid.size()))) + (unsaid.size() > 3 ? "; and " + (unsaid.size() - 3) + " more" : ""));
        }
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = progress(err, stdin ? 0 : Files.size(inputPath));
        outputs.moveAsideEarlierRun(err);
        Thread interrupted = new Thread(() -> err.println(String.format(Locale.ROOT, "batch: interrupted after %,d "
                + "records read; %s", progress.records(), outputs.whatIsLeft())), "batch-interrupted");
        Runtime.getRuntime().addShutdownHook(interrupted);
        AuditStats stats;
        try (InputStream records = stdin ? System.in : Files.newInputStream(inputPath);
             OutputStream results = outputs.partial() == null ? NamedOutput.of("stdout", spec.commandLine().getOut())
                     : NamedOutput.of(out.toString(), new BufferedOutputStream(Files.newOutputStream(outputs.partial()),
                     1 << 16));
             OutputStream flagged = outputs.csvPartial() == null ? null : NamedOutput.of(csv.toString(),
                     new BufferedOutputStream(Files.newOutputStream(outputs.csvPartial()), 1 << 16))) {
            BatchPipeline pipeline = new BatchPipeline(knowledgeBase, threads, stdin ? "stdin" : input);
            if (flagged != null) {
                pipeline.withFlaggedEpisodes(flagged);
            }
            stats = pipeline.run(records, results, progress);
        } catch (NamedOutput.Failure e) {
            throw new OutputFailedException(e.getMessage() + String.format(Locale.ROOT, "; stopped after %,d records "
                    + "read; %s", progress.records(), outputs.whatIsLeft()));
        } catch (IOException e) {
            throw new InvalidInputException((stdin ? "stdin" : input) + ": cannot read: " + e.getMessage());
        } finally {
            Runtime.getRuntime().removeShutdownHook(interrupted);
        }
        outputs.complete();
        progress.finish();
        long read = progress.records();
        if (read != stats.evaluated + stats.rejected) {
            throw new IllegalStateException("read " + read + " records but evaluated " + stats.evaluated + " and rejected "
                    + stats.rejected);
        }
        err.println(String.format(Locale.ROOT, "batch: read %,d, evaluated %,d, rejected %,d (read = evaluated + rejected) "
                + "in %.1f s, %,.0f records/s", read, stats.evaluated, stats.rejected, progress.seconds(),
                read / Math.max(progress.seconds(), 1e-9)));
        if (report != null) {
            outputs.writeReport(AuditReport.html(stats, knowledgeBase, input, read, lang.equals("en"),
                    csv == null ? null : csv.getFileName().toString()));
            err.println("batch: report written to " + report);
        }
        if (csv != null) {
            err.println("batch: flagged episodes written to " + csv);
        }
        return stats.rejected == 0 ? Main.OK : Main.FAILED;
    }

    private Progress progress(PrintWriter err, long totalBytes) throws InvalidInputException {
        return switch (progressMode) {
            case "auto" -> new Progress(err, System.console() != null, totalBytes, true);
            case "live" -> new Progress(err, true, totalBytes, true);
            case "plain" -> new Progress(err, false, totalBytes, true);
            case "none" -> new Progress(err, false, totalBytes, false);
            default -> throw new InvalidInputException("--progress: \"" + progressMode
                    + "\" is not one of auto, live, plain, none");
        };
    }
}
