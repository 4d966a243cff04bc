package io.guidelinekb.cli;

import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.audit.Audit;
import io.guidelinekb.audit.Progress;
import io.guidelinekb.input.InvalidInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
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

    @Override
    public Integer call() throws Exception {
        Progress.Mode mode = progressMode();
        if (!lang.equals("da") && !lang.equals("en")) {
            throw new InvalidInputException("--lang: \"" + lang + "\" is not one of da, en");
        }
        boolean stdin = input.equals("-");
        Audit.Request request = new Audit.Request(stdin ? null : Path.of(input), out, report, csv, threads,
                lang.equals("en"));
        KnowledgeBase knowledgeBase = parent.loadKnowledgeBase();
        Audit audit = Audit.prepare(knowledgeBase, request);
        PrintWriter err = spec.commandLine().getErr();
        Thread interrupted = new Thread(() -> err.println("batch: interrupted after " + audit.whereItStopped()),
                "batch-interrupted");
        Runtime.getRuntime().addShutdownHook(interrupted);
        Audit.Counts counts;
        try {
            counts = audit.run(System.in, spec.commandLine().getOut(), err, mode);
        } finally {
            Runtime.getRuntime().removeShutdownHook(interrupted);
        }
        err.println(String.format(Locale.ROOT, "batch: read %,d, evaluated %,d, rejected %,d (read = evaluated + rejected) "
                + "in %.1f s, %,.0f records/s", counts.read(), counts.evaluated(), counts.rejected(), counts.seconds(),
                counts.read() / Math.max(counts.seconds(), 1e-9)));
        if (report != null) {
            err.println("batch: report written to " + report);
        }
        if (csv != null) {
            err.println("batch: flagged episodes written to " + csv);
        }
        return counts.allEvaluated() ? Main.OK : Main.FAILED;
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
