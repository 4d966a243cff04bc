package io.guidelinekb.cli;

import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.audit.Audit;
import io.guidelinekb.audit.Progress;
import io.guidelinekb.util.InvalidInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "batch", mixinStandardHelpOptions = true, addMethodSubcommands = false,
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
                    + "recommendation, and those with an alert; with semicolons and a UTF-8 byte-order mark for Danish "
                    + "Excel (--lang da, the default), with commas for --lang en.")
    Path csv;

    @Option(names = "--lang", defaultValue = "da", paramLabel = "da|en",
            description = "Language of the report (default: ${DEFAULT-VALUE}, the guideline's own).")
    io.guidelinekb.model.Language language;

    @Option(names = "--progress", defaultValue = "auto", paramLabel = "WHEN",
            description = "Progress on stderr: auto (a live bar on a terminal, a line every few seconds otherwise), "
                    + "live, plain or none.")
    String progressMode;

    @Override
    public Integer call() throws Exception {
        Progress.Mode mode = progressMode();
        boolean stdin = input.equals("-");
        KnowledgeBase all = parent.loadEveryGuideline();
        List<KnowledgeBase> guidelines = all.guidelines().stream().map(g -> all.guideline(g.id()).orElseThrow()).toList();
        if (guidelines.size() > 1 && stdin) {
            throw new InvalidInputException("-: standard input is read once, and the rules folder holds "
                    + guidelines.size() + " guidelines; give a file, or choose one with --guideline ID");
        }
        // one audit per guideline, each to its own files (results.<guideline>.ndjson), all checked first
        List<Audit> audits = new ArrayList<>();
        for (KnowledgeBase guideline : guidelines) {
            String id = guidelines.size() > 1 ? guideline.guideline().id() : null;
            Audit.Request request = new Audit.Request(stdin ? null : Path.of(input), named(out, id), named(report, id),
                    named(csv, id), threads, language);
            audits.add(Audit.prepare(guideline, request));
        }
        boolean allEvaluated = true;
        for (int i = 0; i < audits.size(); i++) {
            String id = guidelines.size() > 1 ? guidelines.get(i).guideline().id() : null;
            allEvaluated &= run(audits.get(i), id, mode);
        }
        return allEvaluated ? Main.OK : Main.FAILED;
    }

    /** Runs one guideline's audit and says how it went; true when every record was evaluated. */
    private boolean run(Audit audit, String guideline, Progress.Mode mode) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        String prefix = guideline == null ? "batch: " : "batch (" + guideline + "): ";
        Thread interrupted = new Thread(() -> err.println(prefix + "interrupted after " + audit.whereItStopped()),
                "batch-interrupted");
        Runtime.getRuntime().addShutdownHook(interrupted);
        Audit.Counts counts;
        try {
            counts = audit.run(System.in, spec.commandLine().getOut(), err, mode);
        } finally {
            Runtime.getRuntime().removeShutdownHook(interrupted);
        }
        err.println(String.format(Locale.ROOT, prefix + "read %,d, evaluated %,d, rejected %,d (read = evaluated + "
                + "rejected) in %.1f s, %,.0f records/s", counts.read(), counts.evaluated(), counts.rejected(),
                counts.seconds(), counts.read() / Math.max(counts.seconds(), 1e-9)));
        if (report != null) {
            err.println(prefix + "report written to " + named(report, guideline));
        }
        if (csv != null) {
            err.println(prefix + "flagged episodes written to " + named(csv, guideline));
        }
        return counts.allEvaluated();
    }

    /** {@code results.ndjson} as {@code results.nkr-lbp-2016.ndjson} when several guidelines are audited. */
    static Path named(Path file, String guideline) {
        if (file == null || guideline == null) {
            return file;
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String renamed = dot > 0 ? name.substring(0, dot) + "." + guideline + name.substring(dot) : name + "." + guideline;
        return file.resolveSibling(renamed);
    }

    private Progress.Mode progressMode() throws InvalidInputException {
        return switch (progressMode) {
            case "auto" -> Progress.Mode.AUTO;
            case "live" -> Progress.Mode.LIVE;
            case "plain" -> Progress.Mode.PLAIN;
            case "none" -> Progress.Mode.NONE;
            default -> throw new InvalidInputException("--progress: \"" + progressMode
                    + "\" is not one of auto, live, plain, none");
        };
    }
}
