package io.guidelinekb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.guidelinekb.model.EvidenceGrade;
import io.guidelinekb.model.RecommendationDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped rules quote their guideline verbatim: each recommendation's Danish text stands in the
 * source text under {@code docs/guideline/<guideline>-quick-guide.da.txt}, preceded by its strength
 * symbol and followed by its evidence symbol as printed there, under a heading the rule names. A
 * document check, run in CI: an author who edits a text in {@code rules/} sees here where it no longer
 * quotes the source. The guidelines are found in {@code rules/}, never named.
 */
@DocsTest
class ShippedQuotesTest {

    /**
     * A quick guide as running text: words split across lines joined, whitespace collapsed, and the
     * private-use glyphs that the PDF extraction left beside each ⊕ dropped (it also left a no-break
     * space in "i tillæg", read as a space).
     */
    static String runningText(Path guide) throws Exception {
        return Files.readString(guide).replaceAll("\\p{Co}", "").replaceAll("-\\R", "").replaceAll("[\\s\\u00A0]+", " ");
    }

    /** What of {@code kb}'s recommendations does not quote {@code guide}: one line each, empty when all do. */
    static List<String> misquotes(KnowledgeBase kb, Path guide) throws Exception {
        String text = runningText(guide);
        List<String> headings = Files.readAllLines(guide).stream().map(String::strip).toList();
        List<String> wrong = new ArrayList<>();
        for (RecommendationDefinition r : kb.recommendations()) {
            String sentence = r.textDa().endsWith(".") ? r.textDa().substring(0, r.textDa().length() - 1) : r.textDa();
            String evidence = r.evidence() == EvidenceGrade.NONE ? "" : " (" + r.evidence().symbol() + ")";
            String printed = r.strength().symbol() + " " + sentence + evidence + ".";
            if (!text.contains(printed)) {
                wrong.add(r.id() + " is not printed in " + guide + " as: " + printed);
            }
            if (!headings.contains(r.section())) {
                wrong.add(r.id() + ": " + guide + " has no heading \"" + r.section() + "\"");
            }
        }
        return wrong;
    }

    @Test
    void everyShippedRecommendationQuotesItsGuidelinesSourceText() throws Exception {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> folders = Files.list(Path.of("rules"))) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                String id = folder.getFileName().toString();
                Path guide = Path.of("docs", "guideline", id + "-quick-guide.da.txt");
                if (Files.exists(guide)) {
                    KnowledgeBase kb = KnowledgeBase.load(Path.of("rules"), LoadOptions.defaults().withOnlyGuideline(id));
                    wrong.addAll(misquotes(kb, guide));
                    checked++;
                }
            }
        }
        assertFalse(checked == 0, "a shipped guideline has its source text under docs/guideline/");
        assertEquals(List.of(), wrong);
    }
}
