package io.guidelinekb.input;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.model.Case;
import io.guidelinekb.model.Episode;
import io.guidelinekb.model.Patient;
import java.util.Collection;

/** A case written back in the record format of the scenario spec: {@code asOf}, {@code patient}, {@code episode}. */
public final class RecordJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RecordJson() {
    }

    public static ObjectNode toJson(Case input) {
        ObjectNode node = MAPPER.createObjectNode();
        Episode e = input.episode();
        Patient p = input.patient();
        node.put("asOf", e.asOf().toString());
        ObjectNode patient = node.putObject("patient").put("id", p.id());
        if (p.birthDate() != null) {
            patient.put("birthDate", p.birthDate().toString());
        } else if (p.ageYears() != null) {
            patient.put("age", p.ageYears());
        }
        ObjectNode episode = node.putObject("episode").put("id", e.id());
        if (e.onset() != null) {
            episode.put("onset", e.onset().toString());
        } else if (e.daysSinceOnset() != null) {
            episode.put("durationDays", e.daysSinceOnset());
        } else if (e.durationWeeks() != null) {
            episode.put("durationWeeks", e.durationWeeks());
        }
        if (!e.findings().isEmpty()) {
            ObjectNode findings = episode.putObject("findings");
            e.findings().forEach(findings::put);
        }
        episode.put("previousEpisodes", e.previousEpisodes());
        ids(episode.putArray("redFlags"), e.redFlags());
        ids(episode.putArray("proposedInterventions"), e.proposedInterventions());
        return node;
    }

    private static void ids(ArrayNode array, Collection<String> values) {
        values.forEach(array::add);
    }
}
