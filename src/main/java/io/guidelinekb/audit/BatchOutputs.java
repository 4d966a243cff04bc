package io.guidelinekb.audit;

import io.guidelinekb.util.InvalidInputException;
import io.guidelinekb.output.OutputFailedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Where batch writes, checked before anything is touched. Every path the run will write, rename or
 * back up ({@code FILE}, {@code FILE.partial}, {@code FILE.previous}) is compared as a real path with
 * the input and with every other output's, so that a link, {@code ./} or a backup's name cannot hide
 * a clash; no output may be a folder or in a folder that does not exist.
 *
 * <p>A regular file (or a new one) is written to {@code FILE.partial} and takes its name only when the
 * run is complete; an earlier run's {@code FILE} is moved to {@code FILE.previous} first. A link is
 * written through, to its target. A special file (a device such as {@code /dev/null}, a pipe) is
 * written straight to: it is never renamed, backed up or replaced, and neither is any
 * {@code .partial} or {@code .previous} path that is not a regular file.
 */
public final class BatchOutputs {

    /** One output: the name it was given, the file it ends up in, and whether that is a special file. */
    private record Output(String option, Path given, Path target, boolean special) {

        Path partial() {
            return special ? null : sibling(".partial");
        }

        Path written() {
            return special ? target : partial();
        }

        private Path sibling(String suffix) {
            return target.resolveSibling(target.getFileName() + suffix);
        }
    }

    /** A path the run writes or moves, for comparing. */
    private record Planned(Output output, Path path, String what) {
    }

    private final Output out;
    private final Output report;
    private final Output csv;

    private BatchOutputs(Output out, Output report, Output csv) {
        this.out = out;
        this.report = report;
        this.csv = csv;
    }

    /**
     * Checks the outputs of a run against its input and each other; touches nothing.
     *
     * @param input  the records, or {@code null} for standard input
     * @param out    the results, or {@code null} for standard output
     * @param report the HTML report, or {@code null}
     * @param csv    the flagged episodes, or {@code null}
     * @throws InvalidInputException naming the option, the path and what it clashes with
     */
    public static BatchOutputs check(Path input, Path out, Path report, Path csv) throws InvalidInputException {
        BatchOutputs outputs = new BatchOutputs(resolve("--out", out), resolve("--report", report), resolve("--csv", csv));
        List<Planned> planned = outputs.planned();
        for (Planned p : planned) {
            sideFileIsRegular(p);
            if (input != null && realPath(p.path()).equals(realPath(input))) {
                throw clash(p, "the input (" + input + ")");
            }
        }
        for (int i = 0; i < planned.size(); i++) {
            for (int j = 0; j < i; j++) {
                Planned earlier = planned.get(j);
                Planned later = planned.get(i);
                if (earlier.output() != later.output() && realPath(earlier.path()).equals(realPath(later.path()))) {
                    String other = earlier.output().option() + (earlier.what().isEmpty() ? "" : "'s " + earlier.what())
                            + " (" + earlier.path() + ")";
                    throw clash(later, other);
                }
            }
        }
        return outputs;
    }

    private List<Planned> planned() {
        List<Planned> planned = new ArrayList<>();
        for (Output output : new Output[] {out, report, csv}) {
            if (output == null) {
                continue;
            }
            planned.add(new Planned(output, output.target(), ""));
            if (!output.special()) {
                planned.add(new Planned(output, output.partial(), ".partial file"));
                if (output == out) {
                    planned.add(new Planned(output, output.sibling(".previous"), "backup"));
                }
            }
        }
        return planned;
    }

    private static InvalidInputException clash(Planned p, String other) {
        String which = p.what().isEmpty() ? "" : ": its " + p.what() + " " + p.path();
        return new InvalidInputException(p.output().option() + " " + p.output().given() + which + ": is " + other
                + "; it would be overwritten; nothing was written");
    }

    /** A link is followed to its target; a folder or a missing folder is refused; anything else not regular is special. */
    private static Output resolve(String option, Path file) throws InvalidInputException {
        if (file == null) {
            return null;
        }
        Path target = file;
        if (Files.isSymbolicLink(file)) {
            if (!Files.exists(file)) {
                throw new InvalidInputException(option + " " + file + ": is a link to nothing; give a file name or "
                        + "a link to a file");
            }
            try {
                target = file.toRealPath();
            } catch (IOException e) {
                throw new InvalidInputException(option + " " + file + ": cannot follow the link: " + e.getMessage());
            }
        }
        if (Files.isDirectory(target)) {
            throw new InvalidInputException(option + " " + file + ": is a folder; give a file name");
        }
        Path folder = target.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new InvalidInputException(option + " " + file + ": the folder " + folder + " does not exist");
        }
        boolean special = Files.exists(target) && !Files.isRegularFile(target);
        return new Output(option, file, target, special);
    }

    /** Batch renames and replaces regular files only: a link, folder or device in a side file's place stops it. */
    private static void sideFileIsRegular(Planned p) throws InvalidInputException {
        if (p.what().isEmpty() || !Files.exists(p.path(), LinkOption.NOFOLLOW_LINKS)
                || Files.isRegularFile(p.path(), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        String kind = Files.isSymbolicLink(p.path()) ? "a link" : Files.isDirectory(p.path(), LinkOption.NOFOLLOW_LINKS)
                ? "a folder" : "a special file";
        throw new InvalidInputException(p.output().option() + " " + p.output().given() + ": its " + p.what() + " "
                + p.path() + " is " + kind + ", which batch never replaces; remove it or choose another name; "
                + "nothing was written");
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

    /** Where the results are written while the run lasts, or null for standard output. */
    public Path results() {
        return out == null ? null : out.written();
    }

    /** Where the flagged episodes are written while the run lasts, or null without {@code --csv}. */
    public Path flagged() {
        return csv == null ? null : csv.written();
    }

    /** Moves an earlier run's results (a regular file) to {@code FILE.previous}. */
    public void moveAsideEarlierRun(PrintWriter err) throws OutputFailedException {
        if (out == null || out.special() || !Files.exists(out.target())) {
            return;
        }
        Path previous = out.sibling(".previous");
        try {
            Files.move(out.target(), previous, StandardCopyOption.REPLACE_EXISTING);
            err.println("batch: an earlier " + out.given() + " was moved to " + previous);
        } catch (IOException e) {
            throw new OutputFailedException(out.given() + ": cannot move the earlier run's results aside: "
                    + e.getMessage() + "; nothing was written");
        }
    }

    /** What an interrupted or failed run leaves, for its message. */
    public String whatIsLeft() {
        if (out == null) {
            return "the results so far went to stdout";
        }
        if (out.special()) {
            return "the results so far went to " + out.given();
        }
        return out.partial() + " holds the results so far and is incomplete; " + out.given() + " was not written"
                + (report == null ? "" : ", nor " + report.given()) + (csv == null ? "" : ", nor " + csv.given());
    }

    /** Gives each partial output its name. */
    public void complete() throws OutputFailedException {
        for (Output output : new Output[] {out, csv}) {
            if (output != null && !output.special()) {
                try {
                    Files.move(output.partial(), output.target(), StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new OutputFailedException(output.given() + ": cannot rename " + output.partial() + " to it: "
                            + e.getMessage());
                }
            }
        }
    }

    /** Writes the report whole: through its partial file, or straight to a special file. */
    public void writeReport(String html) throws OutputFailedException {
        try {
            Files.writeString(report.written(), html);
            if (!report.special()) {
                Files.move(report.partial(), report.target(), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new OutputFailedException(report.given() + ": cannot write: " + e.getMessage());
        }
    }
}
