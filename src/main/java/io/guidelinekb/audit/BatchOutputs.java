package io.guidelinekb.audit;

import io.guidelinekb.input.InvalidInputException;
import io.guidelinekb.output.OutputFailedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where batch writes, checked before anything is: no output may be the input or another output
 * (compared as real paths, so a link or {@code ./} cannot hide it), nor a folder, nor in a folder
 * that does not exist. Results go to {@code FILE.partial} and take the name only when the run is
 * complete; an earlier run's {@code FILE} is moved to {@code FILE.previous} first, so that an
 * interrupted run never leaves it looking like this run's.
 */
public final class BatchOutputs {

    private final Path out;
    private final Path partial;
    private final Path report;
    private final Path csv;
    private final Path csvPartial;

    private BatchOutputs(Path out, Path report, Path csv) {
        this.out = out;
        this.partial = partialOf(out);
        this.report = report;
        this.csv = csv;
        this.csvPartial = partialOf(csv);
    }

    private static Path partialOf(Path file) {
        return file == null ? null : file.resolveSibling(file.getFileName() + ".partial");
    }

    public static BatchOutputs check(Path input, Path out, Path report, Path csv) throws InvalidInputException {
        BatchOutputs outputs = new BatchOutputs(out, report, csv);
        if (out != null) {
            writable("--out", out);
            same("--out", out, "the input", input);
            same("--out", outputs.partial, "the input (as --out's .partial file)", input);
        }
        if (report != null) {
            writable("--report", report);
            same("--report", report, "the input", input);
            same("--report", report, "--out", out);
            same("--report", report, "--out's .partial file", outputs.partial);
        }
        if (csv != null) {
            writable("--csv", csv);
            same("--csv", csv, "the input", input);
            same("--csv", outputs.csvPartial, "the input (as --csv's .partial file)", input);
            same("--csv", csv, "--out", out);
            same("--csv", csv, "--out's .partial file", outputs.partial);
            same("--csv", csv, "--report", report);
        }
        return outputs;
    }

    private static void writable(String option, Path file) throws InvalidInputException {
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(option + " " + file + ": is a folder; give a file name");
        }
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new InvalidInputException(option + " " + file + ": the folder " + folder + " does not exist");
        }
    }

    private static void same(String option, Path file, String other, Path otherFile) throws InvalidInputException {
        if (otherFile != null && realPath(file).equals(realPath(otherFile))) {
            throw new InvalidInputException(option + " " + file + ": is " + other + " (" + otherFile
                    + "); it would be overwritten; nothing was written");
        }
    }

    /** The real path of a file, or of its folder for a file not yet there. */
    private static Path realPath(Path file) {
        try {
            if (Files.exists(file)) {
                return file.toRealPath();
            }
            Path folder = file.toAbsolutePath().getParent();
            return folder == null ? file.toAbsolutePath().normalize()
                    : folder.toRealPath().resolve(file.getFileName());
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    public Path partial() {
        return partial;
    }

    /** Where the flagged episodes go while the run lasts, or null without {@code --csv}. */
    public Path csvPartial() {
        return csvPartial;
    }

    public void moveAsideEarlierRun(PrintWriter err) throws OutputFailedException {
        if (out == null || !Files.exists(out)) {
            return;
        }
        Path previous = out.resolveSibling(out.getFileName() + ".previous");
        try {
            Files.move(out, previous, StandardCopyOption.REPLACE_EXISTING);
            err.println("batch: an earlier " + out + " was moved to " + previous);
        } catch (IOException e) {
            throw new OutputFailedException(out + ": cannot move the earlier run's results aside: " + e.getMessage()
                    + "; nothing was written");
        }
    }

    /** What an interrupted or failed run leaves, for its message. */
    public String whatIsLeft() {
        return partial == null ? "the results so far went to stdout" : partial + " holds the results so far and is "
                + "incomplete; " + out + " was not written" + (report == null ? "" : ", nor " + report)
                + (csv == null ? "" : ", nor " + csv);
    }

    public void complete() throws OutputFailedException {
        if (partial != null) {
            try {
                Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new OutputFailedException(out + ": cannot rename " + partial + " to it: " + e.getMessage());
            }
        }
        if (csvPartial != null) {
            try {
                Files.move(csvPartial, csv, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new OutputFailedException(csv + ": cannot rename " + csvPartial + " to it: " + e.getMessage());
            }
        }
    }

    public void writeReport(String html) throws OutputFailedException {
        Path partialReport = report.resolveSibling(report.getFileName() + ".partial");
        try {
            Files.writeString(partialReport, html);
            Files.move(partialReport, report, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new OutputFailedException(report + ": cannot write: " + e.getMessage());
        }
    }
}
