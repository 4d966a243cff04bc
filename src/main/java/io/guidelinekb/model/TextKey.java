package io.guidelinekb.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a word for showing advice sits in a guideline's {@code guideline.yaml}, dotted from the top:
 * {@code cards.words.strength}. The words the cards and the audit report use are named by
 * {@link CardWord} and {@link ReportWord}; the rest by this class's constants and factories.
 *
 * @param path the keys from the top of the file, dotted, e.g. {@code report.status.IN_SCOPE}
 */
public record TextKey(String path) {

    /** The guideline's title. */
    public static final TextKey TITLE = new TextKey("title");
    /** Where the guideline is published, and its address first. */
    public static final TextKey SOURCE = new TextKey("source");
    /** Who publishes the guideline. */
    public static final TextKey PUBLISHER = new TextKey("publisher");
    /** When the guideline was published. */
    public static final TextKey PUBLISHED = new TextKey("published");

    /**
     * Checks the path.
     *
     * @param path the keys from the top of the file, dotted
     * @throws IllegalArgumentException when it is blank or has an empty key
     */
    public TextKey {
        if (path == null || path.isBlank() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
            throw new IllegalArgumentException("a text's path is keys joined by dots, e.g. cards.words.strength; got \""
                    + path + "\"");
        }
    }

    /**
     * A strength of recommendation in words, as a card shows it.
     *
     * @param strength the strength
     * @return {@code cards.strength.<STRENGTH>}
     */
    public static TextKey strength(Strength strength) {
        return new TextKey("cards.strength." + strength.name());
    }

    /**
     * An evidence grade in words, as a card shows it.
     *
     * @param grade the grade
     * @return {@code cards.evidence.<GRADE>}
     */
    public static TextKey evidence(EvidenceGrade grade) {
        return new TextKey("cards.evidence." + grade.name());
    }

    /**
     * A scope status in words, as the audit report shows it.
     *
     * @param status the status
     * @return {@code report.status.<STATUS>}
     */
    public static TextKey status(ScopeStatus status) {
        return new TextKey("report.status." + status.name());
    }

    /**
     * What a clinician is asked to record when the datum {@code reason} names was missing, as a card
     * on an undetermined episode shows it. A guideline need not have one for every reason.
     *
     * @param reason the scope reason's id
     * @return {@code cards.missing.<reason>}
     */
    public static TextKey missingDatum(String reason) {
        return new TextKey("cards.missing." + reason);
    }

    /**
     * A label the audit report shows for a code of a group (e.g. a unit or a month), when the
     * guideline gives one.
     *
     * @param group the group, e.g. {@code units}
     * @param code  the code in the group
     * @return {@code report.<group>.<code>}
     */
    public static TextKey reportLabel(String group, String code) {
        return new TextKey("report." + group + "." + code);
    }

    /**
     * Every word a card may need: what the CDS Hooks service checks before a version serves, and
     * what lint checks.
     *
     * @return the keys, in a stable order
     */
    public static List<TextKey> forCards() {
        List<TextKey> keys = new ArrayList<>(List.of(TITLE, SOURCE));
        for (CardWord word : CardWord.values()) {
            keys.add(word.key());
        }
        for (Strength strength : Strength.values()) {
            keys.add(strength(strength));
        }
        for (EvidenceGrade grade : EvidenceGrade.values()) {
            keys.add(evidence(grade));
        }
        return List.copyOf(keys);
    }

    /**
     * Every word the audit report may need.
     *
     * @return the keys, in a stable order
     */
    public static List<TextKey> forReport() {
        List<TextKey> keys = new ArrayList<>(List.of(TITLE, PUBLISHER, PUBLISHED));
        for (ReportWord word : ReportWord.values()) {
            keys.add(word.key());
        }
        for (ScopeStatus status : ScopeStatus.values()) {
            keys.add(status(status));
        }
        return List.copyOf(keys);
    }

    @Override
    public String toString() {
        return path;
    }
}
