package io.guidelinekb.cli;

import io.guidelinekb.model.EvaluationException;
import io.guidelinekb.model.RuleLoadException;
import io.guidelinekb.util.InvalidInputException;
import io.guidelinekb.output.OutputFailedException;
import io.guidelinekb.output.Utf8Writer;
import io.guidelinekb.util.Identifiers;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** {@code bin/guideline-kb}: the command line over the library. */
public final class Main {

    public static final int OK = 0;
    public static final int FAILED = 1;
    static final int INVALID = 2;
    static final int RULE_FAILED = 3;
    static final int RESOURCE_LIMIT = 4;
    static final int OUTPUT_FAILED = 5;

    private Main() {
    }

    public static void main(String[] args) {
        quietLogging();
        // the engine starts, and the rules load, on other threads while picocli reads the command line
        if (!EarlyLoad.begin(args)) {
            io.guidelinekb.pipeline.Pipeline.prepare();
        }
        // Standard output as a plain stream: System.out, a PrintStream, would hide a failed write
        // (a full disk, a closed pipe) that must end the run with exit 5.
        OutputStream stdout = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        System.exit(run(new PrintWriter(new Utf8Writer(stdout), true),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), true, args));
    }

    /**
     * Keeps the command line's output clean: Drools logs at INFO on every build, advises a package
     * named like its folder (the loader checks ours itself) and logs a failed build as ERROR (the
     * loader reports every problem with file, line and column). Set here, not in a properties file
     * in the jar, so that a library user's logging stays theirs; a -D given on the command line wins.
     */
    static void quietLogging() {
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log.org.drools.compiler.kie.builder.impl.KieBuilderImpl",
                "error");
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log.org.drools.compiler.kie.builder.impl.KieProject",
                "off");
    }

    /** Runs one command, writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, false, args);
    }

    /** The command line with its converters: what every caller parses with, so that all read --lang alike. */
    static CommandLine commandLine() {
        CommandLine root = new CommandLine(new GuidelineKbCommand());
        SUBCOMMANDS.forEach(name -> root.addSubcommand(name, subcommand(name)));
        return withConverters(root);
    }

    /**
     * The command line with only the subcommand {@code args} name, when they name one: picocli reads
     * each command's annotations when it is added, and a run needs one of fourteen.
     */
    static CommandLine commandLine(String... args) {
        java.util.Optional<String> named = Subcommands.named(args, SUBCOMMANDS);
        if (named.isEmpty()) {
            return commandLine();
        }
        CommandLine root = new CommandLine(new GuidelineKbCommand());
        root.addSubcommand(named.get(), subcommand(named.get()));
        return withConverters(root);
    }

    /** Converters reach the subcommands added before them. */
    private static CommandLine withConverters(CommandLine root) {
        return root.registerConverter(io.guidelinekb.model.Language.class, Main::language);
    }

    /** Every subcommand by the name its {@code @Command} gives it, in the order the usage lists them. */
    static final java.util.Set<String> SUBCOMMANDS = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(
            java.util.List.of("evaluate", "test", "explain", "lint", "coverage", "diff", "watch", "generate", "batch",
                    "serve", "dev-token", "release", "shadow-report", "cards")));

    /** A switch, not a table of constructor references: each of those costs a short run its linking. */
    static Object subcommand(String name) {
        return switch (name) {
            case "evaluate" -> new EvaluateCommand();
            case "test" -> new TestCommand();
            case "explain" -> new ExplainCommand();
            case "lint" -> new LintCommand();
            case "coverage" -> new CoverageCommand();
            case "diff" -> new DiffCommand();
            case "watch" -> new WatchCommand();
            case "generate" -> new GenerateCommand();
            case "batch" -> new BatchCommand();
            case "serve" -> new ServeCommand();
            case "dev-token" -> new DevTokenCommand();
            case "release" -> new ReleaseCommand();
            case "shadow-report" -> new ShadowReportCommand();
            case "cards" -> new CardsCommand();
            default -> throw new IllegalArgumentException("no subcommand " + name);
        };
    }

    private static io.guidelinekb.model.Language language(String code) {
        try {
            return io.guidelinekb.model.Language.of(code);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /** {@code processStdout}: {@code out} is this process's standard output, whose pipe a reader may close. */
    private static int run(PrintWriter out, PrintWriter err, boolean processStdout, String... args) {
        CommandLine commandLine = commandLine(args);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(Main::handle);
        int code;
        try {
            code = commandLine.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            err.println("guideline-kb: " + (e instanceof OutOfMemoryError ? "out of memory" : "out of stack")
                    + "; nothing more was done (a larger -Xmx, or smaller input, may help)");
            code = RESOURCE_LIMIT;
        }
        out.flush();
        if (out.checkError() && code != OUTPUT_FAILED && processStdout && readerClosedThePipe()) {
            // `evaluate … | head`: the reader took what it wanted and closed the pipe; nothing went wrong
            err.flush();
            return code;
        }
        if (out.checkError() && code != OUTPUT_FAILED) {
            err.println("guideline-kb: stdout: cannot write (a full disk or a closed pipe?); the output is incomplete");
            code = OUTPUT_FAILED;
        }
        err.flush();
        return code;
    }

    /** Whether stdout is a pipe, whose reader has gone: Linux names it {@code pipe:[…]} under /proc. */
    private static boolean readerClosedThePipe() {
        try {
            return java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/1")).toString().startsWith("pipe:");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    private static boolean debug(CommandLine commandLine) {
        CommandLine root = commandLine;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return ((GuidelineKbCommand) root.getCommand()).debug || "1".equals(System.getenv("GUIDELINE_KB_DEBUG"));
    }

    /** The one place where failures become messages and exit codes; users never see a stack trace. */
    private static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (e instanceof RuleLoadException rules) {
            rules.problems().forEach(problem -> err.println(Identifiers.printable(problem.toString())));
            long errors = rules.problems().stream().filter(p -> p.isError()).count();
            err.println("guideline-kb: the rules cannot be loaded (" + errors + (errors == 1 ? " error" : " errors")
                    + "); nothing was evaluated");
            return INVALID;
        }
        if (e instanceof InvalidInputException input) {
            input.problems().forEach(problem -> err.println(Identifiers.printable(problem)));
            err.println("guideline-kb: invalid input; nothing was evaluated");
            return INVALID;
        }
        if (e instanceof OutputFailedException output) {
            err.println("guideline-kb: " + Identifiers.printable(output.getMessage()));
            return OUTPUT_FAILED;
        }
        if (e instanceof EvaluationException evaluation) {
            err.println("guideline-kb: evaluation failed: " + Identifiers.printable(evaluation.getMessage()));
            return evaluation.resourceLimit() ? RESOURCE_LIMIT : RULE_FAILED;
        }
        err.println("guideline-kb: internal error: " + e);
        if (debug(commandLine)) {
            e.printStackTrace(err);
        } else {
            err.println("guideline-kb: run again with --debug (or GUIDELINE_KB_DEBUG=1) for the stack trace");
        }
        return RULE_FAILED;
    }
}
