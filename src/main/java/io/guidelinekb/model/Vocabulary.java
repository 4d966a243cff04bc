package io.guidelinekb.model;

import io.guidelinekb.util.Spelling;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a guideline talks about, by id: the interventions that may be proposed, the red flags, the
 * yes/no findings about an episode, the scope reasons and the alerts, each with its Danish and
 * English label. A guideline folder's {@code vocabulary.yaml} says it; Java holds no list of them.
 * Immutable, and shared by every evaluation of the guideline.
 */
public final class Vocabulary {

    /** The sections of a vocabulary, as {@code vocabulary.yaml} names them. */
    public enum Section {
        /** What may be proposed or ordered. */
        INTERVENTIONS("interventions", "intervention"),
        /** Signs of specific, serious disease: each takes an episode out of scope. */
        RED_FLAGS("redFlags", "red flag"),
        /** Yes/no facts about an episode, unknown when not recorded. */
        FINDINGS("findings", "finding"),
        /** Why an episode is out of scope or undetermined. */
        SCOPE_REASONS("scopeReasons", "scope reason"),
        /** What a clinician must act on now. */
        ALERTS("alerts", "alert");

        private final String key;
        private final String singular;

        Section(String key, String singular) {
            this.key = key;
            this.singular = singular;
        }

        /**
         * The section's key in {@code vocabulary.yaml}.
         *
         * @return e.g. {@code redFlags}
         */
        public String key() {
            return key;
        }

        /**
         * What one entry of the section is called in messages.
         *
         * @return e.g. {@code red flag}
         */
        public String singular() {
            return singular;
        }
    }

    /** Whether a scope reason puts an episode out of scope or leaves it undetermined. */
    public enum ReasonKind {
        /** Puts the episode out of scope. */
        EXCLUSION,
        /** A missing datum: leaves the episode undetermined. */
        MISSING
    }

    /** How urgent an alert is. */
    public enum AlertLevel {
        /** Act now: shown first, in red. */
        CRITICAL,
        /** Take note. */
        WARNING
    }

    /**
     * One entry of a section.
     *
     * @param id the id rules, scenarios and bindings use, in UPPER_SNAKE case
     * @param da its label (an alert's text) in Danish
     * @param en the same in English
     */
    public record Term(String id, String da, String en) {

        /**
         * Checks the components.
         *
         * @param id the id
         * @param da the Danish label
         * @param en the English label
         */
        public Term {
            Objects.requireNonNull(id, "id must not be null");
            Objects.requireNonNull(da, "da must not be null");
            Objects.requireNonNull(en, "en must not be null");
        }

        /**
         * The label in a language.
         *
         * @param language the language
         * @return the label
         */
        public String label(Language language) {
            return language.pick(da, en);
        }
    }

    /** The scope reason a red flag gives: {@code RED_FLAG_} and the flag's id. */
    public static final String RED_FLAG_REASON = "RED_FLAG_";

    private final String guideline;
    final Map<Section, Map<String, Term>> sections;
    private final Map<Section, Map<String, Integer>> positions = new java.util.EnumMap<>(Section.class);
    final Map<String, ReasonKind> kinds;
    final Map<String, AlertLevel> levels;
    final Map<String, String> findingKeys;
    final Map<String, Map<String, String>> listKeys;
    final String episodeFinding;
    final Map<String, String> findingResources;
    /** The ids of each section, for the look-up every evaluation makes. */
    private final Map<Section, Set<String>> idSets = new java.util.EnumMap<>(Section.class);
    /** The guidelines' vocabularies this one is the union of; itself alone when it is no union. */
    private final List<Vocabulary> parts;
    final Map<String, RedFlagMeaning> redFlagMeanings;
    final Map<String, AlertAction> alertActions;
    private final Map<String, String> ambiguousKeys;
    private final String file;

    Vocabulary(VocabularyBuilder builder) {
        this.guideline = builder.guideline;
        Map<Section, Map<String, Term>> all = new java.util.EnumMap<>(Section.class);
        for (Section section : Section.values()) {
            Map<String, Term> terms = new LinkedHashMap<>(builder.sections.get(section));
            if (section == Section.SCOPE_REASONS) {
                Map<String, Term> flags = builder.sections.get(Section.RED_FLAGS);
                for (Term flag : flags.values()) {
                    // an indicator's reason names what it points to: "urinretention (rødt flag for cauda equina-syndrom)"
                    Term category = flags.get(builder.redFlagMeanings.getOrDefault(flag.id(), RedFlagMeaning.PLAIN).category());
                    terms.putIfAbsent(RED_FLAG_REASON + flag.id(), category == null
                            ? new Term(RED_FLAG_REASON + flag.id(), flag.da(), flag.en())
                            : new Term(RED_FLAG_REASON + flag.id(), flag.da() + " (" + category.da() + ")",
                            flag.en() + " (" + category.en() + ")"));
                }
            }
            all.put(section, Collections.unmodifiableMap(terms));
            Map<String, Integer> position = new HashMap<>();
            for (String id : terms.keySet()) {
                position.put(id, position.size());
            }
            positions.put(section, position);
        }
        this.sections = Collections.unmodifiableMap(all);
        all.forEach((section, terms) -> idSets.put(section, new java.util.HashSet<>(terms.keySet())));
        Map<String, ReasonKind> kinds = new HashMap<>(builder.kinds);
        builder.sections.get(Section.RED_FLAGS).keySet().forEach(flag -> kinds.putIfAbsent(RED_FLAG_REASON + flag,
                ReasonKind.EXCLUSION));
        this.kinds = Map.copyOf(kinds);
        this.levels = Map.copyOf(builder.levels);
        this.findingKeys = Collections.unmodifiableMap(new LinkedHashMap<>(builder.findingKeys));
        Map<String, Map<String, String>> lists = new LinkedHashMap<>();
        builder.listKeys.forEach((key, values) -> lists.put(key, Collections.unmodifiableMap(new LinkedHashMap<>(values))));
        this.listKeys = Collections.unmodifiableMap(lists);
        this.episodeFinding = builder.episodeFinding;
        this.findingResources = Map.copyOf(builder.findingResources);
        this.parts = builder.parts == null ? List.of(this) : List.copyOf(builder.parts);
        this.redFlagMeanings = Map.copyOf(builder.redFlagMeanings);
        this.alertActions = Map.copyOf(builder.alertActions);
        this.ambiguousKeys = Map.copyOf(builder.ambiguousKeys);
        this.file = builder.file != null ? builder.file : "rules/" + builder.guideline + "/vocabulary.yaml";
    }

    /**
     * Why a key cannot be read in these words: two guidelines read it differently, and this is their
     * union. A case that uses it must say which guideline it is for.
     *
     * @param key a record's or a scenario's key, e.g. {@code legRadiation}
     * @return what each guideline reads it as, or empty when the key is not ambiguous
     */
    public Optional<String> ambiguity(String key) {
        return Optional.ofNullable(ambiguousKeys.get(key)).map(readings -> "\"" + key + "\" means different things in "
                + "the guidelines of this knowledge base (" + readings + "); read it for one guideline: name it "
                + "(--guideline, or guideline: in a scenario) or put the scenario under facts/<guideline>/");
    }

    /**
     * Every guideline's words in one, with {@code own}'s meaning where two differ: what a knowledge base
     * of one guideline, chosen from several, reads cases in. The others' words are read, and left out
     * of its evaluation.
     *
     * @param own    the guideline's own vocabulary
     * @param others every guideline's vocabularies (own among them or not)
     * @return the union, own first
     */
    public static Vocabulary preferring(Vocabulary own, List<Vocabulary> others) {
        return VocabularyBuilder.preferring(own, others);
    }

    /**
     * What a red flag means: the category it points to, its alert, its source.
     *
     * @param flag the red flag's id
     * @return its meaning; {@link RedFlagMeaning#PLAIN} when the file says nothing more of it
     */
    public RedFlagMeaning redFlagMeaning(String flag) {
        return redFlagMeanings.getOrDefault(flag, RedFlagMeaning.PLAIN);
    }

    /**
     * The category of serious disease a red flag stands for: itself, or what it indicates.
     *
     * @param flag the red flag's id
     * @return the category's id
     */
    public String redFlagCategory(String flag) {
        String category = redFlagMeaning(flag).category();
        return category == null ? flag : category;
    }

    /**
     * The alerts the red flags call for, each once, in the order of the alerts section.
     *
     * @param flags red flags present
     * @return the alerts' ids
     */
    public List<String> alertsFor(Collection<String> flags) {
        if (flags.isEmpty()) {
            return List.of();
        }
        Set<String> alerts = new java.util.HashSet<>();
        for (String flag : flags) {
            String alert = redFlagMeaning(redFlagCategory(flag)).alert();
            if (alert != null) {
                alerts.add(alert);
            }
        }
        if (alerts.size() < 2) {
            return List.copyOf(alerts);
        }
        Map<String, Integer> position = positions.get(Section.ALERTS);
        return alerts.stream().sorted(java.util.Comparator.comparingInt(position::get)).toList();
    }

    /**
     * What an alert offers besides its text.
     *
     * @param alert the alert's id
     * @return its referral and link; {@link AlertAction#NONE} when it has neither
     */
    public AlertAction alertAction(String alert) {
        return alertActions.getOrDefault(alert, AlertAction.NONE);
    }

    /**
     * Whether this vocabulary holds every word of {@code vocabulary}: it is that one, or the union of
     * several guidelines' words that include its. An episode checked against it is then checked
     * against {@code vocabulary} too, for the words {@code vocabulary} has.
     *
     * @param vocabulary a guideline's vocabulary
     * @return true when this one includes it
     */
    public boolean includes(Vocabulary vocabulary) {
        return parts.contains(vocabulary);
    }

    /**
     * Whether a FHIR resource type may give a finding: a Condition says it holds, an Observation's
     * valueBoolean says whether it does. A finding says which when only one of them records it.
     *
     * @param finding      the finding's id
     * @param resourceType {@code Condition} or {@code Observation}
     * @return true when that resource type may give it
     */
    public boolean findingFrom(String finding, String resourceType) {
        String only = findingResources.get(finding);
        return has(Section.FINDINGS, finding) && (only == null || only.equals(resourceType));
    }

    /**
     * A builder for the vocabulary of a guideline.
     *
     * @param guideline the guideline's id, which messages name
     * @return the builder
     */
    public static VocabularyBuilder builder(String guideline) {
        return new VocabularyBuilder(guideline);
    }

    /**
     * The id of the guideline whose vocabulary this is.
     *
     * @return e.g. {@code nkr-lbp-2016}
     */
    public String guideline() {
        return guideline;
    }

    /**
     * The entries of a section, in the order the file gives them.
     *
     * @param section the section
     * @return its entries by id (read-only)
     */
    public Map<String, Term> terms(Section section) {
        return sections.get(section);
    }

    /**
     * Whether the section has an entry of this id.
     *
     * @param section the section
     * @param id      the id
     * @return true when there is one
     */
    public boolean has(Section section, String id) {
        return idSets.get(section).contains(id);
    }

    /**
     * An entry by id.
     *
     * @param section the section
     * @param id      the id
     * @return the entry, or empty when the section has none of that id
     */
    public Optional<Term> term(Section section, String id) {
        return Optional.ofNullable(sections.get(section).get(id));
    }

    /**
     * The label of an entry, or its id when there is none of that id.
     *
     * @param section the section
     * @param id      the id
     * @param language the language
     * @return the label
     */
    public String label(Section section, String id, Language language) {
        Term term = sections.get(section).get(id);
        return term == null ? id : term.label(language);
    }

    /**
     * Whether a scope reason puts the episode out of scope or leaves it undetermined.
     *
     * @param reason the scope reason's id
     * @return its kind
     * @throws IllegalArgumentException when there is no such scope reason
     */
    public ReasonKind kindOf(String reason) {
        ReasonKind kind = kinds.get(reason);
        if (kind == null) {
            throw unknown(Section.SCOPE_REASONS, reason);
        }
        return kind;
    }

    /**
     * How urgent an alert is.
     *
     * @param alert the alert's id
     * @return its level
     * @throws IllegalArgumentException when there is no such alert
     */
    public AlertLevel levelOf(String alert) {
        AlertLevel level = levels.get(alert);
        if (level == null) {
            throw unknown(Section.ALERTS, alert);
        }
        return level;
    }

    /**
     * The finding whose condition makes an episode (its onset is the episode's) when the knowledge
     * base reads FHIR, e.g. {@code LOW_BACK_PAIN}.
     *
     * @return the finding's id, or {@code null} when the vocabulary names none
     */
    public String episodeFinding() {
        return episodeFinding;
    }

    /**
     * The scenario and record keys that read as a finding: {@code legRadiation: true} is
     * {@code findings: {LEG_RADIATION: true}}.
     *
     * @return finding ids by key (read-only)
     */
    public Map<String, String> findingKeys() {
        return findingKeys;
    }

    /**
     * The scenario and record keys whose list of values reads as findings: each value listed is a
     * finding that holds, each value left out one that does not.
     *
     * @return for each key, the finding id of each value (read-only)
     */
    public Map<String, Map<String, String>> listKeys() {
        return listKeys;
    }

    /**
     * Checks that an id is in a section.
     *
     * @param section the section
     * @param id      the id
     * @return the id
     * @throws IllegalArgumentException naming the id, the guideline and the nearest id, when there is none
     */
    public String require(Section section, String id) {
        if (!idSets.get(section).contains(id)) {
            throw unknown(section, id);
        }
        return id;
    }

    /**
     * The message for an id that is not in a section: what it is, the guideline, and "did you mean".
     *
     * @param section the section
     * @param id      the id as written
     * @return e.g. {@code MRX is not an intervention of nkr-lbp-2016 (did you mean MRI?)}
     */
    public String unknownMessage(Section section, String id) {
        String singular = section.singular();
        String article = "aeiou".indexOf(singular.charAt(0)) >= 0 ? "an " : "a ";
        return id + " is not " + article + singular + " of " + guideline
                + Spelling.didYouMean(id, sections.get(section).keySet(), "") + "; the " + section.key()
                + " are in " + file;
    }

    /**
     * Where these words were read from, as messages name it.
     *
     * @return the file, e.g. {@code rules/nkr-lbp-2016/vocabulary.yaml}; for a union, each guideline's
     */
    public String file() {
        return file;
    }

    private IllegalArgumentException unknown(Section section, String id) {
        return new IllegalArgumentException(unknownMessage(section, id));
    }

    /**
     * Ids of a section in the vocabulary's order, so that output reads the same on every run.
     *
     * @param section the section
     * @param ids     the ids, each in the section
     * @return an unmodifiable set in the file's order
     * @throws IllegalArgumentException for an id that is not in the section
     */
    public Set<String> ordered(Section section, Collection<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return Set.of();
        }
        if (ids.size() == 1) {
            return Set.of(require(section, ids.iterator().next()));
        }
        Map<String, Integer> position = positions.get(section);
        List<String> sorted = new ArrayList<>(new LinkedHashSet<>(ids));
        for (String id : sorted) {
            require(section, id);
        }
        sorted.sort(java.util.Comparator.comparingInt(position::get));
        return Ids.owned(new LinkedHashSet<>(sorted));
    }

    /**
     * The episode with its ids checked against this vocabulary, and the vocabulary attached, so that
     * rules can insert scope reasons and alerts by id. Nothing is copied but the episode itself: the
     * order of its ids never reaches a result, which orders what it shows by the vocabulary.
     *
     * @param episode the episode as given
     * @return the episode bound to this vocabulary (itself when already bound)
     * @throws IllegalArgumentException for an intervention, red flag or finding this vocabulary does not have
     */
    public Episode admit(Episode episode) {
        if (episode.vocabulary() == this) {
            return episode;
        }
        EpisodeAdmission.check(this, episode);
        return episode.in(this, episode.proposedInterventions(), episode.redFlags(), episode.findings());
    }

    /**
     * The episode with only the ids this vocabulary has: what one guideline of several sees of a case
     * that speaks of several guidelines' words.
     *
     * @param episode the episode as given
     * @return the episode bound to this vocabulary, without the ids it does not have
     */
    public Episode admitKnown(Episode episode) {
        if (episode.vocabulary() == this) {
            return episode;
        }
        return EpisodeAdmission.known(this, episode);
    }

    /**
     * Every guideline's words in one: what a record may speak of when a knowledge base holds several
     * guidelines. An id in two keeps the first one's label; a key two guidelines read differently is
     * no key of the union, and {@link #ambiguity(String)} says why.
     *
     * @param id           the id the union goes by in messages
     * @param vocabularies the vocabularies
     * @return the union
     */
    public static Vocabulary union(String id, List<Vocabulary> vocabularies) {
        return VocabularyBuilder.union(id, vocabularies);
    }

    @Override
    public String toString() {
        return "Vocabulary(" + guideline + ")";
    }
}
