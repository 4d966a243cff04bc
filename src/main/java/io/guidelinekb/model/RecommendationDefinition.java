package io.guidelinekb.model;

import io.guidelinekb.util.Spelling;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a recommendation rule declares about itself in its metadata annotations:
 * <pre>
 * rule "NKR-LBP-04 Do not routinely offer MRI or X-ray"
 *     &#64;recommendation("NKR-LBP-04")
 *     &#64;section("Billeddiagnostisk som intervention")
 *     &#64;strength("↓")              // or WEAK_AGAINST
 *     &#64;evidence("⊕")              // or VERY_LOW, or NONE
 *     &#64;da("Tilbyd ikke …")        // the guideline's wording
 *     &#64;en("Do not …")             // a faithful English rendering
 *     &#64;summaryDa("…")             // an order alert's summary, under 140 characters
 *     &#64;summaryEn("…")
 *     &#64;concerns("MRI: against, XRAY: against")  // proposed interventions that trigger it, and whether
 *                                                // proposing one goes against the recommendation or with it
 * </pre>
 * The summaries may be left out here, so that a rule still loads; lint reports them missing.
 *
 * @param id        the recommendation's id, e.g. {@code NKR-LBP-04}
 * @param section   the quick guide's heading, in Danish
 * @param strength  the strength of the recommendation
 * @param evidence  the grade of the evidence
 * @param textDa    the guideline's wording, verbatim
 * @param textEn    a faithful English rendering
 * @param summaryDa an order alert's summary in Danish, or {@code null}
 * @param summaryEn the same in English, or {@code null}
 * @param against   interventions whose proposal goes against the recommendation
 * @param with      interventions whose proposal follows it
 * @param lifecycle draft, active or retired
 * @param notes     the panel's rationale, references and PICO, when it wrote them
 */
public record RecommendationDefinition(
        String id,
        String section,
        Strength strength,
        EvidenceGrade evidence,
        String textDa,
        String textEn,
        String summaryDa,
        String summaryEn,
        Set<String> against,
        Set<String> with,
        Lifecycle lifecycle,
        PanelNotes notes) {

    /** The metadata key {@code @recommendation}: the id. */
    public static final String ID = "recommendation";
    /** The metadata key {@code @section}: the quick guide's heading. */
    public static final String SECTION = "section";
    /** The metadata key {@code @strength}: the strength, as a name or a symbol. */
    public static final String STRENGTH = "strength";
    /** The metadata key {@code @evidence}: the evidence grade, as a name or a symbol. */
    public static final String EVIDENCE = "evidence";
    /** The metadata key {@code @da}: the guideline's wording. */
    public static final String TEXT_DA = "da";
    /** The metadata key {@code @en}: the English rendering. */
    public static final String TEXT_EN = "en";
    /** The metadata key {@code @summaryDa}: the alert's summary in Danish. */
    public static final String SUMMARY_DA = "summaryDa";
    /** The metadata key {@code @summaryEn}: the alert's summary in English. */
    public static final String SUMMARY_EN = "summaryEn";
    /** The metadata key {@code @concerns}: the triggers and their directions. */
    public static final String CONCERNS = "concerns";
    /** The metadata key {@code @status}: draft, active or retired (absent: active). */
    public static final String STATUS = "status";

    /** The metadata key {@code @rationaleDa}: why the panel recommends as it does, in Danish. */
    public static final String RATIONALE_DA = "rationaleDa";
    /** The metadata key {@code @rationaleEn}: the same in English. */
    public static final String RATIONALE_EN = "rationaleEn";
    /** The metadata key {@code @references}: citations, each with its link last: {@code Citation https://…; …}. */
    public static final String REFERENCES = "references";
    /** The metadata key {@code @population}: PICO's patients. */
    public static final String POPULATION = "population";
    /** The metadata key {@code @intervention}: PICO's intervention. */
    public static final String INTERVENTION = "intervention";
    /** The metadata key {@code @comparison}: PICO's comparison. */
    public static final String COMPARISON = "comparison";
    /** The metadata key {@code @outcomes}: PICO's outcomes. */
    public static final String OUTCOMES = "outcomes";
    /**
     * The metadata key {@code @sourceStates}: the strength and evidence symbols as the source prints
     * them, e.g. {@code √ (⊕)}; they must match {@code @strength} and {@code @evidence}, and lint then
     * does not question the grade.
     */
    public static final String SOURCE_STATES = "sourceStates";

    /** Every metadata key of a recommendation rule, in the order an author writes them. */
    public static final List<String> KEYS = List.of(ID, SECTION, STRENGTH, EVIDENCE, TEXT_DA, TEXT_EN, SUMMARY_DA,
            SUMMARY_EN, CONCERNS, STATUS, RATIONALE_DA, RATIONALE_EN, REFERENCES, POPULATION, INTERVENTION,
            COMPARISON, OUTCOMES, SOURCE_STATES);

    /** The longest summary an alert may show, in characters: CDS Hooks cards want fewer than 140. */
    public static final int SUMMARY_MAX = 139;

    /** Keys a rule may leave out and still load; lint asks for them. */
    private static final Set<String> OPTIONAL = Set.of(SUMMARY_DA, SUMMARY_EN, STATUS, RATIONALE_DA, RATIONALE_EN,
            REFERENCES, POPULATION, INTERVENTION, COMPARISON, OUTCOMES, SOURCE_STATES);

    /** A citation and its link, last: {@code Citation https://…}. */
    private static final Pattern REFERENCE = Pattern.compile("(.+?)\\s+(https://[^\\s\"]+)");

    private static final Pattern ID_FORMAT = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-[0-9]+");

    /**
     * Checks and copies the components.
     *
     * @param id        the recommendation's id, e.g. {@code NKR-LBP-04}
     * @param section   the quick guide's heading, in Danish
     * @param strength  the strength of the recommendation
     * @param evidence  the grade of the evidence
     * @param textDa    the guideline's wording, verbatim
     * @param textEn    a faithful English rendering
     * @param summaryDa an order alert's summary in Danish, or {@code null}
     * @param summaryEn the same in English, or {@code null}
     * @param against   interventions whose proposal goes against the recommendation
     * @param with      interventions whose proposal follows it
     * @param lifecycle draft, active or retired
     * @param notes     the panel's rationale, references and PICO; {@link PanelNotes#NONE} for none
     */
    public RecommendationDefinition {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(lifecycle, "lifecycle must not be null");
        Objects.requireNonNull(notes, "notes must not be null");
        against = Ids.set(against, "intervention");
        with = Ids.set(with, "intervention");
        if (against.stream().anyMatch(with::contains)) {
            throw new IllegalArgumentException(id + ": an intervention cannot go both against and with it");
        }
    }

    /**
     * Every intervention whose proposal triggers the recommendation, in either direction.
     *
     * @return {@link #against()} and {@link #with()} together
     */
    public Set<String> concerns() {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(against);
        all.addAll(with);
        return Ids.owned(all);
    }

    /**
     * Which way proposing an intervention goes.
     *
     * @param intervention the intervention
     * @return against or with, or empty when the recommendation does not concern it
     */
    public Optional<TriggerDirection> direction(String intervention) {
        if (against.contains(intervention)) {
            return Optional.of(TriggerDirection.AGAINST);
        }
        return with.contains(intervention) ? Optional.of(TriggerDirection.WITH) : Optional.empty();
    }

    /**
     * The summary an order alert shows.
     *
     * @param language the language
     * @return the summary, or the full text when the author wrote none
     */
    public String summary(Language language) {
        String summary = language.pick(summaryDa, summaryEn);
        return summary != null ? withSymbols(summary) : language.pick(textDa, textEn);
    }

    /**
     * The symbols the guideline prints with a recommendation, from its strength and evidence: written
     * once, in {@code @strength} and {@code @evidence}, never typed again in a summary.
     *
     * @return e.g. {@code ↓, ⊕} or {@code √}
     */
    public String symbols() {
        return strength.symbol() + (evidence == EvidenceGrade.NONE ? "" : ", " + evidence.symbol());
    }

    /**
     * A summary as a card shows it: the author's words and the symbols, e.g. {@code … low back pain (↓, ⊕).}
     * A summary that ends with the very symbols already (typed by hand, which lint asks to drop) is kept.
     *
     * @param summary the author's summary
     * @return the summary with its symbols
     */
    public String withSymbols(String summary) {
        String words = summary.strip();
        String symbols = "(" + symbols() + ")";
        if (words.endsWith(symbols + ".") || words.endsWith(symbols)) {
            return words;
        }
        return (words.endsWith(".") ? words.substring(0, words.length() - 1) : words) + " " + symbols + ".";
    }

    /**
     * A metadata problem: the key it concerns and what is wrong and allowed.
     *
     * @param key     the metadata key
     * @param message what is wrong, and what is allowed
     */
    public record Problem(String key, String message) {
    }

    /**
     * Reads a definition from a rule's metadata, or says for each key what is wrong.
     * Values are the annotation values as text.
     *
     * @param metadata   a rule's metadata, by key
     * @param vocabulary the guideline's vocabulary, which {@code @concerns} names interventions of
     * @return the definition, or the problems that prevent one
     */
    public static Result parse(Map<String, ?> metadata, Vocabulary vocabulary) {
        List<Problem> problems = new ArrayList<>();
        Map<String, String> text = new LinkedHashMap<>();
        Set<String> misspelt = new java.util.HashSet<>();
        for (String key : KEYS) {
            Object value = metadata.get(key);
            if (value == null || value.toString().isBlank()) {
                String near = misspelling(metadata.keySet(), key);
                // a key near two (@rationale: @rationaleDa, @rationaleEn) is named once, with the first
                if (near != null && misspelt.add(near)) {
                    problems.add(new Problem(near, "@" + near + " is not a metadata key: did you mean @" + key
                            + "? Keys: @" + String.join(", @", KEYS)));
                } else if (near == null && !key.equals(EVIDENCE) && !OPTIONAL.contains(key)) {
                    problems.add(new Problem(key, "missing @" + key + "(…)" + allowedFor(key)));
                }
                continue;
            }
            text.put(key, value.toString().strip());
        }
        String id = text.get(ID);
        if (id != null && !ID_FORMAT.matcher(id).matches()) {
            problems.add(new Problem(ID, "@recommendation(\"" + id + "\") is not an id like NKR-LBP-04"));
        }
        Strength strength = parseCode(Strength.class, STRENGTH, text.get(STRENGTH), problems);
        EvidenceGrade evidence = text.containsKey(EVIDENCE)
                ? parseCode(EvidenceGrade.class, EVIDENCE, text.get(EVIDENCE), problems)
                : missingEvidence(problems);
        Set<String> against = new java.util.LinkedHashSet<>();
        Set<String> with = new java.util.LinkedHashSet<>();
        parseConcerns(text.get(CONCERNS), vocabulary, against, with, problems);
        Lifecycle lifecycle = Lifecycle.ACTIVE;
        if (text.containsKey(STATUS)) {
            try {
                lifecycle = Lifecycle.valueOf(text.get(STATUS).toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(STATUS, "@status(\"" + text.get(STATUS) + "\") is not a status; write draft, "
                        + "active or retired (absent: active)"));
            }
        }
        List<PanelNotes.Reference> references = references(text.get(REFERENCES), problems);
        sourceStates(text.get(SOURCE_STATES), strength, evidence, problems);
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        PanelNotes.Pico pico = new PanelNotes.Pico(text.get(POPULATION), text.get(INTERVENTION), text.get(COMPARISON),
                text.get(OUTCOMES));
        PanelNotes notes = text.get(RATIONALE_DA) == null && text.get(RATIONALE_EN) == null && references.isEmpty()
                && pico.isEmpty() ? PanelNotes.NONE
                : new PanelNotes(text.get(RATIONALE_DA), text.get(RATIONALE_EN), references, pico);
        return new Result(new RecommendationDefinition(id, text.get(SECTION), strength, evidence,
                text.get(TEXT_DA), text.get(TEXT_EN), text.get(SUMMARY_DA), text.get(SUMMARY_EN),
                vocabulary.ordered(Vocabulary.Section.INTERVENTIONS, against),
                vocabulary.ordered(Vocabulary.Section.INTERVENTIONS, with), lifecycle, notes),
                List.of());
    }

    /** {@code Citation https://…; Citation https://…}: each cited with an https link. */
    private static List<PanelNotes.Reference> references(String written, List<Problem> problems) {
        if (written == null) {
            return List.of();
        }
        List<PanelNotes.Reference> references = new ArrayList<>();
        for (String part : written.split(";")) {
            java.util.regex.Matcher reference = REFERENCE.matcher(part.strip());
            if (!reference.matches()) {
                problems.add(new Problem(REFERENCES, "@references: \"" + part.strip() + "\" is not a citation with its "
                        + "link; write the citation and then its https:// address, several separated by ;"));
                continue;
            }
            references.add(new PanelNotes.Reference(reference.group(1).strip(), reference.group(2)));
        }
        return references;
    }

    /** The source's own symbols, which must be the ones declared: {@code √ (⊕)}, {@code ↓ (⊕⊕)}, {@code √}. */
    private static void sourceStates(String written, Strength strength, EvidenceGrade evidence, List<Problem> problems) {
        if (written == null || strength == null || evidence == null) {
            return;
        }
        String declared = strength.symbol() + (evidence == EvidenceGrade.NONE ? "" : " (" + evidence.symbol() + ")");
        if (!written.replaceAll("\\s+", " ").equals(declared)) {
            problems.add(new Problem(SOURCE_STATES, "@sourceStates(\"" + written + "\") is not what @strength and "
                    + "@evidence declare (" + declared + "); write the source's symbols as it prints them"));
        }
    }

    /** A key the author wrote that is not one of {@link #KEYS} but one or two letters from {@code key}. */
    private static String misspelling(java.util.Collection<String> written, String key) {
        for (String candidate : written) {
            if (!KEYS.contains(candidate) && Spelling.distance(candidate.toLowerCase(java.util.Locale.ROOT),
                    key.toLowerCase(java.util.Locale.ROOT)) <= 2) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * The outcome of {@link #parse}: a definition, or the problems that prevent one.
     *
     * @param definition the definition, or {@code null} when there are problems
     * @param problems   what prevents one
     */
    public record Result(RecommendationDefinition definition, List<Problem> problems) {
        /**
         * Copies the problems.
         *
         * @param definition the definition, or {@code null} when there are problems
         * @param problems   what prevents one
         */
        public Result {
            problems = List.copyOf(problems);
        }

        /**
         * Whether the metadata define a recommendation.
         *
         * @return true when there is no problem
         */
        public boolean ok() {
            return definition != null;
        }
    }

    /**
     * Whether a rule's metadata has any recommendation key, and so must have them all.
     *
     * @param metadata a rule's metadata, by key
     * @return true when it declares a recommendation
     */
    public static boolean declaredBy(Map<String, ?> metadata) {
        return KEYS.stream().anyMatch(metadata::containsKey);
    }

    private static EvidenceGrade missingEvidence(List<Problem> problems) {
        problems.add(new Problem(EVIDENCE, "missing @evidence(…)" + allowedFor(EVIDENCE)));
        return null;
    }

    private static <E extends Enum<E> & Coded> E parseCode(Class<E> type, String key, String value,
                                                            List<Problem> problems) {
        if (value == null) {
            return null;
        }
        Optional<E> code = Coded.parse(type, value);
        if (code.isEmpty()) {
            problems.add(new Problem(key, "@" + key + "(\"" + value + "\") is not allowed" + allowedFor(key)));
        }
        return code.orElse(null);
    }

    /** Reads {@code "MRI: against, XRAY: against"}: each intervention with the direction its proposal goes. */
    private static void parseConcerns(String value, Vocabulary vocabulary, Set<String> against, Set<String> with,
                                      List<Problem> problems) {
        if (value == null) {
            return;
        }
        for (String item : value.split(",")) {
            String[] parts = item.split(":", -1);
            String code = parts[0].strip();
            Optional<String> intervention = vocabulary.has(Vocabulary.Section.INTERVENTIONS, code) ? Optional.of(code)
                    : Optional.empty();
            if (intervention.isEmpty()) {
                problems.add(new Problem(CONCERNS, "@concerns names \"" + code + "\", which " + vocabulary.unknownMessage(
                        Vocabulary.Section.INTERVENTIONS, code).substring(code.length() + 1)));
                continue;
            }
            Optional<TriggerDirection> direction = parts.length == 2 ? Stream.of(TriggerDirection.values())
                    .filter(d -> d.word().equals(parts[1].strip())).findFirst() : Optional.empty();
            if (direction.isEmpty()) {
                problems.add(new Problem(CONCERNS, "@concerns gives " + code + " no direction (\"" + item.strip()
                        + "\"): write \"" + code + ": against\" when proposing it goes against the recommendation, or \""
                        + code + ": with\" when it follows it"));
                continue;
            }
            if (against.contains(intervention.get()) || with.contains(intervention.get())) {
                problems.add(new Problem(CONCERNS, "@concerns names " + code + " twice; give each intervention once"));
                continue;
            }
            (direction.get() == TriggerDirection.AGAINST ? against : with).add(intervention.get());
        }
    }

    private static String allowedFor(String key) {
        return switch (key) {
            case STRENGTH -> "; allowed: " + Coded.allowed(Strength.class);
            case EVIDENCE -> "; allowed: " + Coded.allowed(EvidenceGrade.class);
            case CONCERNS -> "; write each proposed intervention that triggers it with its direction, separated by "
                    + "commas, e.g. @concerns(\"MRI: against, XRAY: against\"); directions: against, with";
            case ID -> ", e.g. @recommendation(\"NKR-LBP-04\")";
            case SECTION -> ", the guideline's heading for it";
            case TEXT_DA -> ", the guideline's wording, verbatim";
            case TEXT_EN -> ", a faithful English rendering";
            default -> "";
        };
    }
}
