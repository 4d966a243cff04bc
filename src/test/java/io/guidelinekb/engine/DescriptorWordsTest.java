package io.guidelinekb.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guidelinekb.model.CardWord;
import io.guidelinekb.model.EvidenceGrade;
import io.guidelinekb.model.GuidelineTexts;
import io.guidelinekb.model.Language;
import io.guidelinekb.model.ReportWord;
import io.guidelinekb.model.TextKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class DescriptorWordsTest {

    private static JsonNode tree(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }

    @Test
    void aWordLeftOutIsInheritedAndAWordGivenIsTheGuidelinesOwn() throws Exception {
        JsonNode descriptor = tree("{\"title\": {\"da\": \"Titel\", \"en\": \"Title\"},"
                + "\"cards\": {\"words\": {\"strength\": {\"da\": \"Styrke!\", \"en\": \"Strength!\"}}}}");

        GuidelineTexts danish = DescriptorWords.texts("g", descriptor, Language.DANISH);
        GuidelineTexts english = DescriptorWords.texts("g", descriptor, Language.ENGLISH);

        assertEquals("Titel", danish.text(TextKey.TITLE));
        assertEquals("Title", english.text(TextKey.TITLE));
        assertEquals("Strength!", english.card(CardWord.STRENGTH));
        assertEquals("not graded", english.text(TextKey.evidence(EvidenceGrade.NONE)), "inherited from the defaults");
        assertEquals("ikke graderet", danish.text(TextKey.evidence(EvidenceGrade.NONE)));
        assertFalse(english.overrideReasons().isEmpty(), "override reasons are inherited too");
    }

    @Test
    void halfATranslationIsMissingInTheOtherLanguageNotFilledFromTheDefaults() throws Exception {
        JsonNode descriptor = tree("{\"cards\": {\"words\": {\"strength\": {\"da\": \"Styrke\"}}}}");

        GuidelineTexts english = DescriptorWords.texts("g", descriptor, Language.ENGLISH);

        assertFalse(english.has(CardWord.STRENGTH.key()));
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> english.card(CardWord.STRENGTH));
        assertEquals("g's guideline.yaml has no cards.words.strength in English", missing.getMessage());
        assertEquals("Styrke", DescriptorWords.texts("g", descriptor, Language.DANISH).card(CardWord.STRENGTH));
    }

    @Test
    void whatAGuidelineLacksIsNamedByKeyAndLanguage() throws Exception {
        JsonNode descriptor = tree("{\"report\": {\"title\": {\"da\": \"Rapport\"}}}");
        io.guidelinekb.model.Guideline guideline = io.guidelinekb.model.Guideline.undescribed("g");

        List<String> missing = GuidelineTexts.missing(List.of(guideline),
                language -> DescriptorWords.texts(java.util.Map.of("g", descriptor), language),
                List.of(ReportWord.TITLE.key(), TextKey.TITLE), "the report needs");

        assertTrue(missing.contains("g: guideline.yaml has no report.title in English, which the report needs"), missing.toString());
        assertTrue(missing.contains("g: guideline.yaml has no title in Danish, which the report needs"), missing.toString());
        assertFalse(missing.contains("g: guideline.yaml has no report.title in Danish, which the report needs"));
    }
}
