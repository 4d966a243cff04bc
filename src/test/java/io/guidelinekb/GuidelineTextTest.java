package io.guidelinekb;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The guideline's own words in a summary. (That each recommendation quotes its source word for word is
 * checked on every load: the fixture names its quick guide as {@code sourceText}, see SourceQuotesTest.)
 */
class GuidelineTextTest {

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
