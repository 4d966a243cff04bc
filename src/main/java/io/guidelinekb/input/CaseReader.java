package io.guidelinekb.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.model.Case;
import io.guidelinekb.model.Episode;
import io.guidelinekb.model.Patient;
import io.guidelinekb.model.Vocabulary;
import io.guidelinekb.model.Vocabulary.Section;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code asOf}, {@code patient} and {@code episode} keys shared by scenarios and records
 * from a parsed tree. The episode names what the guideline talks about by the ids of its vocabulary,
 * checked here with the field they stand in. What the fields must say together, and how a case is
 * made of them, is in {@link CaseAssembly}, which {@link PlainRecordReader} shares.
 */
public final class CaseReader {

    public static final List<String> CASE_KEYS = List.of("asOf", "patient", "episode");
    static final List<String> PATIENT_KEYS = List.of("id", "birthDate", "age");
    /** The episode's keys whatever the guideline; its vocabulary may add keys that read as findings. */
    static final List<String> EPISODE_KEYS = List.of("id", "onset", "durationDays", "durationWeeks",
            "previousEpisodes", "redFlags", "findings", "proposedInterventions");
    static final List<String> DURATION_KEYS = List.of("onset", "durationDays", "durationWeeks");

    private CaseReader() {
    }

    /** The case in {@code root}, or {@code null} with its problems reported to {@code fields}. */
    public static Case read(ObjectNode root, Fields fields, Vocabulary vocabulary) {
        LocalDate asOf = fields.date(root, "", "asOf", true);
        Optional<ObjectNode> patientNode = fields.object(root, "", "patient", true);
        Optional<ObjectNode> episodeNode = fields.object(root, "", "episode", true);
        Patient patient = patientNode.map(node -> CaseAssembly.patient(patient(node, fields), asOf, fields))
                .orElse(null);
        Episode episode = episodeNode.map(node -> CaseAssembly.episode(episode(node, fields, vocabulary), patient,
                asOf, fields, vocabulary))
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

    /** The episode's keys: those of every guideline, and those the vocabulary reads as findings. */
    static List<String> episodeKeys(Vocabulary vocabulary) {
        List<String> keys = new ArrayList<>(EPISODE_KEYS);
        keys.addAll(vocabulary.findingKeys().keySet());
        keys.addAll(vocabulary.listKeys().keySet());
        return keys;
    }

    private static CaseAssembly.EpisodeFields episode(ObjectNode node, Fields fields, Vocabulary vocabulary) {
        String path = "episode";
        List<String> allowed = new ArrayList<>(episodeKeys(vocabulary));
        node.fieldNames().forEachRemaining(key -> vocabulary.ambiguity(key).ifPresent(why -> {
            fields.problem(Fields.path(path, key), why);
            allowed.add(key);
        }));
        fields.onlyKeys(node, path, allowed);
        CaseAssembly.EpisodeFields episode = new CaseAssembly.EpisodeFields();
        episode.id = fields.text(node, path, "id", true);
        episode.onset = fields.date(node, path, "onset", false);
        episode.durationDays = fields.count(node, path, "durationDays");
        episode.durationWeeks = fields.count(node, path, "durationWeeks");
        episode.previousEpisodes = fields.count(node, path, "previousEpisodes");
        episode.redFlags = ids(node, path, "redFlags", Section.RED_FLAGS, vocabulary, fields);
        episode.proposedInterventions = ids(node, path, "proposedInterventions", Section.INTERVENTIONS, vocabulary,
                fields);
        findings(node, path, vocabulary, fields, episode.findings);
        episode.durationsGiven = new ArrayList<>();
        for (String key : DURATION_KEYS) {
            if (node.hasNonNull(key)) {
                episode.durationsGiven.add(key);
            }
        }
        return episode;
    }

    private static Set<String> ids(ObjectNode node, String path, String key, Section section, Vocabulary vocabulary,
                                   Fields fields) {
        return fields.list(node, path, key, (item, itemPath) -> {
            if (!item.isTextual()) {
                fields.problem(itemPath, "expected " + article(section.singular()) + "'s id, got " + Fields.describe(item));
                return null;
            }
            if (!vocabulary.has(section, item.asText())) {
                fields.problem(itemPath, vocabulary.unknownMessage(section, item.asText()));
                return null;
            }
            return item.asText();
        });
    }

    /** The findings under {@code findings}, and under each key the vocabulary reads as findings. */
    private static void findings(ObjectNode node, String path, Vocabulary vocabulary, Fields fields,
                                 Map<String, Boolean> findings) {
        fields.object(node, path, "findings", false).ifPresent(given -> given.fields().forEachRemaining(entry -> {
            String field = Fields.path(path, "findings." + entry.getKey());
            if (!vocabulary.has(Section.FINDINGS, entry.getKey())) {
                fields.problem(field, vocabulary.unknownMessage(Section.FINDINGS, entry.getKey()));
            } else if (!entry.getValue().isNull()) {
                put(findings, entry.getKey(), bool(entry.getValue(), field, fields), field, fields);
            }
        }));
        vocabulary.findingKeys().forEach((key, finding) -> {
            Boolean value = fields.bool(node, path, key);
            if (value != null) {
                put(findings, finding, value, Fields.path(path, key), fields);
            }
        });
        vocabulary.listKeys().forEach((key, values) -> {
            Set<String> listed = fields.list(node, path, key, (item, itemPath) -> {
                if (!item.isTextual() || !values.containsKey(item.asText())) {
                    fields.problem(itemPath, "unknown value " + Fields.describe(item) + "; allowed: "
                            + String.join(", ", values.keySet()));
                    return null;
                }
                return item.asText();
            });
            if (listed != null && node.get(key).isEmpty()) {
                fields.problem(Fields.path(path, key), "an empty list says nothing; leave the key out when it is not "
                        + "known, or list at least one of " + String.join(", ", values.keySet()));
            } else if (listed != null) {
                values.forEach((value, finding) -> put(findings, finding, listed.contains(value), Fields.path(path, key),
                        fields));
            }
        });
    }

    private static Boolean bool(JsonNode value, String field, Fields fields) {
        if (!value.isBoolean()) {
            fields.problem(field, "expected true or false, got " + Fields.describe(value));
            return null;
        }
        return value.asBoolean();
    }

    private static void put(Map<String, Boolean> findings, String finding, Boolean value, String field, Fields fields) {
        if (value == null) {
            return;
        }
        if (findings.containsKey(finding)) {
            fields.problem(field, "gives " + finding + " again; give each finding once");
            return;
        }
        findings.put(finding, value);
    }

    static String article(String noun) {
        return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }
}
