package io.guidelinekb.guideline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's packaging of a rules folder for the jar. */
class RulesPackagerTest {

    @TempDir
    Path temp;

    @Test
    void dataFilesGoInAsJsonThatSaysWhatTheYamlSaysAndTheIndexListsEveryFile() throws Exception {
        Path root = temp.resolve("out/rules");
        assertEquals(0, RulesPackager.pack(io.guidelinekb.RulesFolder.LBP, root, System.err));

        List<String> index = Files.readAllLines(temp.resolve("out/rules.index"));
        assertTrue(index.contains("fixture-lbp/04-imaging.drl") && index.contains("fixture-lbp/guideline.json")
                && index.contains("fixture-lbp/bindings.json"), index.toString());
        assertFalse(index.stream().anyMatch(DataFiles::isYaml), "no YAML in the jar");
        byte[] yaml = Files.readAllBytes(Path.of("src/test/resources/fixture/rules/fixture-lbp/guideline.yaml"));
        assertEquals(DataFiles.tree(yaml, "guideline.yaml"),
                new ObjectMapper().readTree(root.resolve("fixture-lbp/guideline.json").toFile()));
    }

    @Test
    void aDataFileThatDoesNotParseStopsTheBuildNamingFileLineAndColumn() throws Exception {
        Path rules = Files.createDirectories(temp.resolve("rules/g"));
        Files.writeString(rules.resolve("guideline.yaml"), "id: g\ntitle: [oops\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertEquals(1, RulesPackager.pack(temp.resolve("rules"), temp.resolve("out/rules"),
                new PrintStream(err, true, StandardCharsets.UTF_8)));

        String said = err.toString(StandardCharsets.UTF_8);
        assertTrue(said.startsWith(rules.resolve("guideline.yaml") + ":2:13: error: not valid YAML: "), said);
        assertFalse(said.contains("Exception") || said.contains("\tat "), said);
    }
}
