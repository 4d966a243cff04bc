package io.guidelinekb.model;

import java.util.List;
import java.util.stream.Collectors;

/** The rules could not be loaded; {@link #problems()} says where and why, one problem each. */
public final class RuleLoadException extends Exception {

    private final transient List<RuleProblem> problems;

    /**
     * An exception for these problems; its message lists them, one a line.
     *
     * @param problems what is wrong, each located in its file
     */
    public RuleLoadException(List<RuleProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * What is wrong.
     *
     * @return every problem, each with file, line, column and message
     */
    public List<RuleProblem> problems() {
        return problems;
    }

    private static String describe(List<RuleProblem> problems) {
        return problems.stream().map(RuleProblem::toString).collect(Collectors.joining(System.lineSeparator()));
    }
}
