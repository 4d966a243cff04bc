package io.guidelinekb.cli;

import io.guidelinekb.scenario.InputReader;
import io.guidelinekb.scenario.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

final class InputFiles {

    private InputFiles() {
    }

    /** Reads every file before evaluating any, so that one invalid file stops the run with nothing done. */
    static List<InputReader.Input> readAll(List<Path> files) throws InvalidInputException {
        List<InputReader.Input> inputs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            try {
                inputs.addAll(InputReader.read(file));
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return inputs;
    }
}
