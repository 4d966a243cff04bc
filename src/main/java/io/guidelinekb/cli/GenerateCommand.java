package io.guidelinekb.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guidelinekb.pipeline.PopulationGenerator;
import io.guidelinekb.util.InvalidInputException;
import io.guidelinekb.input.RecordJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = "Writes synthetic batch records (one JSON object a line) with a plausible mix of ages, "
                + "durations, red flags, missing data and proposed interventions; the same seed gives the same file.")
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.ParentCommand
    GuidelineKbCommand parent;

    @Option(names = "--count", required = true, paramLabel = "N", description = "How many records.")
    long count;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--as-of", paramLabel = "DATE", description = "Evaluation date of every record, YYYY-MM-DD "
            + "(default: 2026-01-15).", defaultValue = "2026-01-15")
    String asOf;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the records.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (count < 0) {
            throw new InvalidInputException("--count: must not be negative, got " + count);
        }
        LocalDate date;
        try {
            date = LocalDate.parse(asOf);
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException("--as-of: \"" + asOf + "\" is not a date that exists (expected YYYY-MM-DD)");
        }
        if (date.getYear() < 100 || date.getYear() > 9999) {
            throw new InvalidInputException("--as-of: \"" + asOf + "\" is outside the years 0100 to 9999 (records take "
                    + "dates from 0001 on, and generated birth dates reach 98 years back)");
        }
        // the shares are the guideline's, in its population.yaml: no guideline's words are written in Java
        PopulationGenerator generator = new PopulationGenerator(seed, date,
                io.guidelinekb.pipeline.Population.of(parent.rulesFolder(), parent.guideline));
        ObjectMapper mapper = new ObjectMapper();
        Path partial = out.resolveSibling(out.getFileName() + ".partial");
        try (BufferedWriter writer = Files.newBufferedWriter(partial)) {
            for (long i = 0; i < count; i++) {
                writer.write(mapper.writeValueAsString(RecordJson.toJson(generator.next())));
                writer.newLine();
            }
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw new InvalidInputException(out + ": cannot write: " + e.getMessage());
        }
        Files.move(partial, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        spec.commandLine().getErr().println("wrote " + count + " records to " + out + " (seed " + seed + ", as of " + date + ")");
        return Main.OK;
    }
}
