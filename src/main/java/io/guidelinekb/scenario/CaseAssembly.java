package io.guidelinekb.scenario;

import io.guidelinekb.model.Episode;
import io.guidelinekb.model.Intervention;
import io.guidelinekb.model.PainLocation;
import io.guidelinekb.model.Patient;
import io.guidelinekb.model.RedFlag;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What a case's fields must say together (one duration, dates not after {@code asOf}, ...), and
 * the patient and episode made of them. Both readers of cases, from a tree and from a plain
 * record's tokens, end here, so a record reads the same whichever way it came in.
 */
final class CaseAssembly {

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
        Set<PainLocation> painLocation;
        boolean painLocationEmptyList;
        Boolean legRadiation;
        Boolean radiculopathy;
        Integer previousEpisodes;
        Boolean redFlagsScreened;
        Set<RedFlag> redFlags;
        Boolean selfCareGainExpected;
        Set<Intervention> proposedInterventions;
        /** The keys among onset, durationDays, durationWeeks that were given. */
        List<String> durationsGiven = List.of();
    }

    /** The patient, or {@code null} with the problem reported to {@code fields}. */
    static Patient patient(PatientFields given, LocalDate asOf, Fields fields) {
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

    /** The episode, or {@code null} with its problems reported to {@code fields}. */
    static Episode episode(EpisodeFields given, Patient patient, LocalDate asOf, Fields fields) {
        if (given.painLocationEmptyList) {
            fields.problem("episode.painLocation", "an empty list says nothing; leave the key out when the location "
                    + "is not known, or list at least one of LOW_BACK, BUTTOCK, OTHER");
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
        Episode.Builder episode = Episode.builder(given.id, patient.id(), asOf)
                .legRadiation(Boolean.TRUE.equals(given.legRadiation))
                .radiculopathy(Boolean.TRUE.equals(given.radiculopathy))
                .previousEpisodes(given.previousEpisodes == null ? 0 : given.previousEpisodes)
                .redFlagsScreened(Boolean.TRUE.equals(given.redFlagsScreened))
                .selfCareGainExpected(given.selfCareGainExpected);
        if (given.onset != null) {
            episode.onset(given.onset);
        } else if (given.durationDays != null) {
            episode.durationDays(given.durationDays);
        } else if (given.durationWeeks != null) {
            episode.durationWeeks(given.durationWeeks);
        }
        if (given.painLocation != null) {
            episode.painLocation(given.painLocation);
        }
        if (given.redFlags != null) {
            episode.redFlags(given.redFlags);
        }
        if (given.proposedInterventions != null) {
            episode.proposedInterventions(given.proposedInterventions);
        }
        return episode.build();
    }
}
