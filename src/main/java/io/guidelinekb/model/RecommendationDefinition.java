package io.guidelinekb.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

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
 *     &#64;concerns("MRI, XRAY")      // proposed interventions that trigger it
 * </pre>
 */
public record RecommendationDefinition(
        String id,
        String section,
        Strength strength,
        EvidenceGrade evidence,
        String textDa,
        String textEn,
        Set<Intervention> concerns) {

    public static final String ID = "recommendation";
    public static final String SECTION = "section";
    public static final String STRENGTH = "strength";
    public static final String EVIDENCE = "evidence";
    public static final String TEXT_DA = "da";
    public static final String TEXT_EN = "en";
    public static final String CONCERNS = "concerns";

    /** Every metadata key of a recommendation rule, in the order an author writes them. */
    public static final List<String> KEYS = List.of(ID, SECTION, STRENGTH, EVIDENCE, TEXT_DA, TEXT_EN, CONCERNS);

    private static final Pattern ID_FORMAT = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-[0-9]+");

    public RecommendationDefinition {
        Objects.requireNonNull(id, "id must not be null");
        concerns = Enums.immutableSet(Intervention.class, concerns);
    }

    /** A metadata problem: the key it concerns and what is wrong and allowed. */
    public record Problem(String key, String message) {
    }

    /**
     * Reads a definition from a rule's metadata, or says for each key what is wrong.
     * Values are the annotation values as text.
     */
    public static Result parse(Map<String, ?> metadata) {
        List<Problem> problems = new ArrayList<>();
        Map<String, String> text = new LinkedHashMap<>();
        for (String key : KEYS) {
            Object value = metadata.get(key);
            if (value == null || value.toString().isBlank()) {
                if (!key.equals(EVIDENCE)) {
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
        Set<Intervention> concerns = parseConcerns(text.get(CONCERNS), problems);
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        return new Result(new RecommendationDefinition(id, text.get(SECTION), strength, evidence,
                text.get(TEXT_DA), text.get(TEXT_EN), concerns), List.of());
    }

    /** The outcome of {@link #parse}: a definition, or the problems that prevent one. */
    public record Result(RecommendationDefinition definition, List<Problem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return definition != null;
        }
    }

    /** True when a rule's metadata has any recommendation key, and so must have them all. */
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

    private static Set<Intervention> parseConcerns(String value, List<Problem> problems) {
        Set<Intervention> concerns = EnumSet.noneOf(Intervention.class);
        if (value == null) {
            return concerns;
        }
        for (String item : value.split(",")) {
            String code = item.strip();
            try {
                concerns.add(Intervention.valueOf(code));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(CONCERNS, "@concerns names \"" + code + "\", which is not an intervention"
                        + allowedFor(CONCERNS)));
            }
        }
        return concerns;
    }

    private static String allowedFor(String key) {
        return switch (key) {
            case STRENGTH -> "; allowed: " + Coded.allowed(Strength.class);
            case EVIDENCE -> "; allowed: " + Coded.allowed(EvidenceGrade.class);
            case CONCERNS -> "; allowed, separated by commas: " + Arrays.toString(Intervention.values())
                    .replaceAll("[\\[\\]]", "");
            case ID -> ", e.g. @recommendation(\"NKR-LBP-04\")";
            case SECTION -> ", the guideline's heading for it";
            case TEXT_DA -> ", the guideline's wording, verbatim";
            case TEXT_EN -> ", a faithful English rendering";
            default -> "";
        };
    }
}
