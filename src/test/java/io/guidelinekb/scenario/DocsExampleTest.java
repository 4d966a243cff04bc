package io.guidelinekb.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guidelinekb.Shipped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples in the scenario format document pass when pasted into a file. */
class DocsExampleTest {

    @TempDir
    Path temp;

    @Test
    void theFhirScenarioExamplePasses() throws Exception {
        String doc = Files.readString(Path.of("docs/scenario-format.md"));
        String section = doc.substring(doc.indexOf("## Scenarios given as FHIR"));
        String yaml = section.substring(section.indexOf("```yaml\n") + 8, section.indexOf("```\n", section.indexOf("```yaml")));
        Path file = Files.writeString(temp.resolve("example.yaml"), yaml);

        ScenarioRun.Outcome outcome = ScenarioRun.run(Shipped.knowledgeBase(), file);

        assertEquals(List.of(), outcome.problems());
        assertEquals(ScenarioRun.Verdict.PASSED, outcome.verdict());
    }
}
