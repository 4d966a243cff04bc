package io.guidelinekb.model;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An episode of low back pain as the rules see it on the evaluation date {@code asOf}.
 * A {@code null} means "not known", which the rules never read as "absent".
 *
 * @param daysSinceOnset days from onset (day 0) to {@code asOf}, from the onset date or a given
 *                       duration in days; {@code null} when neither was given
 * @param durationWeeks  duration given in whole weeks, {@code null} when not given that way
 * @param painLocation   where the pain is felt; {@code null} when not recorded
 * @param legRadiation   whether the pain radiates to the leg; {@code null} when not recorded (it never
 *                       excludes, so unknown changes nothing)
 * @param radiculopathy  whether there are signs of lumbar nerve-root involvement; {@code null} when not
 *                       recorded, which is neither an exclusion nor a missing datum
 * @param selfCareGainExpected whether individualised education is judged to increase self-care;
 *                       {@code null} when not judged
 */
public record Episode(
        String id,
        String patientId,
        LocalDate asOf,
        LocalDate onset,
        Integer daysSinceOnset,
        Integer durationWeeks,
        Set<PainLocation> painLocation,
        Boolean legRadiation,
        Boolean radiculopathy,
        int previousEpisodes,
        boolean redFlagsScreened,
        Set<RedFlag> redFlags,
        Boolean selfCareGainExpected,
        Set<Intervention> proposedInterventions) {

    public Episode {
        Objects.requireNonNull(id, "episode id must not be null");
        Objects.requireNonNull(patientId, "episode patientId must not be null");
        Objects.requireNonNull(asOf, "episode asOf (the evaluation date) must not be null");
        requireNotNegative("daysSinceOnset", daysSinceOnset);
        requireNotNegative("durationWeeks", durationWeeks);
        requireNotNegative("previousEpisodes", previousEpisodes);
        painLocation = Enums.immutableSetOrNull(PainLocation.class, painLocation);
        redFlags = Enums.immutableSet(RedFlag.class, redFlags);
        proposedInterventions = Enums.immutableSet(Intervention.class, proposedInterventions);
    }

    /** The same episode under other ids (the engine evaluates several episodes together under unique ones). */
    public Episode withIds(String newId, String newPatientId) {
        return new Episode(newId, newPatientId, asOf, onset, daysSinceOnset, durationWeeks, painLocation, legRadiation,
                radiculopathy, previousEpisodes, redFlagsScreened, redFlags, selfCareGainExpected, proposedInterventions);
    }

    public static Builder builder(String id, String patientId, LocalDate asOf) {
        return new Builder(id, patientId, asOf);
    }

    private static void requireNotNegative(String field, Integer value) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException("episode " + field + " must not be negative, was " + value);
        }
    }

    @Override
    public String toString() {
        return "Episode(" + id + ")";
    }

    /** Builds an episode from what is known; everything left out stays unknown or at its default. */
    public static final class Builder {
        private final String id;
        private final String patientId;
        private final LocalDate asOf;
        private LocalDate onset;
        private Integer daysSinceOnset;
        private Integer durationWeeks;
        private Set<PainLocation> painLocation;
        private Boolean legRadiation;
        private Boolean radiculopathy;
        private int previousEpisodes;
        private boolean redFlagsScreened;
        private Set<RedFlag> redFlags = Set.of();
        private Boolean selfCareGainExpected;
        private Set<Intervention> proposedInterventions = Set.of();

        private Builder(String id, String patientId, LocalDate asOf) {
            this.id = id;
            this.patientId = patientId;
            this.asOf = Objects.requireNonNull(asOf, "asOf must not be null");
        }

        public Builder onset(LocalDate onset) {
            if (onset.isAfter(asOf)) {
                throw new IllegalArgumentException("onset " + onset + " is after the evaluation date " + asOf);
            }
            requireOneDuration();
            this.onset = onset;
            this.daysSinceOnset = Math.toIntExact(ChronoUnit.DAYS.between(onset, asOf));
            return this;
        }

        public Builder durationDays(int days) {
            requireOneDuration();
            this.daysSinceOnset = days;
            return this;
        }

        public Builder durationWeeks(int weeks) {
            requireOneDuration();
            this.durationWeeks = weeks;
            return this;
        }

        public Builder painLocation(PainLocation... locations) {
            return painLocation(List.of(locations));
        }

        public Builder painLocation(Collection<PainLocation> locations) {
            this.painLocation = Enums.immutableSet(PainLocation.class, locations);
            return this;
        }

        /** Whether the pain radiates to the leg; {@code null} (the default) when not recorded. */
        public Builder legRadiation(Boolean legRadiation) {
            this.legRadiation = legRadiation;
            return this;
        }

        /**
         * Whether there are signs of lumbar nerve-root involvement; {@code null} (the default) when
         * not recorded, which neither excludes the episode nor counts as a missing datum.
         */
        public Builder radiculopathy(Boolean radiculopathy) {
            this.radiculopathy = radiculopathy;
            return this;
        }

        public Builder previousEpisodes(int previousEpisodes) {
            this.previousEpisodes = previousEpisodes;
            return this;
        }

        public Builder redFlagsScreened(boolean redFlagsScreened) {
            this.redFlagsScreened = redFlagsScreened;
            return this;
        }

        public Builder redFlags(RedFlag... flags) {
            return redFlags(List.of(flags));
        }

        public Builder redFlags(Collection<RedFlag> flags) {
            this.redFlags = Enums.immutableSet(RedFlag.class, flags);
            return this;
        }

        public Builder selfCareGainExpected(Boolean expected) {
            this.selfCareGainExpected = expected;
            return this;
        }

        public Builder proposedInterventions(Intervention... interventions) {
            return proposedInterventions(List.of(interventions));
        }

        public Builder proposedInterventions(Collection<Intervention> interventions) {
            this.proposedInterventions = Enums.immutableSet(Intervention.class, interventions);
            return this;
        }

        public Episode build() {
            return new Episode(id, patientId, asOf, onset, daysSinceOnset, durationWeeks, painLocation,
                    legRadiation, radiculopathy, previousEpisodes, redFlagsScreened, redFlags,
                    selfCareGainExpected, proposedInterventions);
        }

        private void requireOneDuration() {
            if (daysSinceOnset != null || durationWeeks != null) {
                throw new IllegalArgumentException("give one of onset, durationDays or durationWeeks, not more");
            }
        }
    }
}
