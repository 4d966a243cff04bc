package io.guidelinekb.bench;

import io.guidelinekb.model.Case;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.pipeline.PopulationGenerator;
import io.guidelinekb.engine.RuleCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * How start-up, build and evaluation grow with the rules: generated copies of the shipped guideline,
 * with 23 (the guideline's own), 100 and 1,000 rules in one guideline and with 1, 3 and 10 guidelines,
 * measured in one run.
 * Cold figures are fresh JVMs as the command line starts them (median of 3); evaluation is in this JVM.
 */
final class GrowthBench {

    private static final String GUIDELINE = "fixture-lbp";
    private static final int CASES = 20_000;
    private static final int SHIPPED_RULES = 23;

    private final Path shipped;
    private final Path work;
    private final Function<List<String>, Long> coldBuild;

    GrowthBench(Path shipped, Path work, Function<List<String>, Long> coldBuild) {
        this.shipped = shipped;
        this.work = work;
        this.coldBuild = coldBuild;
    }

    void run() throws Exception {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-28s %8s %18s %18s %18s %16s%n", "growth", "rules", "cold build, DRL",
                "cold build, cache", "build in JVM", "evaluations/s");
        System.out.println("-".repeat(112));
        // the shipped guideline has 23 rules: fewer would not be the guideline
        for (int total : List.of(SHIPPED_RULES, 100, 1_000)) {
            Path rules = work.resolve("growth-rules-" + total);
            copy(shipped.resolve(GUIDELINE), rules.resolve(GUIDELINE), Function.identity(), true);
            if (total > SHIPPED_RULES) {
                Files.writeString(rules.resolve(GUIDELINE).resolve("99-growth.drl"), extraRules(total - SHIPPED_RULES));
            }
            row(String.format(Locale.ROOT, "%,d rules, 1 guideline", total), rules, true);
        }
        for (int guidelines : List.of(1, 3, 10)) {
            Path rules = work.resolve("growth-guidelines-" + guidelines);
            for (int g = 1; g <= guidelines; g++) {
                String id = g == 1 ? GUIDELINE : GUIDELINE + "-copy-" + g;
                copy(shipped.resolve(GUIDELINE), rules.resolve(id), text -> text
                        .replace("package fixture_lbp;", "package " + id.replace('-', '_') + ";")
                        .replace("id: " + GUIDELINE, "id: " + id), g == 1);
            }
            row(guidelines + (guidelines == 1 ? " guideline" : " guidelines") + ", 23 rules each", rules, guidelines == 1);
        }
    }

    private void row(String label, Path rules, boolean evaluates) throws Exception {
        long drl = median(coldBuild, rules, "off");
        coldBuild.apply(List.of(rules.toString(), "prime"));
        long cached = median(coldBuild, rules, "on");
        long start = System.nanoTime();
        KnowledgeBase kb = KnowledgeBase.load(rules, io.guidelinekb.LoadOptions.defaults().withoutCache());
        double buildMs = (System.nanoTime() - start) / 1e6;
        int count = kb.rules().size();
        String rate = "per guideline";
        if (evaluates) {
            PopulationGenerator generator = new PopulationGenerator(5, LocalDate.of(2026, 1, 15),
                    io.guidelinekb.pipeline.Population.of(shipped, GUIDELINE));
            List<Case> cases = new ArrayList<>(CASES);
            for (int i = 0; i < CASES; i++) {
                Case next = generator.next();
                cases.add(new Case(next.patient(), kb.vocabulary().admit(next.episode())));
            }
            kb.evaluateAll(cases);
            start = System.nanoTime();
            kb.evaluateAll(cases);
            rate = String.format(Locale.ROOT, "%,.0f", CASES / ((System.nanoTime() - start) / 1e9));
        }
        System.out.printf(Locale.ROOT, "%-28s %8d %15d ms %15d ms %15.0f ms %16s%n", label, count, drl, cached, buildMs, rate);
    }

    private static long median(Function<List<String>, Long> coldBuild, Path rules, String cache) {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            times.add(coldBuild.apply(List.of(rules.toString(), cache)));
        }
        return times.stream().sorted().toList().get(1);
    }

    /** Rules that read the episode as the scope rules do, and conclude what they already do. */
    private static String extraRules(int count) {
        StringBuilder drl = new StringBuilder("package fixture_lbp;\n\nimport io.guidelinekb.model.*;\n");
        for (int k = 0; k < count; k++) {
            drl.append(String.format(Locale.ROOT, """

                    rule "Growth %d"
                    when
                        $episode : Episode( durationWeeks != null && durationWeeks > %d )
                    then
                        insert( ScopeFinding.of( $episode, "DURATION_OVER_12_WEEKS" ) );
                    end
                    """, k, 12 + k));
        }
        return drl.toString();
    }

    /** A guideline folder, its texts changed; only one copy keeps the bindings, since a code means one concept. */
    private static void copy(Path from, Path to, Function<String, String> change, boolean withBindings) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (!withBindings && name.startsWith("bindings.")) {
                    continue;
                }
                Files.writeString(to.resolve(name), change.apply(Files.readString(file)));
            }
        }
    }
}
