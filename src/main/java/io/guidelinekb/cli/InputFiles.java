package io.guidelinekb.cli;

import io.guidelinekb.util.InvalidInputException;
import io.guidelinekb.scenario.InputReader;
import io.guidelinekb.scenario.Scenario;
import io.guidelinekb.scenario.ScenarioReader;
import io.guidelinekb.scenario.ScenarioRun;
import io.guidelinekb.KnowledgeBase;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Reads every input file before anything is evaluated, so that one invalid file stops the run with nothing done. */
final class InputFiles {

    private InputFiles() {
    }

    /** FHIR R4 Bundles among them are read with the knowledge base's {@code bindings}, as of {@code asOf}. */
    static List<InputReader.Input> readAll(List<Path> files, KnowledgeBase kb, LocalDate asOf)
            throws InvalidInputException {
        List<InputReader.Input> inputs = new ArrayList<>();
        readEach(files, file -> inputs.addAll(InputReader.read(file, kb, asOf)));
        return inputs;
    }

    /** Every scenario at {@code paths} (files, or folders searched); those given as FHIR are read with {@code bindings}. */
    static List<Scenario> readScenarios(List<Path> paths, KnowledgeBase kb) throws InvalidInputException {
        List<Path> files = ScenarioRun.findScenarioFiles(paths);
        if (files.isEmpty()) {
            throw new InvalidInputException(paths + ": no scenario files (.yaml, .yml, .json) found");
        }
        List<Scenario> scenarios = new ArrayList<>();
        readEach(files, file -> scenarios.add(ScenarioReader.read(file, kb)));
        return scenarios;
    }

    private interface Reading {
        void read(Path file) throws InvalidInputException;
    }

    private static void readEach(List<Path> files, Reading reading) throws InvalidInputException {
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            try {
                reading.read(file);
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }
}
