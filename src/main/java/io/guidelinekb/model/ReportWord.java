package io.guidelinekb.model;

/**
 * The words of the audit report ({@code batch --report}): a guideline gives them in its
 * {@code guideline.yaml} under {@code report:}, or inherits the defaults.
 */
public enum ReportWord {
    /** The report's "title". */
    TITLE("report.title"),
    /** The report's "version". */
    VERSION("report.version"),
    /** The report's "knowledgeBase". */
    KNOWLEDGE_BASE("report.knowledgeBase"),
    /** The report's "input". */
    INPUT("report.input"),
    /** The report's "generated". */
    GENERATED("report.generated"),
    /** The report's "records". */
    RECORDS("report.records"),
    /** The report's "inScope". */
    IN_SCOPE("report.inScope"),
    /** The report's "against". */
    AGAINST("report.against"),
    /** The report's "with". */
    WITH("report.with"),
    /** The report's "acute". */
    ACUTE("report.acute"),
    /** The report's "byUnit". */
    BY_UNIT("report.byUnit"),
    /** The report's "byMonth". */
    BY_MONTH("report.byMonth"),
    /** The report's "unit". */
    UNIT("report.unit"),
    /** The report's "month". */
    MONTH("report.month"),
    /** The report's "noUnit". */
    NO_UNIT("report.noUnit"),
    /** The report's "episodes". */
    EPISODES("report.episodes"),
    /** The report's "inScopeShort". */
    IN_SCOPE_SHORT("report.inScopeShort"),
    /** The report's "againstShort". */
    AGAINST_SHORT("report.againstShort"),
    /** The report's "withShort". */
    WITH_SHORT("report.withShort"),
    /** The report's "acuteShort". */
    ACUTE_SHORT("report.acuteShort"),
    /** The report's "againstChart". */
    AGAINST_CHART("report.againstChart"),
    /** The report's "withChart". */
    WITH_CHART("report.withChart"),
    /** The report's "scopeChart". */
    SCOPE_CHART("report.scopeChart"),
    /** The report's "reasonsChart". */
    REASONS_CHART("report.reasonsChart"),
    /** The report's "recommendationsChart". */
    RECOMMENDATIONS_CHART("report.recommendationsChart"),
    /** The report's "withheld". */
    WITHHELD("report.withheld"),
    /** The report's "triggeredAgainst". */
    TRIGGERED_AGAINST("report.triggeredAgainst"),
    /** The report's "triggeredWith". */
    TRIGGERED_WITH("report.triggeredWith"),
    /** The report's "table". */
    TABLE("report.table"),
    /** The report's "given". */
    GIVEN("report.given"),
    /** The report's "text". */
    TEXT("report.text"),
    /** The report's "none". */
    NONE("report.none"),
    /** The report's "csv". */
    CSV("report.csv"),
    /** The report's "legendTitle". */
    LEGEND_TITLE("report.legendTitle"),
    /** The report's "legendColours". */
    LEGEND_COLOURS("report.legendColours"),
    /** The report's "legendStrength". */
    LEGEND_STRENGTH("report.legendStrength"),
    /** The report's "legendEvidence". */
    LEGEND_EVIDENCE("report.legendEvidence"),
    /** The report's "againstStanding". */
    AGAINST_STANDING("report.againstStanding"),
    /** The report's "againstUnderReview". */
    AGAINST_UNDER_REVIEW("report.againstUnderReview"),
    /** The report's "againstDraft". */
    AGAINST_DRAFT("report.againstDraft"),
    /** The report's "of". */
    OF("report.of");

    private final TextKey key;

    ReportWord(String path) {
        this.key = new TextKey(path);
    }

    /**
     * Where the word sits in {@code guideline.yaml}.
     *
     * @return its key
     */
    public TextKey key() {
        return key;
    }
}
