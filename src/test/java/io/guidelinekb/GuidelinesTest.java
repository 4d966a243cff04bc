package io.guidelinekb;

import io.guidelinekb.model.Case;
import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.model.RuleLoadException;
import io.guidelinekb.model.RuleProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.authoring.Linter;
import io.guidelinekb.model.Guideline;
import io.guidelinekb.model.Patient;
import io.guidelinekb.model.Recommendation;
import io.guidelinekb.model.Review;
import io.guidelinekb.model.ScopeStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each guideline folder's descriptor on every result, and several guidelines in one knowledge base. */
public class GuidelinesTest {

    static final Path SECOND = Path.of("src", "test", "resources", "guidelines", "test-adult-back-pain");

    @TempDir
    Path temp;

    @Test
    void everyResultNamesItsGuidelineVersionAndStatusBesideTheHash() {
        KnowledgeBase kb = LbpFixture.knowledgeBase();
        EpisodeResult result = kb.evaluate(Patient.aged("p", 40), EvaluationTest.inScopeEpisode("e", "p").build());

        Guideline guideline = result.guideline();
        assertEquals("fixture-lbp", guideline.id());
        assertEquals("1.0", guideline.version());
        assertEquals("2016-06-20", guideline.published());
        assertEquals("Sundhedsstyrelsen", guideline.publisher());
        assertEquals(Review.Status.UNDER_REVIEW, guideline.review().status());
        assertTrue(guideline.review().noteDa().contains("under vurdering"), guideline.review().noteDa());
        assertEquals(kb.version(), result.knowledgeBaseVersion());
        assertEquals(List.of(guideline), kb.guidelines());
    }

    @Test
    void theAnalgesicRecommendationsCarryTheirOwnReviewNoteAndTheOthersNone() {
        EpisodeResult result = LbpFixture.knowledgeBase().evaluate(Patient.aged("p", 40),
                EvaluationTest.inScopeEpisode("e", "p").build());
        for (Recommendation r : result.recommendations()) {
            boolean analgesic = Set.of("FIX-LBP-08", "FIX-LBP-09", "FIX-LBP-10").contains(r.id());
            assertEquals(analgesic, r.review().isPresent(), r.id());
            r.review().ifPresent(review -> {
                assertEquals(Review.Status.UNDER_REVIEW, review.status());
                assertTrue(review.noteEn().contains("2025") && review.link().startsWith("https://"), review.toString());
            });
            assertEquals("fixture-lbp", r.provenance().guideline().id());
        }
    }

    @Test
    void aDescriptorMistakeNamesFileLineColumnAndWhatToWrite() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp)
                .replace("guideline.yaml", "  status: under-review\n  note:", "  status: being-reviewed\n  note:")
                .replace("guideline.yaml", "version: \"1.0\"", "edition: \"1.0\"");

        RuleLoadException e = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules.root()));

        String file = rules.file("guideline.yaml").toString();
        // sorted as text: line 12 before line 19 before line 6
        assertEquals(List.of(
                file + ":12:1: error: unknown key \"edition\"; allowed: cards, id, published, publisher, recommendations, "
                        + "report, review, source, sourceText, title, version",
                file + ":19:11: error: \"being-reviewed\" is not a status; allowed: current, under-review, superseded, "
                        + "withdrawn",
                file + ":6:1: error: missing version"), e.problems().stream().map(RuleProblem::toString).sorted().toList());
    }

    @Test
    void aDescriptorThatIsNotYamlNamesWhereItBreaks() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp).replace("guideline.yaml", "publisher: Sundhedsstyrelsen",
                "publisher: [Sundhedsstyrelsen");

        RuleLoadException e = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules.root()));

        RuleProblem problem = e.problems().get(0);
        assertEquals(rules.file("guideline.yaml").toString(), problem.file());
        assertTrue(problem.line() >= 10 && problem.message().startsWith("not valid YAML: "), problem.toString());
        assertTrue(!problem.message().contains("[Source"), "the parser's view of the file is left out: " + problem);
        assertEquals(1, e.problems().size(), e.getMessage());
    }

    @Test
    void theIdMustNameTheFolderAndLinksMustBeWebAddresses() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp)
                .replace("guideline.yaml", "id: fixture-lbp", "id: fixture-lbp-2017")
                .replace("guideline.yaml", "source: https://www.sst.dk/nkr", "source: sst.dk/nkr");

        RuleLoadException e = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules.root()));

        List<String> messages = e.problems().stream().map(RuleProblem::message).toList();
        assertTrue(messages.contains("is \"fixture-lbp-2017\" but the folder is fixture-lbp; the id names the folder"),
                messages.toString());
        assertTrue(messages.contains("\"sst.dk/nkr\" is not a web address: write https://…"), messages.toString());
    }

    @Test
    void aFolderWithoutDescriptorIsNamedByItsFolderAndLintSaysSo() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp);
        Files.delete(rules.file("guideline.yaml"));

        Guideline guideline = KnowledgeBase.load(rules.root()).guideline();
        assertEquals(Guideline.undescribed("fixture-lbp"), guideline);
        assertTrue(Linter.lint(rules.root()).findings().stream().anyMatch(f -> !f.isError()
                && f.message().startsWith("this guideline folder has no guideline.yaml")));
    }

    @Test
    void twoGuidelinesLoadIntoOneKnowledgeBaseAndACaseIsEvaluatedAgainstEach() throws Exception {
        KnowledgeBase both = KnowledgeBase.load(withSecondGuideline());
        assertEquals(List.of("fixture-lbp", "test-adult-back-pain"), both.guidelines().stream().map(Guideline::id).toList());

        // A 15-year-old: out of scope of the LBP fixture, in scope of the test guideline. Were the two
        // compiled together, each guideline's rules would see the other's scope status.
        Case teenager = new Case(Patient.aged("p", 15), EvaluationTest.inScopeEpisode("e", "p")
                .propose("SUPERVISED_EXERCISE").build());
        List<EpisodeResult> results = both.evaluateEach(teenager);

        assertEquals(2, results.size());
        EpisodeResult nkr = results.get(0);
        EpisodeResult test = results.get(1);
        assertEquals("fixture-lbp", nkr.guideline().id());
        assertEquals(ScopeStatus.OUT_OF_SCOPE, nkr.status());
        assertEquals(Set.of("AGE_UNDER_16"), nkr.reasons());
        assertEquals(List.of(), nkr.recommendations());
        assertEquals("test-adult-back-pain", test.guideline().id());
        assertEquals("0.1", test.guideline().version());
        assertEquals(ScopeStatus.IN_SCOPE, test.status());
        assertEquals(List.of("TEST-01"), test.recommendations().stream().map(Recommendation::id).toList());
        assertEquals("test-adult-back-pain", test.recommendations().get(0).provenance().guideline().id());
        assertEquals(Set.of("SUPERVISED_EXERCISE"), test.recommendations().get(0).triggeredWith());
        assertEquals(both.version(), test.knowledgeBaseVersion());
    }

    @Test
    void eachGuidelineGivesWhatItGivesAloneAndOneResultNeedsAChoice() throws Exception {
        KnowledgeBase both = KnowledgeBase.load(withSecondGuideline());
        KnowledgeBase alone = LbpFixture.knowledgeBase();
        Case adult = new Case(Patient.aged("p", 40), EvaluationTest.inScopeEpisode("e", "p")
                .finding("LOW_BACK_PAIN", true).propose("MRI").build());

        assertEquals(withoutVersion(alone.evaluate(adult)), withoutVersion(both.evaluateEach(adult).get(0)));
        assertEquals(withoutVersion(alone.evaluate(adult)),
                withoutVersion(both.guideline("fixture-lbp").orElseThrow().evaluate(adult)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> both.evaluate(adult));
        assertEquals("this knowledge base holds 2 guidelines (fixture-lbp, test-adult-back-pain): evaluate each with "
                + "evaluateEach, or choose one with guideline(id)", e.getMessage());
        assertTrue(both.guideline("fixture-lbp-2015").isEmpty());
    }

    @Test
    void aReloadingKnowledgeBaseServesEveryGuidelineOrTheOneNamedAndKeepsToItOnReload() throws Exception {
        Path rules = withSecondGuideline();

        ReloadingKnowledgeBase all = ReloadingKnowledgeBase.load(rules, null, candidate -> List.of());
        assertEquals(2, all.current().guidelines().size());
        assertThrows(IllegalStateException.class, () -> all.evaluate(new Case(Patient.aged("p", 40),
                EvaluationTest.inScopeEpisode("e", "p").build())), "one result needs one guideline");
        RuleLoadException wrong = assertThrows(RuleLoadException.class,
                () -> ReloadingKnowledgeBase.load(rules, "test-adult", candidate -> List.of()));
        assertEquals("holds no guideline test-adult; its guidelines: fixture-lbp, test-adult-back-pain",
                wrong.problems().get(0).message());

        ReloadingKnowledgeBase served = ReloadingKnowledgeBase.load(rules, "test-adult-back-pain", candidate -> List.of());
        Case adult = new Case(Patient.aged("p", 40), io.guidelinekb.model.Episode.builder("e", "p",
                java.time.LocalDate.of(2026, 3, 10)).durationDays(10).finding("LOW_BACK_PAIN", true).build());
        assertEquals("test-adult-back-pain", served.evaluate(adult).guideline().id());
        assertTrue(served.reload().replaced());
        assertEquals(List.of("TEST-01"), served.evaluate(adult).recommendations().stream().map(Recommendation::id).toList());
    }

    @Test
    void twoGuidelinesMayBindTheSameCodeEachToItsOwnConceptButOneGuidelineNotToTwo() throws Exception {
        Path rules = withSecondGuideline();
        Path bindings = rules.resolve("test-adult-back-pain/bindings.yaml");
        Files.writeString(bindings, "concepts:\n  BUTTOCK_PAIN:\n    - http://snomed.info/sct|279039007\n");
        KnowledgeBase both = KnowledgeBase.load(rules);
        assertEquals(Set.of(new io.guidelinekb.model.Concept("BUTTOCK_PAIN")), both.guideline("test-adult-back-pain")
                .orElseThrow().bindings().conceptsOf("http://snomed.info/sct", "279039007"), "its own concept");
        assertEquals(Set.of(new io.guidelinekb.model.Concept("LOW_BACK_PAIN")), both.guideline(RulesFolder.GUIDELINE)
                .orElseThrow().bindings().conceptsOf("http://snomed.info/sct", "279039007"), "the other's own concept");

        Files.writeString(bindings, "concepts:\n  LOW_BACK_PAIN:\n    - http://snomed.info/sct|279039007\n"
                + "  BUTTOCK_PAIN:\n    - http://snomed.info/sct|279039007\n");
        RuleLoadException e = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules));
        assertTrue(e.problems().stream().anyMatch(p -> p.file().equals(bindings.toString()) && p.line() == 5
                && p.message().startsWith("http://snomed.info/sct|279039007 is bound twice: already to LOW_BACK_PAIN at ")),
                e.getMessage());
    }

    /** The JSON without what differs between two loads of the same rules: the hash and the files. */
    private static String withoutVersion(EpisodeResult result) {
        return EpisodeResultJson.toJson(result).replaceAll("sha256:[0-9a-f]+", "").replaceAll("\"file\":\"[^\"]*\"", "");
    }

    private Path withSecondGuideline() throws IOException {
        return withSecondGuideline(temp);
    }

    /**
     * A copy of the LBP fixture with the test guideline's folder beside it, which binds codes of its own
     * (a guideline reads FHIR in its own codes only): low back pain and a lumbar MRI, as the CDS Hooks
     * examples send them.
     */
    public static Path withSecondGuideline(Path temp) throws IOException {
        RulesFolder rules = RulesFolder.copyOfLbp(temp);
        Path target = rules.root().resolve(SECOND.getFileName());
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(SECOND)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        Files.writeString(target.resolve("bindings.yaml"), """
                concepts:
                  LOW_BACK_PAIN: [http://snomed.info/sct|279039007]
                  MRI: [http://loinc.org|24968-0]
                """);
        return rules.root();
    }
}
