package io.guidelinekb.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.RulesFolder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/authoring.md's worked example, run as written: every {@code $ bin/guideline-kb …} line of the
 * section, on a draft copy of the rules with the change it describes, and every line of output it
 * shows is in what the command prints ("…" stands for what the document leaves out). A figure in the
 * walk-through that goes stale fails here.
 */
@io.guidelinekb.DocsTest
class WorkedExampleTest {

    private static final Path DOCUMENT = Path.of("docs/authoring.md");
    private static final String SECTION = "## Change a threshold: a worked example";
    private static final String DRAFT = "/tmp/draft";

    @TempDir
    Path temp;

    /** One command of the transcript and the lines the document shows it printing. */
    record Step(String command, List<String> shown) {
    }

    static List<Step> steps() throws Exception {
        String text = Files.readString(DOCUMENT);
        int start = text.indexOf(SECTION);
        String section = text.substring(start, text.indexOf("\n## ", start + SECTION.length()));
        List<Step> steps = new ArrayList<>();
        Step current = null;
        boolean inBlock = false;
        for (String raw : section.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("```")) {
                inBlock = !inBlock;
                current = null;
                continue;
            }
            if (!inBlock) {
                continue;
            }
            if (line.startsWith("$ bin/guideline-kb ")) {
                current = new Step(line.substring("$ bin/guideline-kb ".length()), new ArrayList<>());
                steps.add(current);
            } else if (current != null && !line.isEmpty()) {
                current.shown().add(line);
            }
        }
        return steps;
    }

    @Test
    void everyCommandOfTheWalkThroughPrintsWhatTheDocumentShows() throws Exception {
        RulesFolder draft = RulesFolder.copyOfShipped(temp.resolve("draft"))
                .replace("00-scope.drl", "ageYearsAtMost < 16", "ageYearsAtMost < 18");
        String root = draft.root().toString();
        List<Step> steps = steps();
        assertFalse(steps.isEmpty(), "the section has commands");

        for (Step step : steps) {
            String[] args = Arrays.stream(step.command().split(" ")).map(a -> a.replace(DRAFT, root)).toArray(String[]::new);
            StringWriter out = new StringWriter();
            Main.run(new PrintWriter(out, true), new PrintWriter(out, true), args);
            String printed = out.toString().replace(root, DRAFT);
            for (String shown : step.shown()) {
                String expected = shown.contains("…") ? shown.substring(0, shown.indexOf("…")).strip() : shown;
                assertTrue(expected.isEmpty() || printed.contains(expected), "docs/authoring.md shows, for "
                        + step.command() + ":\n  " + shown + "\nbut it prints:\n" + printed);
            }
        }
    }
}
