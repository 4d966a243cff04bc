package io.guidelinekb.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.guidelinekb.model.Case;
import io.guidelinekb.model.Episode;
import io.guidelinekb.model.Patient;
import io.guidelinekb.model.Vocabulary;
import io.guidelinekb.model.Vocabulary.Section;
import io.guidelinekb.util.Identifiers;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a batch record straight from its tokens, without building a tree: a third of the cost of
 * reading a record the careful way. It only takes records with nothing to report: at the first
 * thing out of the ordinary (a key it does not know or sees twice, a null, a value of another
 * type, an unknown code, a date that does not exist, fields that disagree) it gives up and returns
 * {@code null}, and {@link RecordReader} reads the record again the careful way, which names the
 * problem. What the fields must say together is checked by {@link CaseAssembly}, as for every case.
 */
public final class PlainRecordReader {

    private static final JsonFactory JSON = new JsonFactory();

    /** Given up: the record is not plain, the careful reader will say why. */
    private static final class NotPlain extends Exception {
        private static final NotPlain INSTANCE = new NotPlain();

        private NotPlain() {
            super(null, null, false, false);
        }
    }

    private PlainRecordReader() {
    }

    /** The case and unit in the UTF-8 bytes of a one-line record, or {@code null} when it is not plain. */
    public static RecordReader.BatchRecord read(byte[] bytes, int offset, int length, Vocabulary vocabulary) {
        // The parser would skip a byte-order mark and take a second byte of zero for UTF-16 or
        // UTF-32, where the careful reader, given the line as UTF-8 text, names the character.
        if (length < 2 || bytes[offset] != '{' || bytes[offset + 1] == 0) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(bytes, offset, length)) {
            return read(parser, vocabulary);
        } catch (NotPlain | IOException | DateTimeException e) {
            return null;
        }
    }

    private static RecordReader.BatchRecord read(JsonParser parser, Vocabulary vocabulary) throws IOException, NotPlain {
        expect(parser.nextToken(), JsonToken.START_OBJECT);
        String unit = null;
        LocalDate asOf = null;
        CaseAssembly.PatientFields patientFields = null;
        CaseAssembly.EpisodeFields episodeFields = null;
        String key;
        while ((key = parser.nextFieldName()) != null) {
            switch (key) {
                case "asOf" -> asOf = once(asOf, date(parser));
                case "unit" -> unit = once(unit, unit(parser));
                case "patient" -> patientFields = once(patientFields, patient(parser));
                case "episode" -> episodeFields = once(episodeFields, episode(parser, vocabulary));
                default -> throw NotPlain.INSTANCE;
            }
        }
        expect(parser.currentToken(), JsonToken.END_OBJECT);
        expect(parser.nextToken(), null);
        if (asOf == null || patientFields == null || episodeFields == null) {
            throw NotPlain.INSTANCE;
        }
        Fields fields = new Fields("");
        Patient patient = CaseAssembly.patient(patientFields, asOf, fields);
        Episode episode = CaseAssembly.episode(episodeFields, patient, asOf, fields, vocabulary);
        if (fields.hasProblems() || patient == null || episode == null) {
            throw NotPlain.INSTANCE;
        }
        return new RecordReader.BatchRecord(new Case(patient, episode), unit);
    }

    /** A unit that is printable text; anything else is for the careful reader to name. */
    private static String unit(JsonParser parser) throws IOException, NotPlain {
        String unit = text(parser);
        if (Identifiers.problem(unit) != null) {
            throw NotPlain.INSTANCE;
        }
        return unit;
    }

    private static CaseAssembly.PatientFields patient(JsonParser parser) throws IOException, NotPlain {
        expect(parser.nextToken(), JsonToken.START_OBJECT);
        String id = null;
        LocalDate birthDate = null;
        Integer age = null;
        String key;
        while ((key = parser.nextFieldName()) != null) {
            switch (key) {
                case "id" -> id = once(id, text(parser));
                case "birthDate" -> birthDate = once(birthDate, date(parser));
                case "age" -> age = once(age, count(parser));
                default -> throw NotPlain.INSTANCE;
            }
        }
        expect(parser.currentToken(), JsonToken.END_OBJECT);
        if (id == null) {
            throw NotPlain.INSTANCE;
        }
        return new CaseAssembly.PatientFields(id, birthDate, age, birthDate != null && age != null);
    }

    private static CaseAssembly.EpisodeFields episode(JsonParser parser, Vocabulary vocabulary)
            throws IOException, NotPlain {
        expect(parser.nextToken(), JsonToken.START_OBJECT);
        CaseAssembly.EpisodeFields episode = new CaseAssembly.EpisodeFields();
        String key;
        while ((key = parser.nextFieldName()) != null) {
            switch (key) {
                case "id" -> episode.id = once(episode.id, text(parser));
                case "onset" -> episode.onset = once(episode.onset, date(parser));
                case "durationDays" -> episode.durationDays = once(episode.durationDays, count(parser));
                case "durationWeeks" -> episode.durationWeeks = once(episode.durationWeeks, count(parser));
                case "previousEpisodes" -> episode.previousEpisodes = once(episode.previousEpisodes, count(parser));
                case "redFlags" -> episode.redFlags = once(episode.redFlags, ids(parser, vocabulary, Section.RED_FLAGS));
                case "proposedInterventions" -> episode.proposedInterventions = once(episode.proposedInterventions,
                        ids(parser, vocabulary, Section.INTERVENTIONS));
                case "findings" -> findings(parser, vocabulary, episode.findings);
                default -> finding(parser, key, vocabulary, episode.findings);
            }
        }
        expect(parser.currentToken(), JsonToken.END_OBJECT);
        if (episode.id == null) {
            throw NotPlain.INSTANCE;
        }
        List<String> durations = new ArrayList<>(1);
        addIfGiven(durations, "onset", episode.onset);
        addIfGiven(durations, "durationDays", episode.durationDays);
        addIfGiven(durations, "durationWeeks", episode.durationWeeks);
        episode.durationsGiven = durations;
        return episode;
    }

    private static void addIfGiven(List<String> given, String key, Object value) {
        if (value != null) {
            given.add(key);
        }
    }

    /** A key's value, which must not have been given before. */
    private static <T> T once(T before, T value) throws NotPlain {
        if (before != null) {
            throw NotPlain.INSTANCE;
        }
        return value;
    }

    private static void expect(JsonToken token, JsonToken expected) throws NotPlain {
        if (token != expected) {
            throw NotPlain.INSTANCE;
        }
    }

    private static String text(JsonParser parser) throws IOException, NotPlain {
        expect(parser.nextToken(), JsonToken.VALUE_STRING);
        String text = parser.getText();
        if (text.isBlank()) {
            throw NotPlain.INSTANCE;
        }
        return text;
    }

    private static LocalDate date(JsonParser parser) throws IOException, NotPlain {
        expect(parser.nextToken(), JsonToken.VALUE_STRING);
        LocalDate date = Fields.parseDate(parser.getText());
        if (!Fields.isOfOurEra(date)) {
            throw NotPlain.INSTANCE;
        }
        return date;
    }

    private static Integer count(JsonParser parser) throws IOException, NotPlain {
        expect(parser.nextToken(), JsonToken.VALUE_NUMBER_INT);
        if (parser.getNumberType() != JsonParser.NumberType.INT || parser.getIntValue() < 0) {
            throw NotPlain.INSTANCE;
        }
        return parser.getIntValue();
    }

    private static Boolean bool(JsonParser parser) throws IOException, NotPlain {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.VALUE_TRUE) {
            return Boolean.TRUE;
        }
        expect(token, JsonToken.VALUE_FALSE);
        return Boolean.FALSE;
    }

    private static Set<String> ids(JsonParser parser, Vocabulary vocabulary, Section section)
            throws IOException, NotPlain {
        expect(parser.nextToken(), JsonToken.START_ARRAY);
        Set<String> set = new LinkedHashSet<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.VALUE_STRING) {
            if (!vocabulary.has(section, parser.getText())) {
                throw NotPlain.INSTANCE;
            }
            set.add(parser.getText());
        }
        expect(token, JsonToken.END_ARRAY);
        return set;
    }

    /** {@code findings: {LEG_RADIATION: true}}: each a finding of the vocabulary, given once. */
    private static void findings(JsonParser parser, Vocabulary vocabulary, Map<String, Boolean> findings)
            throws IOException, NotPlain {
        expect(parser.nextToken(), JsonToken.START_OBJECT);
        String id;
        while ((id = parser.nextFieldName()) != null) {
            if (!vocabulary.has(Section.FINDINGS, id)) {
                throw NotPlain.INSTANCE;
            }
            put(findings, id, bool(parser));
        }
        expect(parser.currentToken(), JsonToken.END_OBJECT);
    }

    /** A key the vocabulary reads as a finding ({@code legRadiation: true}) or as a list of them. */
    private static void finding(JsonParser parser, String key, Vocabulary vocabulary, Map<String, Boolean> findings)
            throws IOException, NotPlain {
        String finding = vocabulary.findingKeys().get(key);
        if (finding != null) {
            put(findings, finding, bool(parser));
            return;
        }
        Map<String, String> values = vocabulary.listKeys().get(key);
        if (values == null) {
            throw NotPlain.INSTANCE;
        }
        expect(parser.nextToken(), JsonToken.START_ARRAY);
        Set<String> listed = new LinkedHashSet<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.VALUE_STRING) {
            if (!values.containsKey(parser.getText())) {
                throw NotPlain.INSTANCE;
            }
            listed.add(parser.getText());
        }
        expect(token, JsonToken.END_ARRAY);
        if (listed.isEmpty()) {
            throw NotPlain.INSTANCE;
        }
        for (Map.Entry<String, String> value : values.entrySet()) {
            put(findings, value.getValue(), listed.contains(value.getKey()));
        }
    }

    private static void put(Map<String, Boolean> findings, String finding, Boolean value) throws NotPlain {
        if (findings.putIfAbsent(finding, value) != null) {
            throw NotPlain.INSTANCE;
        }
    }
}
