package io.guidelinekb.cli;

import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.model.Identifiers;
import io.guidelinekb.scenario.ScenarioRun;
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

    /** @return how many scenarios did not pass */
    static int run(KnowledgeBase knowledgeBase, List<Path> files, PrintWriter out) {
        int passed = 0;
        int failed = 0;
        for (ScenarioRun.Outcome outcome : ScenarioRun.runAll(knowledgeBase, files)) {
            if (outcome.passed()) {
                passed++;
                continue;
            }
            failed++;
            out.println(Identifiers.printable(label(outcome) + " " + outcome.file() + (outcome.name() == null ? "" : " — " + outcome.name())));
            outcome.problems().forEach(problem -> out.println("    " + Identifiers.printable(problem)));
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
