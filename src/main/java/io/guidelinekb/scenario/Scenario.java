package io.guidelinekb.scenario;

import io.guidelinekb.model.Case;
import java.util.List;
import java.util.Objects;

/**
 * One patient with one episode, evaluated on a given date, and what the knowledge base must conclude.
 *
 * @param decisions for a scenario given as FHIR, how its resources were read
 */
public record Scenario(String file, String name, String description, Case input, Expectation expect,
                       List<String> decisions, String guideline) {

    public Scenario {
        decisions = List.copyOf(decisions);
        Objects.requireNonNull(file, "file must not be null");
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(input, "input must not be null");
        Objects.requireNonNull(expect, "expect must not be null");
        Objects.requireNonNull(guideline, "guideline must not be null");
    }
}
