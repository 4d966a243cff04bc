package io.guidelinekb.pipeline;

import io.guidelinekb.model.Case;
import io.guidelinekb.model.Episode;
import io.guidelinekb.model.Patient;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Synthetic episodes with a plausible mix: ages from teenagers to the very old, durations around and
 * beyond the scope's threshold, a few percent red flags, unscreened and missing data, and proposed
 * interventions at the rates a guideline's {@code population.yaml} gives ({@link Population}). The
 * same seed gives the same population. For demos, benchmarks and load tests without patient data.
 */
public final class PopulationGenerator {

    private final SplittableRandom random;
    private final LocalDate asOf;
    private final Population population;
    private long next;

    public PopulationGenerator(long seed, LocalDate asOf, Population population) {
        this.random = new SplittableRandom(seed);
        this.asOf = asOf;
        this.population = population;
    }

    /** The next case; ids are {@code p-<n>} and {@code e-<n>}, counting from 1. */
    public Case next() {
        long n = ++next;
        String patientId = "p-" + n;
        return new Case(patient(patientId), episode("e-" + n, patientId));
    }

    private Patient patient(String id) {
        double roll = random.nextDouble();
        if (roll < 0.02) {
            return Patient.ageUnknown(id);
        }
        int age = age();
        if (roll < 0.30) {
            return Patient.aged(id, age);
        }
        LocalDate birthDate = asOf.minusYears(age).minusDays(random.nextInt(365));
        return Patient.bornOn(id, birthDate, asOf);
    }

    /** Mostly working age, with some just around the scope's age and the very old in the tails. */
    private int age() {
        double roll = random.nextDouble();
        if (roll < 0.06) {
            return Math.max(0, population.age() - 3) + random.nextInt(6);
        }
        if (roll < 0.12) {
            return 80 + random.nextInt(18);
        }
        return Math.max(18, Math.min(79, (int) Math.round(47 + random.nextGaussian() * 15)));
    }

    private Episode episode(String id, String patientId) {
        Episode.Builder episode = Episode.builder(id, patientId, asOf);
        double duration = random.nextDouble();
        if (duration < 0.60) {
            episode.onset(asOf.minusDays(days()));
        } else if (duration < 0.80) {
            episode.durationDays(days());
        } else if (duration < 0.97) {
            episode.durationWeeks(Math.min(40, days() / 7));
        }
        double roll = random.nextDouble();
        for (Population.Weighted set : population.findingSets()) {
            if (roll < set.share()) {
                set.findings().forEach(episode::finding);
                break;
            }
            roll -= set.share();
        }
        population.findings().forEach((finding, shares) -> {
            double r = random.nextDouble();
            episode.finding(finding, r < shares[0] ? Boolean.TRUE : r < shares[0] + shares[1] ? Boolean.FALSE : null);
        });
        episode.previousEpisodes(random.nextDouble() < 0.6 ? 0 : 1 + random.nextInt(4))
                .redFlags(redFlags())
                .propose(proposals());
        return episode.build();
    }

    /** Mostly within the scope's duration, a quarter beyond; crowded around its threshold. */
    private int days() {
        int threshold = population.days();
        double roll = random.nextDouble();
        if (roll < 0.10) {
            return Math.max(0, threshold - 7) + random.nextInt(15);
        }
        if (roll < 0.75) {
            return random.nextInt(Math.max(1, threshold - 7));
        }
        return threshold + 8 + random.nextInt(200);
    }

    private Set<String> redFlags() {
        List<String> flags = population.redFlags();
        if (flags.isEmpty() || random.nextDouble() >= population.redFlagShare()) {
            return Set.of();
        }
        Set<String> drawn = new LinkedHashSet<>(List.of(flags.get(random.nextInt(flags.size()))));
        if (random.nextDouble() < population.secondRedFlag()) {
            drawn.add(flags.get(random.nextInt(flags.size())));
        }
        return drawn;
    }

    private List<String> proposals() {
        List<String> proposed = new ArrayList<>();
        population.interventions().forEach((intervention, share) -> {
            if (random.nextDouble() < share) {
                proposed.add(intervention);
            }
        });
        return proposed;
    }
}
