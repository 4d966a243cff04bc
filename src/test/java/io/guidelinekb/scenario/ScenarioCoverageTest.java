package io.guidelinekb.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guidelinekb.LbpFixture;
import io.guidelinekb.util.InvalidInputException;
import io.guidelinekb.model.RecommendationDefinition;
import io.guidelinekb.model.ScopeStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The suite must keep covering every scope reason and every recommendation given, withheld and triggered. */
class ScenarioCoverageTest {

    static List<Scenario> scenarios = new ArrayList<>();

    @BeforeAll
    static void readSuite() throws InvalidInputException {
        for (Path file : ScenarioRun.findScenarioFiles(List.of(ScenarioSuiteTest.FACTS))) {
            scenarios.add(ScenarioReader.read(file,io.guidelinekb.LbpFixture.knowledgeBase()));
        }
    }

    @Test
    void everyScopeReasonIsExpectedSomewhere() {
        Set<String> covered = new TreeSet<>();
        scenarios.stream().filter(s -> s.expect().reasons() != null).forEach(s -> covered.addAll(s.expect().reasons()));
        assertEquals(new TreeSet<>(LbpFixture.vocabulary().terms(io.guidelinekb.model.Vocabulary.Section.SCOPE_REASONS)
                .keySet()), covered);
    }

    @Test
    void everyRecommendationIsGivenTriggeredAndWithheldSomewhere() {
        Set<String> ids = new TreeSet<>();
        LbpFixture.knowledgeBase().recommendations().stream().map(RecommendationDefinition::id).forEach(ids::add);
        Set<String> given = new TreeSet<>();
        Set<String> triggered = new TreeSet<>();
        Set<String> withheld = new TreeSet<>();
        for (Scenario s : scenarios) {
            if (s.expect().recommendations() != null) {
                Set<String> expected = new TreeSet<>();
                s.expect().recommendations().forEach(r -> expected.add(r.id()));
                given.addAll(expected);
                Set<String> missing = new TreeSet<>(ids);
                missing.removeAll(expected);
                withheld.addAll(missing);
            }
            if (s.expect().triggered() != null) {
                triggered.addAll(s.expect().triggered());
            }
        }
        assertEquals(ids, given, "given");
        assertEquals(ids, triggered, "triggered");
        assertEquals(ids, withheld, "withheld (out of scope, undetermined, or by a condition)");
    }

    @Test
    void everyScopeStatusIsExpectedSomewhere() {
        Set<ScopeStatus> covered = EnumSet.noneOf(ScopeStatus.class);
        scenarios.forEach(s -> covered.add(s.expect().scope()));
        assertEquals(EnumSet.allOf(ScopeStatus.class), covered);
    }
}
