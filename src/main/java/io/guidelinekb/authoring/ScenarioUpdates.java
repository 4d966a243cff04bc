package io.guidelinekb.authoring;

import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.util.InvalidInputException;
import io.guidelinekb.output.OutputFailedException;
import io.guidelinekb.scenario.ScenarioReader;
import io.guidelinekb.scenario.ScenarioRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code test --update}: each failing scenario's expectations set to what the rules now give, the
 * change printed as removed and added lines for review. Invalid scenarios, and those whose
 * expectations cannot be rewritten in place, are listed and left alone.
 */
public final class ScenarioUpdates {

    private ScenarioUpdates() {
    }

    /** Updates each failing scenario of {@code files}, printing each change to {@code out}; returns how many were left as is. */
    public static int run(KnowledgeBase knowledgeBase, List<Path> files, PrintWriter out) throws OutputFailedException {
        int updated = 0;
        int left = 0;
        for (ScenarioRun.Outcome outcome : ScenarioRun.runAll(knowledgeBase, files)) {
            if (outcome.passed()) {
                continue;
            }
            Path file = Path.of(outcome.file());
            String after = outcome.verdict() == ScenarioRun.Verdict.FAILED ? updated(knowledgeBase, file) : null;
            if (after == null) {
                left++;
                out.println("left as is (" + outcome.verdict() + "): " + file);
                outcome.problems().forEach(p -> out.println("    " + p));
                continue;
            }
            try {
                String before = Files.readString(file, StandardCharsets.UTF_8);
                Files.writeString(file, after, StandardCharsets.UTF_8);
                updated++;
                printChange(out, file, before, after);
            } catch (IOException e) {
                throw new OutputFailedException(file + ": cannot write: " + e.getMessage());
            }
        }
        out.println(updated + " updated, " + left + " left as is");
        return left;
    }

    private static String updated(KnowledgeBase knowledgeBase, Path file) {
        try {
            io.guidelinekb.scenario.Scenario scenario = ScenarioReader.read(file, knowledgeBase);
            EpisodeResult result = knowledgeBase.guideline(scenario.guideline()).orElseThrow().evaluate(scenario.input());
            return ScenarioUpdate.updated(file, result);
        } catch (InvalidInputException | IOException | RuntimeException e) {
            return null;
        }
    }

    /** The lines that changed, between the common start and end of the two texts. */
    private static void printChange(PrintWriter out, Path file, String before, String after) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        int start = 0;
        while (start < a.length && start < b.length && a[start].equals(b[start])) {
            start++;
        }
        int endA = a.length;
        int endB = b.length;
        while (endA > start && endB > start && a[endA - 1].equals(b[endB - 1])) {
            endA--;
            endB--;
        }
        out.println("updated " + file + " (line " + (start + 1) + "):");
        for (int i = start; i < endA; i++) {
            out.println("  - " + a[i]);
        }
        for (int i = start; i < endB; i++) {
            out.println("  + " + b[i]);
        }
    }
}
