package io.guidelinekb.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.Case;
import io.guidelinekb.model.Episode;
import io.guidelinekb.model.Intervention;
import io.guidelinekb.model.PainLocation;
import io.guidelinekb.model.Patient;
import io.guidelinekb.model.RedFlag;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads the {@code asOf}, {@code patient} and {@code episode} keys shared by scenarios and records. */
final class CaseReader {

    static final List<String> CASE_KEYS = List.of("asOf", "patient", "episode");
    private static final List<String> PATIENT_KEYS = List.of("id", "birthDate", "age");
    private static final List<String> EPISODE_KEYS = List.of("id", "onset", "durationDays", "durationWeeks",
            "painLocation", "legRadiation", "radiculopathy", "previousEpisodes", "redFlagsScreened", "redFlags",
            "selfCareGainExpected", "proposedInterventions");

    private CaseReader() {
    }

    /** The case in {@code root}, or {@code null} with its problems reported to {@code fields}. */
    static Case read(ObjectNode root, Fields fields) {
        LocalDate asOf = fields.date(root, "", "asOf", true);
        Optional<ObjectNode> patientNode = fields.object(root, "", "patient", true);
        Optional<ObjectNode> episodeNode = fields.object(root, "", "episode", true);
        Patient patient = patientNode.map(node -> patient(node, asOf, fields)).orElse(null);
        Episode episode = episodeNode.map(node -> episode(node, patient, asOf, fields)).orElse(null);
        if (fields.hasProblems() || patient == null || episode == null) {
            return null;
        }
        return new Case(patient, episode);
    }

    private static Patient patient(ObjectNode node, LocalDate asOf, Fields fields) {
        fields.onlyKeys(node, "patient", PATIENT_KEYS);
        String id = fields.text(node, "patient", "id", true);
        LocalDate birthDate = fields.date(node, "patient", "birthDate", false);
        Integer age = fields.count(node, "patient", "age");
        if (node.has("birthDate") && node.has("age")) {
            fields.problem("patient", "give either birthDate or age, not both");
            return null;
        }
        if (birthDate != null && asOf != null && birthDate.isAfter(asOf)) {
            fields.problem("patient.birthDate", birthDate + " is after asOf " + asOf);
            return null;
        }
        if (id == null || asOf == null) {
            return null;
        }
        if (birthDate != null) {
            return Patient.bornOn(id, birthDate, asOf);
        }
        return age != null ? Patient.aged(id, age) : Patient.ageUnknown(id);
    }

    private static Episode episode(ObjectNode node, Patient patient, LocalDate asOf, Fields fields) {
        String path = "episode";
        fields.onlyKeys(node, path, EPISODE_KEYS);
        String id = fields.text(node, path, "id", true);
        LocalDate onset = fields.date(node, path, "onset", false);
        Integer durationDays = fields.count(node, path, "durationDays");
        Integer durationWeeks = fields.count(node, path, "durationWeeks");
        Set<PainLocation> painLocation = fields.codes(node, path, "painLocation", PainLocation.class, "pain location");
        Boolean legRadiation = fields.bool(node, path, "legRadiation");
        Boolean radiculopathy = fields.bool(node, path, "radiculopathy");
        Integer previousEpisodes = fields.count(node, path, "previousEpisodes");
        Boolean redFlagsScreened = fields.bool(node, path, "redFlagsScreened");
        Set<RedFlag> redFlags = fields.codes(node, path, "redFlags", RedFlag.class, "red flag");
        Boolean selfCareGainExpected = fields.bool(node, path, "selfCareGainExpected");
        Set<Intervention> proposed = fields.codes(node, path, "proposedInterventions", Intervention.class,
                "intervention");
        if (node.has("painLocation") && painLocation != null && node.get("painLocation").isEmpty()) {
            fields.problem("episode.painLocation", "an empty list says nothing; leave the key out when the location "
                    + "is not known, or list at least one of LOW_BACK, BUTTOCK, OTHER");
        }
        List<String> durations = new ArrayList<>();
        for (String key : List.of("onset", "durationDays", "durationWeeks")) {
            if (node.hasNonNull(key)) {
                durations.add(key);
            }
        }
        if (durations.size() > 1) {
            fields.problem(path, "give one of onset, durationDays, durationWeeks, not several (got "
                    + String.join(", ", durations) + ")");
        }
        if (onset != null && asOf != null && onset.isAfter(asOf)) {
            fields.problem("episode.onset", onset + " is after asOf " + asOf);
        }
        if (fields.hasProblems() || id == null || patient == null) {
            return null;
        }
        Episode.Builder episode = Episode.builder(id, patient.id(), asOf)
                .legRadiation(Boolean.TRUE.equals(legRadiation))
                .radiculopathy(Boolean.TRUE.equals(radiculopathy))
                .previousEpisodes(previousEpisodes == null ? 0 : previousEpisodes)
                .redFlagsScreened(Boolean.TRUE.equals(redFlagsScreened))
                .selfCareGainExpected(selfCareGainExpected);
        if (onset != null) {
            episode.onset(onset);
        } else if (durationDays != null) {
            episode.durationDays(durationDays);
        } else if (durationWeeks != null) {
            episode.durationWeeks(durationWeeks);
        }
        if (painLocation != null) {
            episode.painLocation(painLocation);
        }
        if (redFlags != null) {
            episode.redFlags(redFlags);
        }
        if (proposed != null) {
            episode.proposedInterventions(proposed);
        }
        return episode.build();
    }
}
