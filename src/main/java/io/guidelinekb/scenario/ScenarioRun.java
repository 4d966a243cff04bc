package io.guidelinekb.scenario;

import io.guidelinekb.EpisodeResult;
import io.guidelinekb.EvaluationException;
import io.guidelinekb.KnowledgeBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Runs scenario files against a knowledge base: the regression suite behind {@code test} and JUnit. */
public final class ScenarioRun {

    /** How one scenario file fared; {@code problems} says why it did not pass. */
    public record Outcome(String file, String name, Verdict verdict, List<String> problems) {
        public Outcome {
            problems = List.copyOf(problems);
        }

        public boolean passed() {
            return verdict == Verdict.PASSED;
        }
    }

    public enum Verdict {
        PASSED,
        /** The result differs from what the scenario expects. */
        FAILED,
        /** The scenario file itself is invalid. */
        INVALID,
        /** A rule failed while evaluating it. */
        ERROR
    }

    private ScenarioRun() {
    }

    /**
     * The scenario files at {@code paths}: files as given, folders searched for {@code .yaml},
     * {@code .yml} and {@code .json} files, in path order.
     */
    public static List<Path> findScenarioFiles(List<Path> paths) throws InvalidInputException {
        return find(paths, p -> Documents.isYaml(p) || Documents.isJson(p));
    }

    /** Like {@link #findScenarioFiles}, and record streams ({@code .ndjson}, {@code .jsonl}) too. */
    public static List<Path> findInputFiles(List<Path> paths) throws InvalidInputException {
        return find(paths, p -> Documents.isYaml(p) || Documents.isJson(p) || Documents.isRecordStream(p));
    }

    private static List<Path> find(List<Path> paths, java.util.function.Predicate<Path> wanted)
            throws InvalidInputException {
        List<Path> files = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(p -> Files.isRegularFile(p) && wanted.test(p))
                            .sorted().forEach(files::add);
                } catch (IOException | UncheckedIOException e) {
                    problems.add(path + ": cannot read: " + e.getMessage());
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                problems.add(path + ": no such file or folder");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return files;
    }

    public static Outcome run(KnowledgeBase knowledgeBase, Path file) {
        Scenario scenario;
        try {
            scenario = ScenarioReader.read(file, knowledgeBase.bindings());
        } catch (InvalidInputException e) {
            return new Outcome(file.toString(), null, Verdict.INVALID, e.problems());
        }
        EpisodeResult result;
        try {
            result = knowledgeBase.evaluate(scenario.input());
        } catch (EvaluationException e) {
            return new Outcome(file.toString(), scenario.name(), Verdict.ERROR, List.of(e.getMessage()));
        }
        List<String> differences = ScenarioCheck.differences(scenario.expect(), result);
        return new Outcome(file.toString(), scenario.name(), differences.isEmpty() ? Verdict.PASSED : Verdict.FAILED,
                differences);
    }
}
