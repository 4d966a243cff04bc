package io.guidelinekb;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.model.EvidenceGrade;
import io.guidelinekb.model.RecommendationDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The rules quote the guideline verbatim: each recommendation's Danish text stands in the quick
 * guide, preceded by its strength symbol and followed by its evidence symbol, as printed there.
 */
class GuidelineTextTest {

    static final Path QUICK_GUIDE = Path.of("src/test/resources/fixture/guideline/fixture-lbp-quick-guide.da.txt");

    /**
     * The quick guide as running text: words split across lines joined, whitespace collapsed, and
     * the private-use glyphs that the PDF extraction left beside each ⊕ dropped (it also left a
     * no-break space in "i tillæg", read as a space).
     */
    static String runningText() throws Exception {
        return Files.readString(QUICK_GUIDE).replaceAll("\\p{Co}", "").replaceAll("-\\R", "")
                .replaceAll("[\\s\\u00A0]+", " ");
    }

    @TestFactory
    Stream<DynamicTest> eachRecommendationQuotesTheQuickGuide() throws Exception {
        String guide = runningText();
        return LbpFixture.knowledgeBase().recommendations().stream().map(r -> DynamicTest.dynamicTest(r.id(), () -> {
            String sentence = r.textDa().endsWith(".") ? r.textDa().substring(0, r.textDa().length() - 1) : r.textDa();
            String evidence = r.evidence() == EvidenceGrade.NONE ? "" : " (" + r.evidence().symbol() + ")";
            String printed = r.strength().symbol() + " " + sentence + evidence + ".";
            assertTrue(guide.contains(printed), r.id() + " is not printed in the quick guide as:\n" + printed);
        }));
    }

    @TestFactory
    Stream<DynamicTest> eachRecommendationNamesAHeadingOfTheQuickGuide() throws Exception {
        var headings = Files.readAllLines(QUICK_GUIDE).stream().map(String::strip).toList();
        return LbpFixture.knowledgeBase().recommendations().stream().map(RecommendationDefinition::section).distinct()
                .map(section -> DynamicTest.dynamicTest(section,
                        () -> assertTrue(headings.contains(section), "no heading \"" + section + "\"")));
    }

    /** An alert's summary keeps the guideline's own conditional word where the text has it ("Overvej …"). */
    @TestFactory
    Stream<DynamicTest> aSummaryKeepsTheConditionalWordOfItsRecommendation() {
        return LbpFixture.knowledgeBase().recommendations().stream()
                .filter(r -> r.textDa().startsWith("Overvej"))
                .map(r -> DynamicTest.dynamicTest(r.id(), () -> {
                    assertTrue(r.summary(io.guidelinekb.model.Language.DANISH).startsWith("Overvej"), r.id() + ": " + r.summary(io.guidelinekb.model.Language.DANISH));
                    assertTrue(r.summary(io.guidelinekb.model.Language.ENGLISH).startsWith("Consider"), r.id() + ": " + r.summary(io.guidelinekb.model.Language.ENGLISH));
                }));
    }
}
