package io.guidelinekb.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Parameters;

/** The scenario files and folders a command runs, {@code facts/} unless given. */
final class ScenarioPaths {

    @Parameters(paramLabel = "PATH", arity = "0..*", defaultValue = "facts",
            description = "Scenario files or folders (default: ${DEFAULT-VALUE}).")
    List<Path> paths;
}
