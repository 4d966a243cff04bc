package io.guidelinekb;

import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @org.junit.jupiter.api.Test
    void eachRecommendationQuotesTheQuickGuideUnderOneOfItsHeadings() throws Exception {
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(),
                ShippedQuotesTest.misquotes(LbpFixture.knowledgeBase(), QUICK_GUIDE));
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
