package io.guidelinekb.cli;

import picocli.CommandLine.Option;

/** {@code --format text|json}. */
final class FormatOption {

    enum Format { text, json }

    @Option(names = "--format", defaultValue = "text", description = "Output: ${COMPLETION-CANDIDATES} "
            + "(default: ${DEFAULT-VALUE}).")
    Format format;

    boolean json() {
        return format == Format.json;
    }
}
