package io.guidelinekb.cli;

import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.output.OutputFailedException;
import io.guidelinekb.scenario.JUnitXml;
import io.guidelinekb.scenario.ScenarioRun;
import io.guidelinekb.util.Identifiers;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs scenario files, alone and then together as batch does, and prints each one that did not
 * pass, then {@code N passed, N failed}.
 */
final class SuiteReport {

    private SuiteReport() {
    }

    /** How to report: every scenario or only those that did not pass, and a JUnit XML file or none. */
    record Options(boolean verbose, Path junitXml) {
        static final Options QUIET = new Options(false, null);
    }

    /** @return how many scenarios did not pass */
    static int run(KnowledgeBase knowledgeBase, List<Path> files, PrintWriter out) {
        try {
            return run(knowledgeBase, files, out, Options.QUIET);
        } catch (OutputFailedException e) {
            throw new IllegalStateException("quiet runs write no file", e);
        }
    }

    /** @return how many scenarios did not pass */
    static int run(KnowledgeBase knowledgeBase, List<Path> files, PrintWriter out, Options options)
            throws OutputFailedException {
        long start = System.nanoTime();
        int passed = 0;
        int failed = 0;
        List<ScenarioRun.Outcome> outcomes = ScenarioRun.runAll(knowledgeBase, files);
        for (ScenarioRun.Outcome outcome : outcomes) {
            if (outcome.passed()) {
                passed++;
                if (!options.verbose()) {
                    continue;
                }
            } else {
                failed++;
            }
            out.println(Identifiers.printable(label(outcome) + " " + outcome.file()
                    + (outcome.name() == null ? "" : " — " + outcome.name())));
            outcome.problems().forEach(problem -> out.println("    " + Identifiers.printable(problem)));
        }
        if (options.junitXml() != null) {
            JUnitXml.write(options.junitXml(), outcomes, (System.nanoTime() - start) / 1e9);
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed;
    }

    private static String label(ScenarioRun.Outcome outcome) {
        return switch (outcome.verdict()) {
            case FAILED -> "FAIL";
            case INVALID -> "INVALID";
            case ERROR -> "ERROR";
            case PASSED -> "PASS";
        };
    }
}
