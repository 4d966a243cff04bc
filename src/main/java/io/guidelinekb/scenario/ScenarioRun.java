package io.guidelinekb.scenario;

import io.guidelinekb.model.Case;
import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.model.EvaluationException;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.pipeline.OutcomeDiff;
import io.guidelinekb.ReloadingKnowledgeBase;
import io.guidelinekb.input.Documents;
import io.guidelinekb.util.InvalidInputException;
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
                try (Stream<Path> walk = Files.walk(path, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
                    walk.filter(p -> !io.guidelinekb.util.HiddenPaths.hidden(path, p) && Files.isRegularFile(p) && wanted.test(p))
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

    /**
     * Runs every file alone, then every valid one together in shared sessions, as batch evaluates:
     * a scenario that passes alone but gets another result together fails. That is the mark of a
     * rule that relates facts of different episodes, which scenarios run one at a time never show.
     * Each scenario is run with its own guideline (see {@link ScenarioReader#read}), so one run takes
     * every guideline's scenarios.
     */
    public static List<Outcome> runAll(KnowledgeBase knowledgeBase, List<Path> files) {
        List<Outcome> outcomes = new ArrayList<>(files.size());
        java.util.Map<String, Together> byGuideline = new java.util.LinkedHashMap<>();
        for (Path file : files) {
            Evaluated evaluated = evaluate(knowledgeBase, file);
            outcomes.add(evaluated.outcome());
            if (evaluated.outcome().passed()) {
                Together group = byGuideline.computeIfAbsent(evaluated.guideline().guideline().id(),
                        id -> new Together(evaluated.guideline()));
                group.passed.add(outcomes.size() - 1);
                group.cases.add(evaluated.input());
                group.alone.add(evaluated.result());
            }
        }
        byGuideline.values().forEach(group -> runTogether(group.knowledgeBase, group, outcomes));
        return outcomes;
    }

    /** The scenarios of one guideline that passed alone, to be run together. */
    private static final class Together {
        final KnowledgeBase knowledgeBase;
        final List<Integer> passed = new ArrayList<>();
        final List<Case> cases = new ArrayList<>();
        final List<EpisodeResult> alone = new ArrayList<>();

        Together(KnowledgeBase knowledgeBase) {
            this.knowledgeBase = knowledgeBase;
        }
    }

    private static void runTogether(KnowledgeBase knowledgeBase, Together group, List<Outcome> outcomes) {
        List<Integer> passed = group.passed;
        List<Case> cases = group.cases;
        List<EpisodeResult> alone = group.alone;
        List<EpisodeResult> together;
        try {
            together = knowledgeBase.evaluateAll(cases);
        } catch (EvaluationException e) {
            for (int i : passed) {
                Outcome o = outcomes.get(i);
                outcomes.set(i, new Outcome(o.file(), o.name(), Verdict.ERROR, List.of("evaluated together with the "
                        + "other scenarios: " + e.getMessage())));
            }
            return;
        }
        for (int k = 0; k < passed.size(); k++) {
            List<String> differences = OutcomeDiff.between(alone.get(k), together.get(k));
            if (!differences.isEmpty()) {
                Outcome o = outcomes.get(passed.get(k));
                outcomes.set(passed.get(k), new Outcome(o.file(), o.name(), Verdict.FAILED, List.of(
                        "evaluated together with the other scenarios it gets another result than alone ("
                                + String.join("; ", differences) + "): a rule relates facts of different episodes "
                                + "other than by id")));
            }
        }
    }

    /**
     * A check for {@link ReloadingKnowledgeBase}: a new version serves only when every
     * scenario at {@code paths} passes with it, alone and together.
     */
    public static ReloadingKnowledgeBase.Check gate(List<Path> paths) {
        return candidate -> {
            List<Path> files;
            try {
                files = findScenarioFiles(paths);
            } catch (InvalidInputException e) {
                return e.problems();
            }
            if (files.isEmpty()) {
                return List.of(paths + ": no scenarios to check the new rules against");
            }
            List<String> failures = new ArrayList<>();
            for (Outcome outcome : runAll(candidate, files)) {
                if (!outcome.passed()) {
                    failures.add(outcome.file() + ": " + outcome.verdict() + ": " + String.join("; ", outcome.problems()));
                }
            }
            return failures;
        };
    }

    /** Expected ids that no rule declares: a typo such as NKR-LBP-4 would otherwise read as a mismatch. */
    private static List<String> unknownIds(KnowledgeBase knowledgeBase, Expectation expect) {
        java.util.Set<String> known = new java.util.TreeSet<>();
        knowledgeBase.recommendations().forEach(d -> known.add(d.id()));
        List<String> problems = new ArrayList<>();
        java.util.Map<String, java.util.Collection<String>> expected = new java.util.LinkedHashMap<>();
        if (expect.recommendations() != null) {
            expected.put("expect.recommendations", expect.recommendations().stream().map(ExpectedRecommendation::id).toList());
        }
        if (expect.given() != null) {
            expected.put("expect.given", expect.given().stream().map(ExpectedRecommendation::id).toList());
        }
        expected.put("expect.withheld", expect.withheld() == null ? List.of() : expect.withheld());
        expected.put("expect.triggered", expect.triggered() == null ? List.of() : expect.triggered());
        expected.put("expect.triggeredAgainst", expect.triggeredAgainst() == null ? List.of() : expect.triggeredAgainst());
        expected.put("expect.triggeredWith", expect.triggeredWith() == null ? List.of() : expect.triggeredWith());
        expected.forEach((field, ids) -> {
            for (String id : new java.util.TreeSet<>(ids)) {
                if (!known.contains(id)) {
                    String like = known.stream().filter(k -> k.replace("-0", "-").equals(id.replace("-0", "-"))
                            || k.equalsIgnoreCase(id)).findFirst().map(k -> " (did you mean " + k + "?)").orElse("");
                    problems.add(field + ": " + id + " is not a recommendation any rule declares" + like + "; known: "
                            + String.join(", ", known));
                }
            }
        });
        return problems;
    }

    private record Evaluated(Outcome outcome, Case input, EpisodeResult result, KnowledgeBase guideline) {
    }

    public static Outcome run(KnowledgeBase knowledgeBase, Path file) {
        return evaluate(knowledgeBase, file).outcome();
    }

    private static Evaluated evaluate(KnowledgeBase all, Path file) {
        Scenario scenario;
        try {
            scenario = ScenarioReader.read(file, all);
        } catch (InvalidInputException e) {
            return new Evaluated(new Outcome(file.toString(), null, Verdict.INVALID, e.problems()), null, null, null);
        }
        KnowledgeBase knowledgeBase = all.guideline(scenario.guideline()).orElseThrow();
        List<String> unknown = unknownIds(knowledgeBase, scenario.expect());
        if (!unknown.isEmpty()) {
            return new Evaluated(new Outcome(file.toString(), scenario.name(), Verdict.INVALID, unknown), null, null,
                    null);
        }
        EpisodeResult result;
        try {
            result = knowledgeBase.evaluate(scenario.input());
        } catch (EvaluationException e) {
            return new Evaluated(new Outcome(file.toString(), scenario.name(), Verdict.ERROR, List.of(e.getMessage())),
                    null, null, null);
        }
        List<String> differences = new java.util.ArrayList<>(ScenarioCheck.differences(scenario.expect(), result));
        if (!differences.isEmpty() && scenario.expect().recommendations() != null) {
            // a recommendation retired since the scenario was written: say so rather than only "missing"
            java.util.Set<String> expected = new java.util.HashSet<>();
            scenario.expect().recommendations().forEach(r -> expected.add(r.id()));
            knowledgeBase.recommendations().stream().filter(d -> d.lifecycle() == io.guidelinekb.model.Lifecycle.RETIRED
                    && expected.contains(d.id())).forEach(d -> differences.add(d.id() + " is retired (its rule says "
                    + "@status(\"retired\")) and is never given: take it out of this scenario's expectations"));
        }
        return new Evaluated(new Outcome(file.toString(), scenario.name(), differences.isEmpty() ? Verdict.PASSED
                : Verdict.FAILED, differences), scenario.input(), result, knowledgeBase);
    }
}
