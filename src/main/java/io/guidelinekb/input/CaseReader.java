package io.guidelinekb.input;

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

/**
 * Reads the {@code asOf}, {@code patient} and {@code episode} keys shared by scenarios and records
 * from a parsed tree. What the fields must say together, and how a case is made of them, is in
 * {@link CaseAssembly}, which {@link PlainRecordReader} shares.
 */
public final class CaseReader {

    public static final List<String> CASE_KEYS = List.of("asOf", "patient", "episode");
    static final List<String> PATIENT_KEYS = List.of("id", "birthDate", "age");
    static final List<String> EPISODE_KEYS = List.of("id", "onset", "durationDays", "durationWeeks",
            "painLocation", "legRadiation", "radiculopathy", "previousEpisodes", "redFlagsScreened", "redFlags",
            "selfCareGainExpected", "proposedInterventions");
    static final List<String> DURATION_KEYS = List.of("onset", "durationDays", "durationWeeks");

    private CaseReader() {
    }

    /** The case in {@code root}, or {@code null} with its problems reported to {@code fields}. */
    public static Case read(ObjectNode root, Fields fields) {
        LocalDate asOf = fields.date(root, "", "asOf", true);
        Optional<ObjectNode> patientNode = fields.object(root, "", "patient", true);
        Optional<ObjectNode> episodeNode = fields.object(root, "", "episode", true);
        Patient patient = patientNode.map(node -> CaseAssembly.patient(patient(node, fields), asOf, fields))
                .orElse(null);
        Episode episode = episodeNode.map(node -> CaseAssembly.episode(episode(node, fields), patient, asOf, fields))
                .orElse(null);
        if (fields.hasProblems() || patient == null || episode == null) {
            return null;
        }
        return new Case(patient, episode);
    }

    private static CaseAssembly.PatientFields patient(ObjectNode node, Fields fields) {
        fields.onlyKeys(node, "patient", PATIENT_KEYS);
        return new CaseAssembly.PatientFields(fields.text(node, "patient", "id", true),
                fields.date(node, "patient", "birthDate", false), fields.count(node, "patient", "age"),
                node.has("birthDate") && node.has("age"));
    }

    private static CaseAssembly.EpisodeFields episode(ObjectNode node, Fields fields) {
        String path = "episode";
        fields.onlyKeys(node, path, EPISODE_KEYS);
        CaseAssembly.EpisodeFields episode = new CaseAssembly.EpisodeFields();
        episode.id = fields.text(node, path, "id", true);
        episode.onset = fields.date(node, path, "onset", false);
        episode.durationDays = fields.count(node, path, "durationDays");
        episode.durationWeeks = fields.count(node, path, "durationWeeks");
        episode.painLocation = fields.codes(node, path, "painLocation", PainLocation.class, "pain location");
        episode.legRadiation = fields.bool(node, path, "legRadiation");
        episode.radiculopathy = fields.bool(node, path, "radiculopathy");
        episode.previousEpisodes = fields.count(node, path, "previousEpisodes");
        episode.redFlagsScreened = fields.bool(node, path, "redFlagsScreened");
        episode.redFlags = fields.codes(node, path, "redFlags", RedFlag.class, "red flag");
        episode.selfCareGainExpected = fields.bool(node, path, "selfCareGainExpected");
        episode.proposedInterventions = fields.codes(node, path, "proposedInterventions", Intervention.class,
                "intervention");
        episode.painLocationEmptyList = node.has("painLocation") && episode.painLocation != null
                && node.get("painLocation").isEmpty();
        episode.durationsGiven = new ArrayList<>();
        for (String key : DURATION_KEYS) {
            if (node.hasNonNull(key)) {
                episode.durationsGiven.add(key);
            }
        }
        return episode;
    }
}
