package io.guidelinekb.cli;

import java.time.LocalDate;
import picocli.CommandLine.Option;

/** {@code --as-of DATE}: the evaluation date of FHIR input, which, unlike a scenario, does not carry one. */
final class AsOfOption {

    @Option(names = "--as-of", paramLabel = "DATE", converter = IsoDate.class, description = "Evaluation date for FHIR R4 Bundles, "
            + "YYYY-MM-DD (default: today); scenarios and records carry their own asOf.")
    LocalDate asOf;

    LocalDate date() {
        return asOf != null ? asOf : LocalDate.now();
    }

    static final class IsoDate implements picocli.CommandLine.ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            try {
                return LocalDate.parse(value);
            } catch (java.time.format.DateTimeParseException e) {
                throw new picocli.CommandLine.TypeConversionException("\"" + value + "\" is not a date; write YYYY-MM-DD");
            }
        }
    }
}
