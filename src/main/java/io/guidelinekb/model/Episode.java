package io.guidelinekb.model;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An episode as the rules see it on the evaluation date {@code asOf}. What the guideline talks
 * about (interventions, red flags, findings) is named by the ids of its vocabulary
 * ({@code rules/<guideline>/vocabulary.yaml}). A {@code null} means "not known", which the rules never
 * read as "absent"; a finding left out is not known.
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
 * @param previousEpisodes     earlier episodes (they never exclude)
 * @param redFlags             the red flags present, by id
 * @param findings             the yes/no findings recorded, by id; one left out is not known
 * @param proposedInterventions the interventions proposed (ordered) for the episode, by id
 * @param vocabulary           the guideline vocabulary the ids were checked against; {@code null} until
 *                             a knowledge base admits the episode
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
        int previousEpisodes,
        Set<String> redFlags,
        Map<String, Boolean> findings,
        Set<String> proposedInterventions,
        Vocabulary vocabulary) {

    /**
     * Checks and copies the components.
     *
     * @param id                    the episode's id
     * @param patientId             its patient's id
     * @param asOf                  the evaluation date
     * @param onset                 the date the pain began, {@code null} when not given
     * @param daysSinceOnset        days from onset (day 0) to {@code asOf}; {@code null} unless known to the day
     * @param daysSinceOnsetAtLeast the fewest days since onset it may be; {@code null} when nothing is known
     * @param daysSinceOnsetAtMost  the most days since onset it may be; {@code null} when nothing is known
     * @param durationWeeks         duration given in whole weeks, {@code null} when not given that way
     * @param previousEpisodes      earlier episodes (they never exclude)
     * @param redFlags              the red flags present, by id
     * @param findings              the yes/no findings recorded, by id
     * @param proposedInterventions the interventions proposed (ordered) for the episode, by id
     * @param vocabulary            the vocabulary the ids were checked against, or {@code null}
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
        redFlags = Ids.set(redFlags, "red flag");
        proposedInterventions = Ids.set(proposedInterventions, "intervention");
        findings = Ids.findings(findings);
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

    /**
     * Whether an intervention is proposed: {@code Episode( proposes("MRI") )}.
     *
     * @param intervention the intervention's id
     * @return true when proposed
     * @throws IllegalArgumentException when the episode's vocabulary has no such intervention
     */
    public boolean proposes(String intervention) {
        return proposedInterventions.contains(intervention) || known(Vocabulary.Section.INTERVENTIONS, intervention);
    }

    /**
     * Whether a red flag is present: {@code Episode( hasRedFlag("CAUDA_EQUINA") )}.
     *
     * @param flag the red flag's id
     * @return true when present
     * @throws IllegalArgumentException when the episode's vocabulary has no such red flag
     */
    public boolean hasRedFlag(String flag) {
        if (redFlags.contains(flag)) {
            return true;
        }
        known(Vocabulary.Section.RED_FLAGS, flag);
        // an indicator (urinary retention) is a sign of its category (cauda equina)
        if (vocabulary != null && !redFlags.isEmpty()) {
            for (String present : redFlags) {
                if (flag.equals(vocabulary.redFlagCategory(present))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The alerts the red flags present call for, each once:
     * {@code $alert : String() from $episode.redFlagAlerts()}, then {@code Alert.of( $episode, $alert )}.
     *
     * @return the alerts' ids, in the vocabulary's order; none when the episode has no red flag
     */
    public List<String> redFlagAlerts() {
        if (redFlags.isEmpty() || vocabulary == null) {
            return List.of();
        }
        return vocabulary.alertsFor(redFlags);
    }

    /**
     * A finding: {@code Episode( finding("LEG_RADIATION") == true )}.
     *
     * @param finding the finding's id
     * @return true or false as recorded, {@code null} when not known
     * @throws IllegalArgumentException when the episode's vocabulary has no such finding
     */
    public Boolean finding(String finding) {
        Boolean value = findings.get(finding);
        if (value == null) {
            known(Vocabulary.Section.FINDINGS, finding);
        }
        return value;
    }

    /** False, after checking that the id is the vocabulary's: a misspelt id must fail, not read as absent. */
    private boolean known(Vocabulary.Section section, String id) {
        if (vocabulary != null) {
            vocabulary.require(section, id);
        }
        return false;
    }

    /**
     * The same episode bound to a vocabulary: what {@link Vocabulary#admit(Episode)} makes.
     *
     * @param vocabulary            the vocabulary
     * @param redFlags              the red flags, checked
     * @param findings              the findings, checked
     * @param proposedInterventions the interventions, checked
     * @return the bound episode
     */
    Episode in(Vocabulary vocabulary, Set<String> proposedInterventions, Set<String> redFlags,
               Map<String, Boolean> findings) {
        return new Episode(id, patientId, asOf, onset, daysSinceOnset, daysSinceOnsetAtLeast, daysSinceOnsetAtMost,
                durationWeeks, previousEpisodes, redFlags, findings, proposedInterventions, vocabulary);
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
        private int previousEpisodes;
        private final Set<String> redFlags = new LinkedHashSet<>();
        private final Map<String, Boolean> findings = new LinkedHashMap<>();
        private final Set<String> proposedInterventions = new LinkedHashSet<>();
        private Vocabulary vocabulary;

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
         * A yes/no finding of the guideline's vocabulary, e.g. {@code finding("LEG_RADIATION", true)};
         * left out, or given {@code null}, it is not known.
         *
         * @param finding the finding's id
         * @param value   true, false, or {@code null} for not known
         * @return this builder
         */
        public Builder finding(String finding, Boolean value) {
            Ids.check(finding, "finding");
            if (value == null) {
                findings.remove(finding);
            } else {
                findings.put(finding, value);
            }
            return this;
        }

        /**
         * How many earlier episodes the patient had (they never exclude).
         *
         * @param previousEpisodes the count; 0 when left out
         * @return this builder
         */
        public Builder previousEpisodes(int previousEpisodes) {
            this.previousEpisodes = previousEpisodes;
            return this;
        }

        /**
         * Red flags present, by id; any one takes the episode out of scope.
         *
         * @param flags the red flags' ids
         * @return this builder
         */
        public Builder redFlags(String... flags) {
            return redFlags(List.of(flags));
        }

        /**
         * Red flags present, by id; any one takes the episode out of scope.
         *
         * @param flags the red flags' ids
         * @return this builder
         */
        public Builder redFlags(Collection<String> flags) {
            flags.forEach(flag -> redFlags.add(Ids.check(flag, "red flag")));
            return this;
        }

        /**
         * Interventions proposed (ordered), by id: they trigger the recommendations that concern them.
         *
         * @param interventions the interventions' ids, e.g. {@code "MRI"}
         * @return this builder
         */
        public Builder propose(String... interventions) {
            return propose(List.of(interventions));
        }

        /**
         * Interventions proposed (ordered), by id: they trigger the recommendations that concern them.
         *
         * @param interventions the interventions' ids
         * @return this builder
         */
        public Builder propose(Collection<String> interventions) {
            interventions.forEach(i -> proposedInterventions.add(Ids.check(i, "intervention")));
            return this;
        }

        /**
         * Checks the ids against a guideline's vocabulary when the episode is built, and binds it to
         * it: a knowledge base of that vocabulary then evaluates it as it is.
         *
         * @param vocabulary the vocabulary, e.g. {@code kb.vocabulary()}
         * @return this builder
         */
        public Builder in(Vocabulary vocabulary) {
            this.vocabulary = vocabulary;
            return this;
        }

        /**
         * The episode; unless {@link #in(Vocabulary)} named one, not yet checked against a vocabulary:
         * the knowledge base checks its ids when it evaluates it.
         *
         * @return the episode
         * @throws IllegalArgumentException for an id the vocabulary named by {@link #in(Vocabulary)} lacks
         */
        public Episode build() {
            Episode episode = new Episode(id, patientId, asOf, onset, daysSinceOnset, daysSinceOnsetAtLeast,
                    daysSinceOnsetAtMost, durationWeeks, previousEpisodes, redFlags, findings, proposedInterventions,
                    vocabulary);
            if (vocabulary != null) {
                EpisodeAdmission.check(vocabulary, episode);
            }
            return episode;
        }

        private void requireOneDuration() {
            if (daysSinceOnsetAtMost != null || durationWeeks != null) {
                throw new IllegalArgumentException("give one of onset, durationDays or durationWeeks, not more");
            }
        }
    }
}
