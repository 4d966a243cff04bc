package io.guidelinekb.engine;

import io.guidelinekb.model.RuleLoadException;
import io.guidelinekb.model.RuleProblem;
import io.guidelinekb.guideline.DataFiles;
import io.guidelinekb.terminology.BindingsReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The DRL files of a rules folder and the terminology bindings beside them, read once, with the
 * content hash that versions them both: a new code changes what FHIR input means.
 */
public record RuleSources(Path directory, List<RuleFile> files, List<RuleFile> bindingFiles, List<RuleFile> guidelineFiles,
                   List<RuleFile> vocabularyFiles, List<RuleFile> sourceTexts, java.util.concurrent.FutureTask<String> hashing) {

    /**
     * The content hash, {@code sha256:} and 12 hex digits: worked out here unless {@link #hashBeside}
     * began it on another thread.
     */
    public String version() {
        try {
            hashing.run();   // nothing when it has run, or is running elsewhere
            return hashing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing the rules", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** A guideline's source as text ({@code guideline.yaml}'s {@code sourceText}), which its rules quote. */
    static final String SOURCE_TEXT = ".txt";

    /** A guideline folder's descriptor and card texts: {@code guideline.yaml} (or {@code .json}). */
    static final String GUIDELINE_FILE = "guideline";
    /** A guideline folder's terminology bindings: {@code bindings.yaml} (or {@code .json}). */
    static final String BINDINGS_FILE = "bindings";
    /** A guideline folder's vocabulary: {@code vocabulary.yaml} (or {@code .json}). */
    static final String VOCABULARY_FILE = io.guidelinekb.guideline.VocabularyReader.FILE;

    /** One DRL file: its path inside the folder ({@code nkr-lbp-2016/04-imaging.drl}) and as shown to people. */
    public record RuleFile(String relativePath, String displayPath, byte[] content) {

        /** The guideline folder the file is in: the first folder of its path, or "" for the top. */
        String guidelineFolder() {
            int slash = relativePath.indexOf('/');
            return slash < 0 ? "" : relativePath.substring(0, slash);
        }

        /** The DRL package that the folder implies: {@code nkr-lbp-2016/x.drl} → {@code nkr_lbp_2016}. */
        public String expectedPackage() {
            int slash = relativePath.lastIndexOf('/');
            return slash < 0 ? null : relativePath.substring(0, slash).replace('-', '_').replace('/', '.');
        }
    }

    public static RuleSources read(Path directory) throws RuleLoadException {
        String shown = directory.toString();
        if (!Files.isDirectory(directory)) {
            throw new RuleLoadException(List.of(RuleProblem.error(shown, 0, 0,
                    Files.exists(directory) ? "not a directory" : "no such directory")));
        }
        List<RuleFile> files;
        List<RuleFile> bindingFiles;
        List<RuleFile> guidelineFiles;
        List<RuleFile> vocabularyFiles;
        List<RuleFile> sourceTexts;
        try {
            List<Path> found = walk(directory);
            files = readAll(directory, found, p -> p.toString().endsWith(".drl"));
            bindingFiles = readAll(directory, found, p -> DataFiles.is(p.getFileName().toString(), BINDINGS_FILE));
            guidelineFiles = readAll(directory, found, p -> DataFiles.is(p.getFileName().toString(), GUIDELINE_FILE));
            vocabularyFiles = readAll(directory, found, p -> DataFiles.is(p.getFileName().toString(), VOCABULARY_FILE));
            sourceTexts = readAll(directory, found, p -> p.getFileName().toString().endsWith(SOURCE_TEXT));
        } catch (NoSuchFileException | NotDirectoryException e) {
            throw new RuleLoadException(List.of(RuleProblem.error(shown, 0, 0, "no such directory")));
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            throw new RuleLoadException(List.of(RuleProblem.error(shown, 0, 0, "cannot read: " + cause.getMessage())));
        }
        if (files.isEmpty()) {
            throw new RuleLoadException(List.of(RuleProblem.error(shown, 0, 0, "no .drl files in this folder")));
        }
        requireOneFormat(bindingFiles);
        requireOneFormat(guidelineFiles);
        requireOneFormat(vocabularyFiles);
        return new RuleSources(directory, files, bindingFiles, guidelineFiles, vocabularyFiles, sourceTexts,
                hashing(Stream.of(files, bindingFiles, guidelineFiles, vocabularyFiles, sourceTexts).flatMap(List::stream).toList()));
    }

    /**
     * The rules packaged under {@code root} on the class path, listed by {@code root.index} (one
     * path a line, relative to {@code root}), as the build packages {@code rules/}. Paths, contents
     * and so the version hash are those of the folder they were packaged from.
     */
    public static RuleSources fromClasspath(ClassLoader loader, String root) throws RuleLoadException {
        String shown = "classpath:" + root;
        byte[] index = resource(loader, root + ".index");
        if (index == null) {
            throw new RuleLoadException(List.of(RuleProblem.error(shown + ".index", 0, 0, "not on the class path; "
                    + "package the rules with their index as this project's build does, or load them from a folder")));
        }
        List<RuleFile> all = new java.util.ArrayList<>();
        for (String relative : new String(index, java.nio.charset.StandardCharsets.UTF_8).split("\\R")) {
            if (relative.isBlank()) {
                continue;
            }
            if (relative.strip().startsWith("/") || ("/" + relative.strip() + "/").contains("/../")) {
                throw new RuleLoadException(List.of(RuleProblem.error(shown + ".index", 0, 0, "lists " + relative.strip()
                        + ", which is outside " + root + "; give paths inside it")));
            }
            byte[] content = resource(loader, root + "/" + relative.strip());
            if (content == null) {
                throw new RuleLoadException(List.of(RuleProblem.error(shown + ".index", 0, 0, "lists " + relative.strip()
                        + ", which is not on the class path")));
            }
            all.add(new RuleFile(relative.strip(), shown + "/" + relative.strip(), content));
        }
        all.sort(java.util.Comparator.comparing(RuleFile::relativePath));
        List<RuleFile> files = all.stream().filter(f -> f.relativePath().endsWith(".drl")).toList();
        List<RuleFile> bindingFiles = all.stream().filter(f -> DataFiles.is(f.relativePath(), BINDINGS_FILE)).toList();
        List<RuleFile> guidelineFiles = all.stream().filter(f -> DataFiles.is(f.relativePath(), GUIDELINE_FILE)).toList();
        List<RuleFile> vocabularyFiles = all.stream().filter(f -> DataFiles.is(f.relativePath(), VOCABULARY_FILE)).toList();
        List<RuleFile> sourceTexts = all.stream().filter(f -> f.relativePath().endsWith(SOURCE_TEXT)).toList();
        if (files.isEmpty()) {
            throw new RuleLoadException(List.of(RuleProblem.error(shown + ".index", 0, 0, "lists no .drl files")));
        }
        requireOneFormat(bindingFiles);
        requireOneFormat(guidelineFiles);
        requireOneFormat(vocabularyFiles);
        return new RuleSources(Path.of(shown), files, bindingFiles, guidelineFiles, vocabularyFiles, sourceTexts,
                hashing(Stream.of(files, bindingFiles, guidelineFiles, vocabularyFiles, sourceTexts).flatMap(List::stream).toList()));
    }

    /**
     * The files of each guideline folder, by folder name in order ("" for files at the top): each
     * guideline compiles on its own, so that no guideline's rules see another's conclusions. The
     * version stays the whole folder's.
     */
    public java.util.SortedMap<String, RuleSources> byGuideline() {
        java.util.SortedMap<String, RuleSources> groups = new java.util.TreeMap<>();
        Stream.of(files, bindingFiles, guidelineFiles, vocabularyFiles).flatMap(List::stream).map(RuleFile::guidelineFolder)
                .distinct().forEach(folder -> groups.put(folder, new RuleSources(directory, inFolder(files, folder),
                        inFolder(bindingFiles, folder), inFolder(guidelineFiles, folder), inFolder(vocabularyFiles, folder),
                        inFolder(sourceTexts, folder), hashing)));
        // a folder of data files alone is not a guideline
        groups.values().removeIf(group -> group.files().isEmpty());
        return groups;
    }

    /**
     * The vocabulary of the one guideline folder these sources are (see {@link #byGuideline()}): an
     * empty one when the folder has no vocabulary file.
     */
    public io.guidelinekb.guideline.VocabularyReader.Result vocabulary() {
        String folder = files.isEmpty() ? "" : files.get(0).guidelineFolder();
        String guideline = folder.isEmpty() ? String.valueOf(directory.getFileName()) : folder;
        if (vocabularyFiles.isEmpty()) {
            return new io.guidelinekb.guideline.VocabularyReader.Result(
                    io.guidelinekb.guideline.VocabularyReader.empty(guideline), List.of());
        }
        RuleFile file = vocabularyFiles.get(0);
        return io.guidelinekb.guideline.VocabularyReader.read(file.content(), file.displayPath(), guideline);
    }

    private static List<RuleFile> inFolder(List<RuleFile> all, String folder) {
        return all.stream().filter(f -> f.guidelineFolder().equals(folder)).toList();
    }

    /** {@code bindings.yaml} and {@code bindings.json} side by side would each say what the folder means. */
    private static void requireOneFormat(List<RuleFile> dataFiles) throws RuleLoadException {
        for (int i = 1; i < dataFiles.size(); i++) {
            String previous = dataFiles.get(i - 1).relativePath();
            String path = dataFiles.get(i).relativePath();
            if (DataFiles.withoutFormat(previous).equals(DataFiles.withoutFormat(path))) {
                throw new RuleLoadException(List.of(RuleProblem.error(dataFiles.get(i).displayPath(), 0, 0,
                        "and " + previous.substring(previous.lastIndexOf('/') + 1) + " are both here; keep one")));
            }
        }
    }

    private static byte[] resource(ClassLoader loader, String name) throws RuleLoadException {
        try (java.io.InputStream in = loader.getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new RuleLoadException(List.of(RuleProblem.error("classpath:" + name, 0, 0, "cannot read: "
                    + e.getMessage())));
        }
    }

    /**
     * Links are followed the same way everywhere in the rules tree: a rules folder, a guideline folder
     * or a file may be a link (a loop of links is an error that names it).
     */
    /** Every regular file under {@code directory} that is not hidden: one walk for every kind of file. */
    private static List<Path> walk(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            return walk.filter(p -> !io.guidelinekb.util.HiddenPaths.hidden(directory, p) && Files.isRegularFile(p)).toList();
        }
    }

    private static List<RuleFile> readAll(Path directory, List<Path> found, java.util.function.Predicate<Path> wanted) {
        return found.stream().filter(wanted)
                .map(p -> readFile(directory, p))
                .sorted(java.util.Comparator.comparing(RuleFile::relativePath))
                .toList();
    }

    /**
     * Every bindings file read and checked. Each guideline's codes are its own: a code may mean one
     * concept within a guideline, and another in another guideline.
     *
     * @param known a guideline folder's vocabulary when it has been read already, else null (it is read)
     */
    public BindingsReader.Result bindings(java.util.function.Function<String, io.guidelinekb.model.Vocabulary> known) {
        List<io.guidelinekb.model.CodeBinding> all = new java.util.ArrayList<>();
        java.util.Map<String, List<io.guidelinekb.model.CodeBinding>> byGuideline = new java.util.TreeMap<>();
        List<RuleProblem> problems = new java.util.ArrayList<>();
        var groups = byGuideline();
        for (RuleFile file : bindingFiles) {
            RuleSources folder = groups.get(file.guidelineFolder());
            io.guidelinekb.model.Vocabulary vocabulary = folder == null
                    ? io.guidelinekb.guideline.VocabularyReader.empty(file.guidelineFolder())
                    : java.util.Optional.ofNullable(known.apply(file.guidelineFolder())).orElseGet(() -> folder.vocabulary().vocabulary());
            BindingsReader.Result read = BindingsReader.read(
                    new String(file.content(), java.nio.charset.StandardCharsets.UTF_8), file.displayPath(), vocabulary);
            all.addAll(read.bindings());
            byGuideline.computeIfAbsent(file.guidelineFolder(), g -> new java.util.ArrayList<>()).addAll(read.bindings());
            problems.addAll(read.problems());
        }
        byGuideline.values().forEach(own -> problems.addAll(BindingsReader.conflicts(own)));
        return new BindingsReader.Result(all, problems);
    }

    private static RuleFile readFile(Path directory, Path file) {
        String relative = directory.relativize(file).toString().replace(java.io.File.separatorChar, '/');
        try {
            return new RuleFile(relative, file.toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException(file + ": " + e.getMessage(), e));
        }
    }

    /**
     * {@code sha256:} and the first 12 hex digits of a hash over every file's path and content; a data
     * file counts by what it says ({@link DataFiles#canonical}), so its YAML and its JSON hash alike.
     */
    /**
     * Works out the version on another thread, beside the load: it parses every data file, and a load
     * from the rule cache needs it only at the end. Call it once what the load needs first is under way.
     */
    public void hashBeside() {
        java.util.concurrent.ForkJoinPool.commonPool().execute(hashing);
    }

    private static java.util.concurrent.FutureTask<String> hashing(List<RuleFile> files) {
        return new java.util.concurrent.FutureTask<>(() -> hash(files));
    }

    private static String hash(List<RuleFile> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (RuleFile file : files) {
                boolean data = !file.relativePath().endsWith(".drl") && !file.relativePath().endsWith(SOURCE_TEXT);
                String path = data ? DataFiles.withoutFormat(file.relativePath()) : file.relativePath();
                digest.update(path.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(data ? DataFiles.canonical(file.content(), file.relativePath()) : file.content());
                digest.update((byte) 0);
            }
            return "sha256:" + HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
