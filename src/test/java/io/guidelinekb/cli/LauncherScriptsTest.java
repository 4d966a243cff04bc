package io.guidelinekb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The launcher and CI scripts run under {@code set -o pipefail}: a pipe into a command that stops
 * reading early ({@code head}, {@code grep -q}) can kill the writer with SIGPIPE, and then the whole
 * script ends with 141, at random (the launcher did, making its archive in CI).
 */
class LauncherScriptsTest {

    private static final Pattern EARLY_READER = Pattern.compile("\\|\\s*(head\\b|grep\\s+(-\\w*\\s+)*-\\w*q)");

    @Test
    void noPipeUnderPipefailEndsInAReaderThatStopsEarly() throws IOException {
        List<Path> scripts = new ArrayList<>(List.of(Path.of("bin/guideline-kb")));
        try (Stream<Path> ci = Files.list(Path.of(".ci"))) {
            ci.filter(Files::isRegularFile).forEach(scripts::add);
        }
        List<String> found = new ArrayList<>();
        int checked = 0;
        for (Path script : scripts) {
            List<String> lines = Files.readAllLines(script);
            if (lines.stream().noneMatch(line -> line.contains("pipefail"))) {
                continue;
            }
            checked++;
            for (int i = 0; i < lines.size(); i++) {
                String code = lines.get(i).strip();
                if (!code.startsWith("#") && EARLY_READER.matcher(code).find()) {
                    found.add(script + ":" + (i + 1) + ": " + code);
                }
            }
        }
        assertTrue(checked >= 2, "the launcher and a CI script at least run under pipefail");
        assertEquals(List.of(), found);
    }
}
