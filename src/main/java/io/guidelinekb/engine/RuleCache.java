package io.guidelinekb.engine;

import io.guidelinekb.model.RuleProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.kie.api.KieBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiled rules kept by content, so that a rules folder compiles from DRL once and then starts
 * from Drools' executable model. The key ({@link CacheKey}) covers every rule and data file, the
 * engine's build and Drools' version: an edited file is a new key, always. Only rules that compiled
 * cleanly and passed the sandbox are kept. Entries are written whole or not at all (a temporary
 * file renamed into place), verified before use (a damaged one is rebuilt, never used), safe when
 * several processes fill the same key at once, and the folder is kept under a size.
 *
 * <p>A folder is filled the second time its content is compiled: an author editing a rule and
 * running the scenarios again pays nothing for a cache the next edit would discard.
 */
public final class RuleCache {

    /** {@code GUIDELINE_KB_CACHE=off} compiles from DRL every time. */
    public static final String SWITCH = "GUIDELINE_KB_CACHE";
    static final long DEFAULT_LIMIT_BYTES = 64L << 20;
    private static final int SEEN_KEPT = 1_000;
    private static final String ENTRY = ".kbc";
    private static final String SEEN = ".seen";
    private static final String TEMPORARY = ".tmp";
    private static final Logger LOG = LoggerFactory.getLogger(RuleCache.class);

    /** What an entry holds: the rules built from its classes, the compiler's warnings and the rules' catalogue. */
    public record Hit(KieBase kieBase, List<RuleProblem> warnings, byte[] catalog) {
    }

    private record Precompiled(ClassLoader loader, String folder) {
    }

    private final boolean enabled;
    private final Path directory;
    /** False for a build's own cache, whose entries go on the class path with a plain digest. */
    private final boolean keyed;
    /** The folder's verdict and seal, found once: null until asked. */
    private volatile CacheFolder folder;
    private final boolean fillAtFirstMiss;
    private final long limitBytes;
    private final List<Precompiled> precompiled;
    /** Shared by a cache and the copies made from it ({@link #withPrecompiled}, …): one count. */
    private final AtomicInteger hits;
    private final AtomicInteger fills;

    private RuleCache(boolean enabled, Path directory, boolean fillAtFirstMiss, long limitBytes,
                      List<Precompiled> precompiled) {
        this(enabled, directory, true, fillAtFirstMiss, limitBytes, precompiled, new AtomicInteger(), new AtomicInteger());
    }

    private RuleCache(boolean enabled, Path directory, boolean keyed, boolean fillAtFirstMiss, long limitBytes,
                      List<Precompiled> precompiled, AtomicInteger hits, AtomicInteger fills) {
        this.keyed = keyed;
        this.hits = hits;
        this.fills = fills;
        this.enabled = enabled;
        this.directory = directory;
        this.fillAtFirstMiss = fillAtFirstMiss;
        this.limitBytes = limitBytes;
        this.precompiled = List.copyOf(precompiled);
    }

    /** The user's cache: {@code $XDG_CACHE_HOME/guideline-kb}, else {@code ~/.cache/guideline-kb}; none when switched off. */
    public static RuleCache fromEnvironment() {
        return fromEnvironment(System.getenv(), System.getProperty("user.home"));
    }

    static RuleCache fromEnvironment(Map<String, String> environment, String home) {
        if ("off".equalsIgnoreCase(environment.getOrDefault(SWITCH, "").strip())) {
            return off();
        }
        String xdg = environment.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : home == null || home.isBlank() ? null : Path.of(home, ".cache");
        return base == null ? new RuleCache(true, null, false, 0, List.of()) : at(base.resolve("guideline-kb"));
    }

    /** No cache: every load compiles DRL. */
    public static RuleCache off() {
        return new RuleCache(false, null, false, 0, List.of());
    }

    /** A cache in {@code directory}, filled the second time a content is compiled. */
    public static RuleCache at(Path directory) {
        return new RuleCache(true, directory, false, DEFAULT_LIMIT_BYTES, List.of());
    }

    /**
     * A build's cache in {@code directory}, which goes on the class path: filled at the first compile,
     * unbounded, its entries sealed with a plain digest (the jar is the build's own).
     */
    public static RuleCache forBuild(Path directory) {
        return new RuleCache(true, directory, false, true, Long.MAX_VALUE, List.of(), new AtomicInteger(), new AtomicInteger());
    }

    /** This cache, filled the first time a content is compiled: for a build that knows its rules are final. */
    public RuleCache fillingAtFirstMiss() {
        return new RuleCache(enabled, directory, keyed, true, limitBytes, precompiled, hits, fills);
    }

    /** This cache, held to {@code bytes} of entries. */
    public RuleCache limitedTo(long bytes) {
        return new RuleCache(enabled, directory, keyed, fillAtFirstMiss, bytes, precompiled, hits, fills);
    }

    /** This cache, looking first at entries a build put on a class path (a jar's own rules). */
    public RuleCache withPrecompiled(ClassLoader loader, String folder) {
        if (!enabled) {
            return this;
        }
        List<Precompiled> all = new ArrayList<>(precompiled);
        all.add(new Precompiled(loader, folder));
        return new RuleCache(true, directory, keyed, fillAtFirstMiss, limitBytes, all, hits, fills);
    }

    /** The resource folder beside a class path's rules where the build puts their compiled form. */
    public static String precompiledFolder(String rulesRoot) {
        return rulesRoot + ".compiled";
    }

    /** How many loads started from an entry. */
    public int hits() {
        return hits.get();
    }

    /** How many entries this cache wrote. */
    public int fills() {
        return fills.get();
    }

    /** The compiled rules for this content, when an entry holds them whole. */
    public Optional<Hit> find(RuleSources group) {
        if (!enabled) {
            return Optional.empty();
        }
        String key = CacheKey.of(group);
        for (Precompiled source : precompiled) {
            Optional<Hit> hit = fromResource(source, key, group);
            if (hit.isPresent()) {
                return hit.map(h -> new Hit(h.kieBase(), shownAs(group, h.warnings(), true), h.catalog()));
            }
        }
        CacheFolder usable = folder(false);
        return usable == null || usable.failed(key) ? Optional.empty()
                : fromFile(key, group, usable.seal()).map(h -> new Hit(h.kieBase(), shownAs(group, h.warnings(), true), h.catalog()));
    }

    /**
     * Warnings name files as shown to people, which depends on where the folder was read from: kept
     * by their path in the folder, so that one entry serves the folder wherever it is.
     */
    private static List<RuleProblem> shownAs(RuleSources group, List<RuleProblem> warnings, boolean forPeople) {
        Map<String, String> names = new java.util.HashMap<>();
        for (RuleSources.RuleFile file : group.files()) {
            if (forPeople) {
                names.put(file.relativePath(), file.displayPath());
            } else {
                names.put(file.displayPath(), file.relativePath());
            }
        }
        return warnings.stream().map(w -> new RuleProblem(names.getOrDefault(w.file(), w.file()), w.line(), w.column(),
                w.severity(), w.message())).toList();
    }

    private Optional<Hit> fromResource(Precompiled source, String key, RuleSources group) {
        try (InputStream in = source.loader().getResourceAsStream(source.folder() + "/" + key + ENTRY)) {
            return in == null ? Optional.empty() : hit(CacheEntry.read(in.readAllBytes(), key, EntrySeal.unkeyed()), group, null);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Optional<Hit> fromFile(String key, RuleSources group, EntrySeal seal) {
        Path file = directory.resolve(key + ENTRY);
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > limitBytes) {
                return Optional.empty();
            }
            Optional<Hit> hit = hit(CacheEntry.read(Files.readAllBytes(file), key, seal), group, key);
            if (hit.isEmpty() && folder.failed(key)) {
                Files.deleteIfExists(file);   // whole, but its model does not build: said once, not used again
            } else if (hit.isEmpty()) {
                CacheProblems.count(CacheProblems.DAMAGED);
                LOG.warn("rule cache: {} is damaged or was not written by this installation (its mark does not check "
                        + "out); the rules compile from DRL and the entry is rebuilt", file);
                Files.deleteIfExists(file);
            } else {
                Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
            }
            return hit;
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The entry's rules, when it is whole and its catalogue names the folder's own files. An entry
     * that is sealed and whole but does not build is remembered for its key ({@code key}, null for
     * the class path's): building it again at every start would only fail again.
     */
    private Optional<Hit> hit(CacheEntry entry, RuleSources group, String key) {
        if (entry == null || !StoredCatalog.fits(entry.catalog(), group)) {
            return Optional.empty();
        }
        try {
            KieBase kieBase = ExecutableModel.kieBase(entry.classes());
            hits.incrementAndGet();
            return Optional.of(new Hit(kieBase, entry.warnings(), entry.catalog()));
        } catch (RuntimeException | LinkageError e) {
            if (key != null) {
                failedToBuild(key, e);
            }
            return Optional.empty();
        }
    }

    /** Remembers a content whose executable model does not build: its rules compile from DRL from now on. */
    private void failedToBuild(String key, Throwable cause) {
        CacheProblems.count(CacheProblems.UNBUILDABLE);
        LOG.warn("rule cache: the executable model of these rules does not build ({}); they compile from DRL, "
                + "and the cache no longer tries this content", CacheProblems.reason(cause));
        CacheFolder usable = folder;
        if (usable != null) {
            usable.markFailed(key);
        }
    }

    /**
     * Keeps rules that compiled cleanly and passed the sandbox; never fails the load that calls it.
     *
     * @param group    one guideline folder's files
     * @param warnings what the compiler warned about, given again when the entry is used
     * @param catalog  the rules' catalogue, as {@link RuleCatalog#stored()} gives it
     */
    public void remember(RuleSources group, List<RuleProblem> warnings, byte[] catalog) {
        if (!enabled || directory == null || !ExecutableModel.canGenerate()) {
            return;
        }
        String key = CacheKey.of(group);
        CacheFolder usable = folder(true);
        if (usable == null || usable.failed(key)) {
            return;
        }
        try {
            Path seen = directory.resolve(key + SEEN);
            boolean seenBefore = Files.isRegularFile(seen, LinkOption.NOFOLLOW_LINKS);
            if (!seenBefore && !fillAtFirstMiss) {
                mark(seen);
            } else {
                ExecutableModel.Classes classes;
                try {
                    classes = ExecutableModel.generate(group);
                } catch (IllegalStateException e) {
                    failedToBuild(key, e);
                    return;
                }
                write(key, new CacheEntry(key, classes, shownAs(group, warnings, false), catalog).toBytes(usable.seal()));
            }
            prune();
        } catch (IOException | RuntimeException | LinkageError e) {
            CacheProblems.count(CacheProblems.NOT_WRITTEN);
            LOG.warn("rule cache: an entry was not written in {}: {}", directory, CacheProblems.reason(e));
        }
    }

    /**
     * The folder, when it may be used: made the user's own (0700) when it is not there, refused with
     * a warning, once, when it is a link, another user's, or writable by others; with its seal.
     *
     * @param create whether to make it when it is not there
     * @return the folder and its seal, or null when it is not there (and not made) or may not be used
     */
    private CacheFolder folder(boolean create) {
        if (directory == null) {
            return null;
        }
        CacheFolder known = folder;
        if (known != null) {
            return known.usable() ? known : null;
        }
        synchronized (this) {
            if (folder != null) {
                return folder.usable() ? folder : null;
            }
            if (!create && !Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            folder = CacheFolder.open(directory, keyed);
            return folder.usable() ? folder : null;
        }
    }

    private static void mark(Path seen) throws IOException {
        try {
            Files.createFile(seen);
        } catch (FileAlreadyExistsException e) {
            // another process saw the same content at the same moment
        }
    }

    /** Whole or not at all: written beside, forced to disk, then renamed over; never over what is not a file. */
    private void write(String key, byte[] bytes) throws IOException {
        Path target = directory.resolve(key + ENTRY);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path temporary = Files.createTempFile(directory, "." + key + ".", TEMPORARY);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            fills.incrementAndGet();
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Newest entries first, up to the size; the oldest markers past a thousand; temporary files a crash left. */
    private void prune() throws IOException {
        List<Path> entries = new ArrayList<>();
        List<Path> marks = new ArrayList<>();
        long now = System.currentTimeMillis();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String name = file.getFileName().toString();
                if (name.endsWith(ENTRY)) {
                    entries.add(file);
                } else if (name.endsWith(SEEN) || CacheFolder.isFailedMark(name)) {
                    marks.add(file);
                } else if (name.endsWith(TEMPORARY) && now - modified(file) > 600_000) {
                    Files.deleteIfExists(file);
                }
            }
        }
        entries.sort(Comparator.comparingLong(RuleCache::modified).reversed());
        long total = 0;
        for (Path entry : entries) {
            total += Files.size(entry);
            if (total > limitBytes) {
                Files.deleteIfExists(entry);
            }
        }
        marks.sort(Comparator.comparingLong(RuleCache::modified).reversed());
        for (Path mark : marks.subList(Math.min(SEEN_KEPT, marks.size()), marks.size())) {
            Files.deleteIfExists(mark);
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
