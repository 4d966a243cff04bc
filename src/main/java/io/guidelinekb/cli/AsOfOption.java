package io.guidelinekb.cli;

import java.time.LocalDate;
import picocli.CommandLine.Option;

/** {@code --as-of DATE}: the evaluation date of FHIR input, which, unlike a scenario, does not carry one. */
final class AsOfOption {

    @Option(names = "--as-of", paramLabel = "DATE", description = "Evaluation date for FHIR R4 Bundles, "
            + "YYYY-MM-DD (default: today); scenarios and records carry their own asOf.")
    LocalDate asOf;

    LocalDate date() {
        return asOf != null ? asOf : LocalDate.now();
    }
}
