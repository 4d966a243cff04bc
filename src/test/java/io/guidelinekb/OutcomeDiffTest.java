package io.guidelinekb;

import io.guidelinekb.pipeline.OutcomeDiff;
import io.guidelinekb.model.Case;
import io.guidelinekb.model.EpisodeResult;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guidelinekb.model.Patient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutcomeDiffTest {

    @TempDir
    Path temp;

    @Test
    void sameRulesSameOutcome() {
        Case input = new Case(Patient.aged("p", 40), EvaluationTest.inScopeEpisode("e", "p").build());
        EpisodeResult result = LbpFixture.knowledgeBase().evaluate(input);
        assertEquals(List.of(), OutcomeDiff.between(result, LbpFixture.knowledgeBase().evaluate(input)));
    }

    @Test
    void namesEveryChangeInScopeRecommendationsStrengthGradeAndTriggers() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp)
                .replace("00-scope.drl", "ageYearsAtMost < 16", "ageYearsAtMost < 18")
                .replace("05-manual-therapy.drl", "@strength(\"↑\")", "@strength(\"↑↑\")")
                .replace("05-manual-therapy.drl", "@evidence(\"⊕⊕\")", "@evidence(\"⊕⊕⊕\")")
                .replace("04-imaging.drl", "@concerns(\"MRI: against, XRAY: against\")", "@concerns(\"MRI: against, XRAY: against, CT: against\")");
        KnowledgeBase changed = KnowledgeBase.load(rules.root());

        Case seventeen = new Case(Patient.aged("p", 17), EvaluationTest.inScopeEpisode("e", "p").build());
        assertEquals(List.of("scope: IN_SCOPE → OUT_OF_SCOPE", "reasons: + AGE_UNDER_16",
                        "recommendations: − FIX-LBP-01, FIX-LBP-02, FIX-LBP-03, FIX-LBP-04, FIX-LBP-05, FIX-LBP-06, "
                                + "FIX-LBP-07, FIX-LBP-08, FIX-LBP-09, FIX-LBP-10"),
                OutcomeDiff.between(LbpFixture.knowledgeBase().evaluate(seventeen), changed.evaluate(seventeen)));

        Case ct = new Case(Patient.aged("p", 40), EvaluationTest.inScopeEpisode("e", "p")
                .propose("CT", "MRI").build());
        assertEquals(List.of("FIX-LBP-04 triggered by: [MRI] → [MRI, CT]",
                        "FIX-LBP-05 strength: WEAK_FOR ↑ → STRONG_FOR ↑↑", "FIX-LBP-05 evidence: LOW → MODERATE"),
                OutcomeDiff.between(LbpFixture.knowledgeBase().evaluate(ct), changed.evaluate(ct)));

        Case onlyCt = new Case(Patient.aged("p", 40), EvaluationTest.inScopeEpisode("e", "p")
                .propose("CT").build());
        assertEquals(List.of("triggered: + FIX-LBP-04", "FIX-LBP-05 strength: WEAK_FOR ↑ → STRONG_FOR ↑↑",
                        "FIX-LBP-05 evidence: LOW → MODERATE"),
                OutcomeDiff.between(LbpFixture.knowledgeBase().evaluate(onlyCt), changed.evaluate(onlyCt)));
    }
}
