package io.guidelinekb.audit;

import io.guidelinekb.Case;
import io.guidelinekb.model.Episode;
import io.guidelinekb.model.Patient;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Synthetic episodes of low back pain with a plausible mix: ages from teenagers to the very old,
 * durations around and beyond 12 weeks, a few percent red flags, unscreened and missing data, and
 * proposed interventions at realistic rates. The same seed gives the same population. For demos,
 * benchmarks and load tests without patient data; the rates are illustrative, not epidemiology.
 */
public final class PopulationGenerator {

    private static final Object[][] PROPOSAL_RATES = {
        {"PARACETAMOL", 0.30}, {"NSAID", 0.25}, {"MANUAL_THERAPY", 0.20},
        {"SUPERVISED_EXERCISE", 0.20}, {"PATIENT_EDUCATION", 0.15}, {"MRI", 0.10},
        {"XRAY", 0.08}, {"OPIOID", 0.08}, {"ACUPUNCTURE", 0.05},
        {"STRATIFIED_CARE", 0.05}, {"BED_REST", 0.03}, {"CT", 0.02},
    };
    private static final String[] FLAGS = {"SUSPECTED_FRACTURE", "SUSPECTED_MALIGNANCY", "SUSPECTED_INFECTION",
        "CAUDA_EQUINA", "PROGRESSIVE_NEUROLOGICAL_DEFICIT", "INFLAMMATORY_DISEASE"};

    private final SplittableRandom random;
    private final LocalDate asOf;
    private long next;

    public PopulationGenerator(long seed, LocalDate asOf) {
        this.random = new SplittableRandom(seed);
        this.asOf = asOf;
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

    /** Mostly working age, with teenagers (some under 16) and the very old in the tails. */
    private int age() {
        double roll = random.nextDouble();
        if (roll < 0.06) {
            return 13 + random.nextInt(6);
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
        double location = random.nextDouble();
        if (location < 0.02) {
            // not recorded
        } else if (location < 0.80) {
            painLocation(episode, true, false, false);
        } else if (location < 0.90) {
            painLocation(episode, true, true, false);
        } else if (location < 0.95) {
            painLocation(episode, false, true, false);
        } else {
            painLocation(episode, false, false, true);
        }
        episode.finding("LEG_RADIATION", random.nextDouble() < 0.30)
                .finding("RADICULOPATHY", random.nextDouble() < 0.05)
                .previousEpisodes(random.nextDouble() < 0.6 ? 0 : 1 + random.nextInt(4))
                .finding("RED_FLAGS_SCREENED", random.nextDouble() < 0.85)
                .redFlags(redFlags())
                .finding("SELF_CARE_GAIN_EXPECTED", selfCare())
                .propose(proposals());
        return episode.build();
    }

    /** Mostly within 12 weeks, a quarter beyond; crowded around day 84 so the boundary is exercised. */
    private int days() {
        double roll = random.nextDouble();
        if (roll < 0.10) {
            return 77 + random.nextInt(15);
        }
        if (roll < 0.75) {
            return random.nextInt(77);
        }
        return 92 + random.nextInt(200);
    }

    private static void painLocation(Episode.Builder episode, boolean lowBack, boolean buttock, boolean other) {
        episode.finding("LOW_BACK_PAIN", lowBack).finding("BUTTOCK_PAIN", buttock).finding("OTHER_PAIN", other);
    }

    private Set<String> redFlags() {
        if (random.nextDouble() >= 0.04) {
            return Set.of();
        }
        Set<String> flags = new LinkedHashSet<>(List.of(FLAGS[random.nextInt(FLAGS.length)]));
        if (random.nextDouble() < 0.15) {
            flags.add(FLAGS[random.nextInt(FLAGS.length)]);
        }
        return flags;
    }

    private Boolean selfCare() {
        double roll = random.nextDouble();
        return roll < 0.50 ? Boolean.TRUE : roll < 0.65 ? Boolean.FALSE : null;
    }

    private List<String> proposals() {
        List<String> proposed = new ArrayList<>();
        for (Object[] rate : PROPOSAL_RATES) {
            if (random.nextDouble() < (double) rate[1]) {
                proposed.add((String) rate[0]);
            }
        }
        return proposed;
    }
}
