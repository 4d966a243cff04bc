package io.guidelinekb.util;

import java.util.List;

/**
 * An input file (scenario or record) is invalid. Each problem names the file (and line, for
 * record streams) and the field: {@code facts/x.yaml: episode.onset: "2026-02-30" is not a date}.
 */
public final class InvalidInputException extends Exception {

    private final transient List<String> problems;

    public InvalidInputException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
