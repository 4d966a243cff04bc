package io.guidelinekb.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.model.Alert;
import io.guidelinekb.model.EvidenceGrade;
import io.guidelinekb.model.Recommendation;
import io.guidelinekb.model.Strength;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes batch's compact result line: codes and ids; the texts of each recommendation are in the
 * knowledge base's version. A million results repeat the same few keys, codes and untriggered
 * recommendations, so those are encoded once and copied as bytes; free text (ids, alerts, errors)
 * goes through the generator's escaping as usual.
 */
public final class CompactResultWriter {

    private static final SerializableString LINE = new SerializedString("line");
    private static final SerializableString PATIENT_ID = new SerializedString("patientId");
    private static final SerializableString EPISODE_ID = new SerializedString("episodeId");
    private static final SerializableString AS_OF = new SerializedString("asOf");
    private static final SerializableString VERSION = new SerializedString("knowledgeBaseVersion");
    private static final SerializableString GUIDELINE = new SerializedString("guideline");
    private static final SerializableString GUIDELINE_VERSION = new SerializedString("guidelineVersion");
    private static final SerializableString GUIDELINE_STATUS = new SerializedString("guidelineStatus");
    private static final SerializableString SCOPE = new SerializedString("scope");
    private static final SerializableString STATUS = new SerializedString("status");
    private static final SerializableString REASONS = new SerializedString("reasons");
    private static final SerializableString ALERTS = new SerializedString("alerts");
    private static final SerializableString TEXT_DA = new SerializedString("textDa");
    private static final SerializableString TEXT_EN = new SerializedString("textEn");
    private static final SerializableString RECOMMENDATIONS = new SerializedString("recommendations");
    private static final SerializableString ID = new SerializedString("id");
    private static final SerializableString STRENGTH = new SerializedString("strength");
    private static final SerializableString EVIDENCE = new SerializedString("evidence");
    private static final SerializableString TRIGGERED_BY = new SerializedString("triggeredBy");
    private static final SerializableString TRIGGERED_AGAINST = new SerializedString("triggeredAgainst");
    private static final SerializableString ALERT_ID = new SerializedString("id");
    private static final SerializableString LEVEL = new SerializedString("level");
    private static final SerializableString ERROR = new SerializedString("error");
    private static final ClassValue<SerializableString[]> CODES = new ClassValue<>() {
        @Override
        protected SerializableString[] computeValue(Class<?> type) {
            Object[] constants = type.getEnumConstants();
            SerializableString[] names = new SerializableString[constants.length];
            for (int i = 0; i < constants.length; i++) {
                names[i] = new SerializedString(((Enum<?>) constants[i]).name());
            }
            return names;
        }
    };

    /** An untriggered recommendation, whole: {@code {"id":…,"strength":…,"evidence":…}}. */
    private record Untriggered(Strength strength, EvidenceGrade evidence, SerializableString json) {
    }

    private final Map<String, Untriggered> untriggered = new ConcurrentHashMap<>();

    void writeError(JsonGenerator generator, long line, String error) throws IOException {
        generator.writeStartObject();
        generator.writeFieldName(LINE);
        generator.writeNumber(line);
        generator.writeFieldName(ERROR);
        generator.writeString(error);
        generator.writeEndObject();
    }

    void writeResult(JsonGenerator generator, long line, EpisodeResult result) throws IOException {
        generator.writeStartObject();
        generator.writeFieldName(LINE);
        generator.writeNumber(line);
        generator.writeFieldName(PATIENT_ID);
        generator.writeString(result.patientId());
        generator.writeFieldName(EPISODE_ID);
        generator.writeString(result.episodeId());
        generator.writeFieldName(AS_OF);
        generator.writeString(result.asOf().toString());
        generator.writeFieldName(VERSION);
        generator.writeString(result.knowledgeBaseVersion());
        generator.writeFieldName(GUIDELINE);
        generator.writeString(result.guideline().id());
        generator.writeFieldName(GUIDELINE_VERSION);
        generator.writeString(result.guideline().version());
        generator.writeFieldName(GUIDELINE_STATUS);
        generator.writeString(result.guideline().review().status().code());
        generator.writeFieldName(SCOPE);
        generator.writeStartObject();
        generator.writeFieldName(STATUS);
        generator.writeString(code(result.status()));
        generator.writeFieldName(REASONS);
        generator.writeStartArray();
        for (String reason : result.reasons()) {
            generator.writeString(reason);
        }
        generator.writeEndArray();
        generator.writeEndObject();
        if (!result.alerts().isEmpty()) {
            writeAlerts(generator, result);
        }
        generator.writeFieldName(RECOMMENDATIONS);
        generator.writeStartArray();
        for (Recommendation r : result.recommendations()) {
            if (r.triggered()) {
                writeTriggered(generator, r);
            } else {
                generator.writeRawValue(untriggered(r));
            }
        }
        generator.writeEndArray();
        generator.writeEndObject();
    }

    private static void writeAlerts(JsonGenerator generator, EpisodeResult result) throws IOException {
        generator.writeFieldName(ALERTS);
        generator.writeStartArray();
        for (Alert alert : result.alerts()) {
            generator.writeStartObject();
            generator.writeFieldName(ALERT_ID);
            generator.writeString(alert.id());
            generator.writeFieldName(LEVEL);
            generator.writeString(code(alert.level()));
            generator.writeFieldName(TEXT_DA);
            generator.writeString(alert.textDa());
            generator.writeFieldName(TEXT_EN);
            generator.writeString(alert.textEn());
            generator.writeEndObject();
        }
        generator.writeEndArray();
    }

    private static void writeTriggered(JsonGenerator generator, Recommendation r) throws IOException {
        generator.writeStartObject();
        writeCodes(generator, r);
        generator.writeFieldName(TRIGGERED_BY);
        generator.writeStartArray();
        for (String intervention : r.triggeredBy()) {
            generator.writeString(intervention);
        }
        generator.writeEndArray();
        generator.writeFieldName(TRIGGERED_AGAINST);
        generator.writeStartArray();
        for (String intervention : r.triggeredAgainst()) {
            generator.writeString(intervention);
        }
        generator.writeEndArray();
        generator.writeEndObject();
    }

    private static void writeCodes(JsonGenerator generator, Recommendation r) throws IOException {
        generator.writeFieldName(ID);
        generator.writeString(r.id());
        generator.writeFieldName(STRENGTH);
        generator.writeString(code(r.strength()));
        generator.writeFieldName(EVIDENCE);
        generator.writeString(code(r.evidence()));
    }

    private SerializableString untriggered(Recommendation r) throws IOException {
        Untriggered known = untriggered.get(r.id());
        if (known != null && known.strength() == r.strength() && known.evidence() == r.evidence()) {
            return known.json();
        }
        String json = BatchJson.text(generator -> {
            generator.writeStartObject();
            writeCodes(generator, r);
            generator.writeEndObject();
        });
        Untriggered made = new Untriggered(r.strength(), r.evidence(), new SerializedString(json));
        untriggered.put(r.id(), made);
        return made.json();
    }

    private static SerializableString code(Enum<?> value) {
        return CODES.get(value.getDeclaringClass())[value.ordinal()];
    }
}
