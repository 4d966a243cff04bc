package io.guidelinekb.model;

import io.guidelinekb.model.Vocabulary.AlertLevel;
import io.guidelinekb.model.Vocabulary.ReasonKind;
import io.guidelinekb.model.Vocabulary.Section;
import io.guidelinekb.model.Vocabulary.Term;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Collects the entries of a vocabulary; {@link #build()} makes it. */
public final class VocabularyBuilder {
    final String guideline;
    /** The file the words were read from, as messages name it; {@code null} for words made in code. */
    String file;
    final Map<Section, Map<String, Term>> sections = new java.util.EnumMap<>(Section.class);
    final Map<String, ReasonKind> kinds = new HashMap<>();
    final Map<String, AlertLevel> levels = new HashMap<>();
    final Map<String, String> findingKeys = new LinkedHashMap<>();
    final Map<String, Map<String, String>> listKeys = new LinkedHashMap<>();
    /** Keys two guidelines read differently, with what each reads them as: a union may not guess. */
    final Map<String, String> ambiguousKeys = new LinkedHashMap<>();
    String episodeFinding;
    final Map<String, String> findingResources = new HashMap<>();
    List<Vocabulary> parts;
    final Map<String, RedFlagMeaning> redFlagMeanings = new HashMap<>();
    final Map<String, AlertAction> alertActions = new HashMap<>();

    /**
     * What a red flag means beyond its label.
     *
     * @param flag    the red flag's id
     * @param meaning its category, alert and source
     * @return this builder
     */
    public VocabularyBuilder redFlagMeaning(String flag, RedFlagMeaning meaning) {
        redFlagMeanings.put(flag, Objects.requireNonNull(meaning));
        return this;
    }

    /**
     * What an alert offers besides its text.
     *
     * @param alert  the alert's id
     * @param action its referral and link
     * @return this builder
     */
    public VocabularyBuilder alertAction(String alert, AlertAction action) {
        alertActions.put(alert, Objects.requireNonNull(action));
        return this;
    }

    VocabularyBuilder(String guideline) {
        this.guideline = Objects.requireNonNull(guideline, "guideline must not be null");
        for (Section section : Section.values()) {
            sections.put(section, new LinkedHashMap<>());
        }
    }

    /**
     * Names the file the words are read from, for messages.
     *
     * @param file the file, as people are shown it
     * @return this builder
     */
    public VocabularyBuilder readFrom(String file) {
        this.file = file;
        return this;
    }

    /**
     * Adds an entry.
     *
     * @param section the section
     * @param term    the entry
     * @return this builder
     */
    public VocabularyBuilder add(Section section, Term term) {
        sections.get(section).put(term.id(), term);
        return this;
    }

    /**
     * Adds a scope reason.
     *
     * @param term the reason and its label
     * @param kind an exclusion or a missing datum
     * @return this builder
     */
    public VocabularyBuilder reason(Term term, ReasonKind kind) {
        kinds.put(term.id(), Objects.requireNonNull(kind));
        return add(Section.SCOPE_REASONS, term);
    }

    /**
     * Adds an alert.
     *
     * @param term  the alert and its text
     * @param level how urgent it is
     * @return this builder
     */
    public VocabularyBuilder alert(Term term, AlertLevel level) {
        levels.put(term.id(), Objects.requireNonNull(level));
        return add(Section.ALERTS, term);
    }

    /**
     * A scenario and record key that reads as a finding.
     *
     * @param key     the key, e.g. {@code legRadiation}
     * @param finding the finding's id
     * @return this builder
     */
    public VocabularyBuilder findingKey(String key, String finding) {
        findingKeys.put(key, finding);
        return this;
    }

    /**
     * A scenario and record key whose list of values reads as findings.
     *
     * @param key      the key, e.g. {@code painLocation}
     * @param findings the finding of each value
     * @return this builder
     */
    public VocabularyBuilder listKey(String key, Map<String, String> findings) {
        listKeys.put(key, findings);
        return this;
    }

    /**
     * The one FHIR resource type that records a finding.
     *
     * @param finding      the finding's id
     * @param resourceType {@code Condition} or {@code Observation}
     * @return this builder
     */
    public VocabularyBuilder findingFrom(String finding, String resourceType) {
        findingResources.put(finding, resourceType);
        return this;
    }

    /**
     * The finding whose condition makes an episode.
     *
     * @param finding the finding's id
     * @return this builder
     */
    public VocabularyBuilder episodeFinding(String finding) {
        this.episodeFinding = finding;
        return this;
    }

    /**
     * The vocabulary.
     *
     * @return the vocabulary
     */
    public Vocabulary build() {
        return new Vocabulary(this);
    }

    /**
     * Every guideline's words in one; see {@link Vocabulary#union}. A key two guidelines read
     * differently is no key of the union: it is kept with what each reads it as, for the message.
     */
    static Vocabulary union(String id, List<Vocabulary> vocabularies) {
        Map<String, List<String>> readings = new LinkedHashMap<>();
        for (Vocabulary v : vocabularies) {
            v.findingKeys.forEach((key, finding) -> readings.computeIfAbsent(key, k -> new java.util.ArrayList<>())
                    .add(v.guideline() + " reads it as " + finding));
            v.listKeys.forEach((key, values) -> readings.computeIfAbsent(key, k -> new java.util.ArrayList<>())
                    .add(v.guideline() + " reads it as " + values));
        }
        Map<String, String> ambiguous = new LinkedHashMap<>();
        readings.forEach((key, read) -> {
            if (read.stream().map(r -> r.substring(r.indexOf(" reads it as "))).distinct().count() > 1) {
                ambiguous.put(key, String.join("; ", read));
            }
        });
        return merged(id, vocabularies, ambiguous);
    }

    /** Every guideline's words in one, the first's meaning kept where two differ: a guideline's own words first. */
    static Vocabulary preferring(Vocabulary own, List<Vocabulary> others) {
        List<Vocabulary> all = new java.util.ArrayList<>();
        all.add(own);
        others.stream().filter(v -> v != own).forEach(all::add);
        return merged(own.guideline(), all, Map.of());
    }

    private static Vocabulary merged(String id, List<Vocabulary> vocabularies, Map<String, String> ambiguous) {
        if (vocabularies.size() == 1) {
            return vocabularies.get(0);
        }
        VocabularyBuilder union = Vocabulary.builder(id);
        for (Vocabulary v : vocabularies) {
            for (Section section : Section.values()) {
                v.sections.get(section).values().forEach(t -> union.sections.get(section).putIfAbsent(t.id(), t));
            }
            v.kinds.forEach(union.kinds::putIfAbsent);
            v.levels.forEach(union.levels::putIfAbsent);
            v.findingKeys.forEach(union.findingKeys::putIfAbsent);
            v.findingResources.forEach(union.findingResources::putIfAbsent);
            v.listKeys.forEach(union.listKeys::putIfAbsent);
            v.redFlagMeanings.forEach(union.redFlagMeanings::putIfAbsent);
            v.alertActions.forEach(union.alertActions::putIfAbsent);
            if (union.episodeFinding == null) {
                union.episodeFinding = v.episodeFinding;
            }
        }
        ambiguous.keySet().forEach(key -> {
            union.findingKeys.remove(key);
            union.listKeys.remove(key);
        });
        union.ambiguousKeys.putAll(ambiguous);
        union.file = vocabularies.stream().map(Vocabulary::file).distinct().collect(java.util.stream.Collectors.joining(" and "));
        union.parts = List.copyOf(vocabularies);
        return union.build();
    }
}
