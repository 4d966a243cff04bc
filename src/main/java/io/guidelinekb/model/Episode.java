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
 * @param id             the episode's id
 * @param patientId      its patient's id
 * @param asOf           the evaluation date
 * @param onset          the date the pain began, {@code null} when not given
 * @param daysSinceOnset days from onset (day 0) to {@code asOf}, from the onset date or a given
 *                       duration in days; {@code null} unless known to the day
 * @param daysSinceOnsetAtLeast the fewest days since onset it may be (an onset given as a month),
 *                       {@code null} when nothing is known; equal to {@code daysSinceOnset} when that is known
 * @param daysSinceOnsetAtMost  the most days since onset it may be, {@code null} when nothing is known
 * @param durationWeeks  duration given in whole weeks, {@code null} when not given that way
 * @param painLocation   where the pain is felt; {@code null} when not recorded
 * @param legRadiation   whether the pain radiates to the leg; {@code null} when not recorded (it never
 *                       excludes, so unknown changes nothing)
 * @param radiculopathy  whether there are signs of lumbar nerve-root involvement; {@code null} when not
 *                       recorded, which is neither an exclusion nor a missing datum
 * @param selfCareGainExpected whether individualised education is judged to increase self-care;
 *                       {@code null} when not judged
 * @param previousEpisodes     earlier episodes of low back pain (they never exclude)
 * @param redFlagsScreened     whether red-flag screening was done
 * @param redFlags             the red flags present
 * @param proposedInterventions the interventions proposed (ordered) for the episode
 */
public record Episode(
        String id,
        String patientId,
        LocalDate asOf,
        LocalDate onset,
        Integer daysSinceOnset,
        Integer daysSinceOnsetAtLeast,
        Integer daysSinceOnsetAtMost,
        Integer durationWeeks,
        Set<PainLocation> painLocation,
        Boolean legRadiation,
        Boolean radiculopathy,
        int previousEpisodes,
        boolean redFlagsScreened,
        Set<RedFlag> redFlags,
        Boolean selfCareGainExpected,
        Set<Intervention> proposedInterventions) {

    /**
     * Checks and copies the components.
     *
     * @param id                    the episode's id
     * @param patientId             its patient's id
     * @param asOf                  the evaluation date
     * @param onset                 the date the pain began, {@code null} when not given
     * @param daysSinceOnset        days from onset (day 0) to {@code asOf}, from the onset date or a given duration in days; {@code null} unless known to the day
     * @param daysSinceOnsetAtLeast the fewest days since onset it may be; {@code null} when nothing is known
     * @param daysSinceOnsetAtMost  the most days since onset it may be; {@code null} when nothing is known
     * @param durationWeeks         duration given in whole weeks, {@code null} when not given that way
     * @param painLocation          where the pain is felt; {@code null} when not recorded
     * @param legRadiation          whether the pain radiates to the leg; {@code null} when not recorded (it never excludes, so unknown changes nothing)
     * @param radiculopathy         whether there are signs of lumbar nerve-root involvement; {@code null} when not recorded, which is neither an exclusion nor a missing datum
     * @param previousEpisodes      earlier episodes of low back pain (they never exclude)
     * @param redFlagsScreened      whether red-flag screening was done
     * @param redFlags              the red flags present
     * @param selfCareGainExpected  whether individualised education is judged to increase self-care; {@code null} when not judged
     * @param proposedInterventions the interventions proposed (ordered) for the episode
     */
    public Episode {
        Objects.requireNonNull(id, "episode id must not be null");
        Objects.requireNonNull(patientId, "episode patientId must not be null");
        Objects.requireNonNull(asOf, "episode asOf (the evaluation date) must not be null");
        requireNotNegative("daysSinceOnset", daysSinceOnset);
        if (daysSinceOnset != null && daysSinceOnsetAtLeast == null && daysSinceOnsetAtMost == null) {
            daysSinceOnsetAtLeast = daysSinceOnset;
            daysSinceOnsetAtMost = daysSinceOnset;
        }
        if ((daysSinceOnsetAtLeast == null) != (daysSinceOnsetAtMost == null) || daysSinceOnsetAtLeast != null
                && (daysSinceOnsetAtLeast < 0 || daysSinceOnsetAtLeast > daysSinceOnsetAtMost)
                || daysSinceOnset != null && !(daysSinceOnset.equals(daysSinceOnsetAtLeast)
                && daysSinceOnset.equals(daysSinceOnsetAtMost))) {
            throw new IllegalArgumentException("episode days since onset " + daysSinceOnsetAtLeast + " to "
                    + daysSinceOnsetAtMost + " do not fit " + daysSinceOnset);
        }
        requireNotNegative("durationWeeks", durationWeeks);
        requireNotNegative("previousEpisodes", previousEpisodes);
        painLocation = Enums.immutableSetOrNull(PainLocation.class, painLocation);
        redFlags = Enums.immutableSet(RedFlag.class, redFlags);
        proposedInterventions = Enums.immutableSet(Intervention.class, proposedInterventions);
    }

    /**
     * A builder for an episode of which nothing is known yet but its ids and evaluation date.
     *
     * @param id        the episode's id
     * @param patientId its patient's id
     * @param asOf      the evaluation date
     * @return the builder
     */
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
        private Integer daysSinceOnsetAtLeast;
        private Integer daysSinceOnsetAtMost;
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

        /**
         * The date the pain began; the duration is counted from it (the onset day is day 0).
         *
         * @param onset the onset date
         * @return this builder
         * @throws IllegalArgumentException when it is after the evaluation date, or a duration was given
         */
        public Builder onset(LocalDate onset) {
            if (onset.isAfter(asOf)) {
                throw new IllegalArgumentException("onset " + onset + " is after the evaluation date " + asOf);
            }
            requireOneDuration();
            this.onset = onset;
            this.daysSinceOnset = Math.toIntExact(ChronoUnit.DAYS.between(onset, asOf));
            this.daysSinceOnsetAtLeast = daysSinceOnset;
            this.daysSinceOnsetAtMost = daysSinceOnset;
            return this;
        }

        /**
         * An onset known only to lie between two dates (a month, a year): the duration is then known
         * within bounds, and the rules decide whether the bounds settle a threshold.
         *
         * @param earliest the earliest day the pain may have begun
         * @param latest   the latest day it may have begun (a day after the evaluation date counts as it)
         * @return this builder
         * @throws IllegalArgumentException when the earliest day is after the evaluation date, or a duration was given
         */
        public Builder onsetBetween(LocalDate earliest, LocalDate latest) {
            if (earliest.isAfter(asOf)) {
                throw new IllegalArgumentException("onset " + earliest + " is after the evaluation date " + asOf);
            }
            requireOneDuration();
            LocalDate last = latest.isAfter(asOf) ? asOf : latest;
            this.daysSinceOnsetAtMost = Math.toIntExact(ChronoUnit.DAYS.between(earliest, asOf));
            this.daysSinceOnsetAtLeast = Math.toIntExact(ChronoUnit.DAYS.between(last, asOf));
            if (daysSinceOnsetAtLeast.equals(daysSinceOnsetAtMost)) {
                this.onset = earliest;
                this.daysSinceOnset = daysSinceOnsetAtMost;
            }
            return this;
        }

        /**
         * A duration given in days, when there is no onset date.
         *
         * @param days days since onset
         * @return this builder
         * @throws IllegalArgumentException when a duration was already given
         */
        public Builder durationDays(int days) {
            requireOneDuration();
            this.daysSinceOnset = days;
            this.daysSinceOnsetAtLeast = days;
            this.daysSinceOnsetAtMost = days;
            return this;
        }

        /**
         * A duration given in whole weeks, when there is no onset date.
         *
         * @param weeks weeks since onset
         * @return this builder
         * @throws IllegalArgumentException when a duration was already given
         */
        public Builder durationWeeks(int weeks) {
            requireOneDuration();
            this.durationWeeks = weeks;
            return this;
        }

        /**
         * Where the pain is felt; left out, it is not recorded.
         *
         * @param locations every place the pain is felt
         * @return this builder
         */
        public Builder painLocation(PainLocation... locations) {
            return painLocation(List.of(locations));
        }

        /**
         * Where the pain is felt; left out, it is not recorded.
         *
         * @param locations every place the pain is felt
         * @return this builder
         */
        public Builder painLocation(Collection<PainLocation> locations) {
            this.painLocation = Enums.immutableSet(PainLocation.class, locations);
            return this;
        }

        /**
         * Whether the pain radiates to the leg; left out, it is not recorded (which never excludes).
         *
         * @param legRadiation true, false, or {@code null} for not recorded
         * @return this builder
         */
        public Builder legRadiation(Boolean legRadiation) {
            this.legRadiation = legRadiation;
            return this;
        }

        /**
         * Whether there are signs of lumbar nerve-root involvement; left out, it is not recorded, which neither excludes the episode nor counts as a missing datum.
         *
         * @param radiculopathy true, false, or {@code null} for not recorded
         * @return this builder
         */
        public Builder radiculopathy(Boolean radiculopathy) {
            this.radiculopathy = radiculopathy;
            return this;
        }

        /**
         * How many earlier episodes of low back pain the patient had (they never exclude).
         *
         * @param previousEpisodes the count; 0 when left out
         * @return this builder
         */
        public Builder previousEpisodes(int previousEpisodes) {
            this.previousEpisodes = previousEpisodes;
            return this;
        }

        /**
         * Whether red-flag screening was done; left out, it was not, and the scope is undetermined.
         *
         * @param redFlagsScreened true when screened
         * @return this builder
         */
        public Builder redFlagsScreened(boolean redFlagsScreened) {
            this.redFlagsScreened = redFlagsScreened;
            return this;
        }

        /**
         * The red flags present; any one takes the episode out of scope.
         *
         * @param flags the red flags
         * @return this builder
         */
        public Builder redFlags(RedFlag... flags) {
            return redFlags(List.of(flags));
        }

        /**
         * The red flags present; any one takes the episode out of scope.
         *
         * @param flags the red flags
         * @return this builder
         */
        public Builder redFlags(Collection<RedFlag> flags) {
            this.redFlags = Enums.immutableSet(RedFlag.class, flags);
            return this;
        }

        /**
         * Whether individualised education is judged to increase self-care (NKR-LBP-02 is withheld when false).
         *
         * @param expected true, false, or {@code null} when not judged
         * @return this builder
         */
        public Builder selfCareGainExpected(Boolean expected) {
            this.selfCareGainExpected = expected;
            return this;
        }

        /**
         * The interventions proposed (ordered) for the episode: they trigger the recommendations that concern them.
         *
         * @param interventions the proposed interventions
         * @return this builder
         */
        public Builder proposedInterventions(Intervention... interventions) {
            return proposedInterventions(List.of(interventions));
        }

        /**
         * The interventions proposed (ordered) for the episode: they trigger the recommendations that concern them.
         *
         * @param interventions the proposed interventions
         * @return this builder
         */
        public Builder proposedInterventions(Collection<Intervention> interventions) {
            this.proposedInterventions = Enums.immutableSet(Intervention.class, interventions);
            return this;
        }

        /**
         * The episode.
         *
         * @return the episode
         */
        public Episode build() {
            return new Episode(id, patientId, asOf, onset, daysSinceOnset, daysSinceOnsetAtLeast, daysSinceOnsetAtMost,
                    durationWeeks, painLocation,
                    legRadiation, radiculopathy, previousEpisodes, redFlagsScreened, redFlags,
                    selfCareGainExpected, proposedInterventions);
        }

        private void requireOneDuration() {
            if (daysSinceOnsetAtMost != null || durationWeeks != null) {
                throw new IllegalArgumentException("give one of onset, durationDays or durationWeeks, not more");
            }
        }
    }
}
