package io.guidelinekb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** A copy of the shipped rules in a temporary folder, for tests that break or change them. */
public final class RulesFolder {

    public static final Path LBP = Path.of("src/test/resources/fixture/rules");
    public static final String GUIDELINE = "fixture-lbp";

    /**
     * A rule named "Broken consequence" whose consequence throws "boom" for every episode but those the
     * load-time probes make (named probe-N and mix-N): the probes refuse a rule that fails on them, so
     * a test of what happens at run time needs one that fails past them, as a rule may on a record
     * nobody foresaw. The rules of other tests that fail at run time are guarded the same way.
     */
    public static final String BROKEN_CONSEQUENCE = """
            package fixture_lbp;
            import io.guidelinekb.model.*;
            rule "Broken consequence"
            when
                Episode( !id.startsWith("probe-"), !id.startsWith("mix-") )
            then
                throw new IllegalStateException("boom");
            end
            """;

    /** {@code drl} with its guard against the probes' episodes taken off: a rule that fails on them too. */
    public static String onTheProbesToo(String drl) {
        return drl.replace(", !id.startsWith(\"probe-\"), !id.startsWith(\"mix-\")", "")
                .replace("( !id.startsWith(\"probe-\"), !id.startsWith(\"mix-\") )", "()");
    }

    /**
     * Two rules that fire each other without end: each episode gets an alert, and each alert another,
     * four new alerts per firing.
     */
    public static final String ENDLESS_FIRING = seededAlerts() + """
            rule "Every alert breeds more"
            when
                $alert : Alert( $episodeId : episodeId )
                $episode : Episode( id == $episodeId, !id.startsWith("probe-"), !id.startsWith("mix-") )
            then
                insert( Alert.of( $episode, "CAUDA_EQUINA" ) );
            end
            """;

    /**
     * A rule that relates two episodes other than by id: alone every episode is right; in a shared
     * session one episode's radiculopathy excludes them all.
     */
    public static final String CARELESS_JOIN = """
            package fixture_lbp;
            import io.guidelinekb.model.*;
            rule "Careless: radiculopathy anywhere excludes"
            when
                $episode : Episode()
                Episode( finding("RADICULOPATHY") == true )
            then
                insert( ScopeFinding.of( $episode, "RADICULOPATHY" ) );
            end
            """;

    /** What the rule that breeds alerts inserts for each alert: one more. */
    public static final String BREED = "insert( Alert.of( $episode, \"CAUDA_EQUINA\" ) );";

    /** The package header and a rule that gives every episode one alert: the seed of rules that breed alerts. */
    public static String seededAlerts() {
        return """
                package fixture_lbp;
                import io.guidelinekb.model.*;
                rule "Seed an alert"
                when
                    $episode : Episode( !id.startsWith("probe-"), !id.startsWith("mix-") )
                then
                    insert( Alert.of( $episode, "CAUDA_EQUINA" ) );
                end
                """;
    }

    private final Path root;
    private final String guideline;

    private RulesFolder(Path root, String guideline) {
        this.root = root;
        this.guideline = guideline;
    }

    /**
     * A copy of the LBP fixture's rules under {@code into/rules}, for a test to edit. It names no source
     * text: a test that changes a strength or adds a recommendation is about something else, and the
     * quotes are checked on the fixture itself and in SourceQuotesTest.
     */
    public static RulesFolder copyOfLbp(Path into) {
        return copyOfLbpAsItIs(into).replace("guideline.yaml", "sourceText: quick-guide.da.txt", "#");
    }

    /** A copy of the LBP fixture's rules under {@code into/rules}, byte for byte. */
    public static RulesFolder copyOfLbpAsItIs(Path into) {
        return copy(LBP, into, GUIDELINE);
    }

    /**
     * A copy of the shipped rules folder ({@code rules/}) under {@code into/rules}, for the tests of what
     * the documents show; its one guideline is found, never named.
     */
    public static RulesFolder copyOfShipped(Path into) {
        try (Stream<Path> folders = Files.list(Path.of("rules"))) {
            List<Path> guidelines = folders.filter(Files::isDirectory).toList();
            if (guidelines.size() != 1) {
                throw new IllegalStateException("the documents' examples assume one shipped guideline; rules/ holds " + guidelines);
            }
            return copy(Path.of("rules"), into, guidelines.get(0).getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RulesFolder copy(Path from, Path into, String guideline) {
        Path root = into.resolve("rules");
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = root.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RulesFolder(root, guideline);
    }

    /** The folder's guideline, as its folder is named. */
    public String guideline() {
        return guideline;
    }

    /** The DRL package of the guideline's rules. */
    public String packageName() {
        return guideline.replace('-', '_');
    }

    public Path root() {
        return root;
    }

    public Path file(String name) {
        return root.resolve(guideline).resolve(name);
    }

    /** Replaces the one occurrence of {@code from} in a rule file, failing if it is not there exactly once. */
    public RulesFolder replace(String file, String from, String to) {
        try {
            Path path = file(file);
            String text = Files.readString(path);
            int at = text.indexOf(from);
            if (at < 0 || text.indexOf(from, at + 1) >= 0) {
                throw new IllegalArgumentException("\"" + from + "\" is not in " + path + " exactly once");
            }
            Files.writeString(path, text.replace(from, to));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RulesFolder write(String file, String content) {
        try {
            Files.writeString(file(file), content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 1-based line of the first line containing {@code text}. */
    public int lineOf(String file, String text) {
        try {
            var lines = Files.readAllLines(file(file));
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(text)) {
                    return i + 1;
                }
            }
            throw new IllegalArgumentException("\"" + text + "\" is not in " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
