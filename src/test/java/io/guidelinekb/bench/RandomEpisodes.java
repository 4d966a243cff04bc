package io.guidelinekb.bench;

import io.guidelinekb.LbpFixture;
import io.guidelinekb.model.Case;
import io.guidelinekb.model.Episode;
import io.guidelinekb.model.Patient;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Uniformly random episodes: every field, known or not, in every combination, boundaries included. */
final class RandomEpisodes {

    private final SplittableRandom random;
    private long n;

    RandomEpisodes(long seed) {
        this.random = new SplittableRandom(seed);
    }

    Case next() {
        LocalDate asOf = LocalDate.of(2000, 1, 1).plusDays(random.nextInt(40_000));
        String id = "r-" + ++n;
        Patient patient = switch (random.nextInt(3)) {
            case 0 -> Patient.ageUnknown(id);
            case 1 -> Patient.aged(id, 10 + random.nextInt(20));
            default -> Patient.bornOn(id, asOf.minusYears(14 + random.nextInt(4)).minusDays(random.nextInt(3) - 1L), asOf);
        };
        Episode.Builder episode = Episode.builder(id, id, asOf);
        switch (random.nextInt(4)) {
            case 0 -> episode.onset(asOf.minusDays(80 + random.nextInt(10)));
            case 1 -> episode.durationDays(80 + random.nextInt(10));
            case 2 -> episode.durationWeeks(10 + random.nextInt(5));
            default -> { }
        }
        if (random.nextInt(4) > 0) {
            List<String> places = subset(new String[] {"LOW_BACK_PAIN", "BUTTOCK_PAIN", "OTHER_PAIN"}, 1);
            for (String place : new String[] {"LOW_BACK_PAIN", "BUTTOCK_PAIN", "OTHER_PAIN"}) {
                episode.finding(place, places.contains(place));
            }
        }
        episode.finding("LEG_RADIATION", random.nextBoolean()).finding("RADICULOPATHY", random.nextInt(6) == 0)
                .previousEpisodes(random.nextInt(3)).finding("RED_FLAGS_SCREENED", random.nextBoolean())
                .redFlags(random.nextInt(4) == 0 ? subset(LbpFixture.vocabulary().terms(io.guidelinekb.model.Vocabulary.Section.RED_FLAGS).keySet()
                        .toArray(String[]::new), 0) : List.of())
                .finding("SELF_CARE_GAIN_EXPECTED", random.nextInt(3) == 0 ? null : random.nextBoolean())
                .propose(subset(LbpFixture.vocabulary().terms(io.guidelinekb.model.Vocabulary.Section.INTERVENTIONS).keySet()
                        .toArray(String[]::new), 0));
        return new Case(patient, episode.build());
    }

    private <E> List<E> subset(E[] values, int atLeast) {
        List<E> chosen = new ArrayList<>();
        while (chosen.isEmpty() && atLeast > 0 || chosen.isEmpty() && random.nextBoolean()) {
            for (E value : values) {
                if (random.nextInt(values.length) < 2) {
                    chosen.add(value);
                }
            }
            if (atLeast == 0) {
                break;
            }
        }
        return chosen;
    }
}
