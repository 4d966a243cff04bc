package io.guidelinekb.cli;

import io.guidelinekb.scenario.InvalidInputException;
import io.guidelinekb.scenario.Scenario;
import io.guidelinekb.scenario.ScenarioReader;
import io.guidelinekb.scenario.ScenarioRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

final class Scenarios {

    private Scenarios() {
    }

    /** Every scenario at {@code paths}; one invalid file stops the run with all problems reported. */
    static List<Scenario> readAll(List<Path> paths) throws InvalidInputException {
        List<Path> files = ScenarioRun.findScenarioFiles(paths);
        if (files.isEmpty()) {
            throw new InvalidInputException(paths + ": no scenario files (.yaml, .yml, .json) found");
        }
        List<Scenario> scenarios = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            try {
                scenarios.add(ScenarioReader.read(file));
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return scenarios;
    }
}
