package io.guidelinekb.input;

import io.guidelinekb.model.Episode;
import io.guidelinekb.model.Patient;
import io.guidelinekb.util.Identifiers;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a case's fields must say together (one duration, dates not after {@code asOf}, ...), and
 * the patient and episode made of them. Both readers of cases, from a tree and from a plain
 * record's tokens, end here, so a record reads the same whichever way it came in.
 */
public final class CaseAssembly {

    private CaseAssembly() {
    }

    /** The patient's fields as read; {@code null} where absent or already reported. */
    record PatientFields(String id, LocalDate birthDate, Integer age, boolean birthDateAndAgeGiven) {
    }

    /** The episode's fields as read; {@code null} where absent or already reported. */
    static final class EpisodeFields {
        String id;
        LocalDate onset;
        Integer durationDays;
        Integer durationWeeks;
        /** Each finding given, by id, whether under {@code findings} or a key that reads as one. */
        Map<String, Boolean> findings = new LinkedHashMap<>();
        Integer previousEpisodes;
        Set<String> redFlags;
        Set<String> proposedInterventions;
        /** The keys among onset, durationDays, durationWeeks that were given. */
        List<String> durationsGiven = List.of();
    }

    /** No patient is older: an age or birth date beyond it is a typo or a placeholder, not a patient. */
    static final int MAX_AGE = 130;
    /** Days since onset, or weeks, that no episode reaches: older than any patient. */
    static final int MAX_DURATION_DAYS = MAX_AGE * 366;

    /** The patient, or {@code null} with the problem reported to {@code fields}. */
    static Patient patient(PatientFields given, LocalDate asOf, Fields fields) {
        idProblem("patient.id", given.id(), fields);
        if (given.age() != null && given.age() > MAX_AGE) {
            fields.problem("patient.age", given.age() + " is not a plausible age (0 to " + MAX_AGE + ")");
            return null;
        }
        if (given.birthDate() != null && asOf != null && given.birthDate().isBefore(asOf.minusYears(MAX_AGE))) {
            fields.problem("patient.birthDate", given.birthDate() + " is more than " + MAX_AGE
                    + " years before asOf " + asOf + "; not a plausible birth date");
            return null;
        }
        if (fields.hasProblems()) {
            return null;
        }
        if (given.birthDateAndAgeGiven()) {
            fields.problem("patient", "give either birthDate or age, not both");
            return null;
        }
        LocalDate birthDate = given.birthDate();
        if (birthDate != null && asOf != null && birthDate.isAfter(asOf)) {
            fields.problem("patient.birthDate", birthDate + " is after asOf " + asOf);
            return null;
        }
        if (given.id() == null || asOf == null) {
            return null;
        }
        if (birthDate != null) {
            return Patient.bornOn(given.id(), birthDate, asOf);
        }
        return given.age() != null ? Patient.aged(given.id(), given.age()) : Patient.ageUnknown(given.id());
    }

    private static void idProblem(String field, String id, Fields fields) {
        String problem = id == null ? null : Identifiers.problem(id);
        if (problem != null) {
            fields.problem(field, "\"" + Identifiers.printable(id.length() > 40 ? id.substring(0, 40) + "…" : id)
                    + "\" " + problem);
        }
    }

    /** The episode, or {@code null} with its problems reported to {@code fields}. */
    static Episode episode(EpisodeFields given, Patient patient, LocalDate asOf, Fields fields,
                           io.guidelinekb.model.Vocabulary vocabulary) {
        idProblem("episode.id", given.id, fields);
        if (given.onset != null && asOf != null && given.onset.isBefore(asOf.minusYears(MAX_AGE))) {
            fields.problem("episode.onset", given.onset + " is more than " + MAX_AGE + " years before asOf " + asOf
                    + "; not a plausible onset");
        }
        if (given.durationDays != null && given.durationDays > MAX_DURATION_DAYS) {
            fields.problem("episode.durationDays", given.durationDays + " is not a plausible duration (at most "
                    + MAX_DURATION_DAYS + " days)");
        }
        if (given.durationWeeks != null && given.durationWeeks > MAX_DURATION_DAYS / 7) {
            fields.problem("episode.durationWeeks", given.durationWeeks + " is not a plausible duration (at most "
                    + MAX_DURATION_DAYS / 7 + " weeks)");
        }
        if (given.previousEpisodes != null && given.previousEpisodes > 1000) {
            fields.problem("episode.previousEpisodes", given.previousEpisodes + " is not a plausible count (at most "
                    + "1000)");
        }
        if (given.durationsGiven.size() > 1) {
            fields.problem("episode", "give one of onset, durationDays, durationWeeks, not several (got "
                    + String.join(", ", given.durationsGiven) + ")");
        }
        if (given.onset != null && asOf != null && given.onset.isAfter(asOf)) {
            fields.problem("episode.onset", given.onset + " is after asOf " + asOf);
        }
        if (fields.hasProblems() || given.id == null || patient == null) {
            return null;
        }
        // the readers checked every id against the vocabulary, naming its field: bound here, evaluated as it is
        Episode.Builder episode = Episode.builder(given.id, patient.id(), asOf).in(vocabulary)
                .previousEpisodes(given.previousEpisodes == null ? 0 : given.previousEpisodes);
        given.findings.forEach(episode::finding);
        if (given.onset != null) {
            episode.onset(given.onset);
        } else if (given.durationDays != null) {
            episode.durationDays(given.durationDays);
        } else if (given.durationWeeks != null) {
            episode.durationWeeks(given.durationWeeks);
        }
        if (given.redFlags != null) {
            episode.redFlags(given.redFlags);
        }
        if (given.proposedInterventions != null) {
            episode.propose(given.proposedInterventions);
        }
        return episode.build();
    }
}
