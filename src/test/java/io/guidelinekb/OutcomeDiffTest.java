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
        EpisodeResult result = Shipped.knowledgeBase().evaluate(input);
        assertEquals(List.of(), OutcomeDiff.between(result, Shipped.knowledgeBase().evaluate(input)));
    }

    @Test
    void namesEveryChangeInScopeRecommendationsStrengthGradeAndTriggers() throws Exception {
        RulesFolder rules = RulesFolder.copyOfShipped(temp)
                .replace("00-scope.drl", "ageYearsAtMost < 16", "ageYearsAtMost < 18")
                .replace("05-manual-therapy.drl", "@strength(\"↑\")", "@strength(\"↑↑\")")
                .replace("05-manual-therapy.drl", "@evidence(\"⊕⊕\")", "@evidence(\"⊕⊕⊕\")")
                .replace("04-imaging.drl", "@concerns(\"MRI: against, XRAY: against\")", "@concerns(\"MRI: against, XRAY: against, CT: against\")");
        KnowledgeBase changed = KnowledgeBase.load(rules.root());

        Case seventeen = new Case(Patient.aged("p", 17), EvaluationTest.inScopeEpisode("e", "p").build());
        assertEquals(List.of("scope: IN_SCOPE → OUT_OF_SCOPE", "reasons: + AGE_UNDER_16",
                        "recommendations: − NKR-LBP-01, NKR-LBP-02, NKR-LBP-03, NKR-LBP-04, NKR-LBP-05, NKR-LBP-06, "
                                + "NKR-LBP-07, NKR-LBP-08, NKR-LBP-09, NKR-LBP-10"),
                OutcomeDiff.between(Shipped.knowledgeBase().evaluate(seventeen), changed.evaluate(seventeen)));

        Case ct = new Case(Patient.aged("p", 40), EvaluationTest.inScopeEpisode("e", "p")
                .propose("CT", "MRI").build());
        assertEquals(List.of("NKR-LBP-04 triggered by: [MRI] → [MRI, CT]",
                        "NKR-LBP-05 strength: WEAK_FOR ↑ → STRONG_FOR ↑↑", "NKR-LBP-05 evidence: LOW → MODERATE"),
                OutcomeDiff.between(Shipped.knowledgeBase().evaluate(ct), changed.evaluate(ct)));

        Case onlyCt = new Case(Patient.aged("p", 40), EvaluationTest.inScopeEpisode("e", "p")
                .propose("CT").build());
        assertEquals(List.of("triggered: + NKR-LBP-04", "NKR-LBP-05 strength: WEAK_FOR ↑ → STRONG_FOR ↑↑",
                        "NKR-LBP-05 evidence: LOW → MODERATE"),
                OutcomeDiff.between(Shipped.knowledgeBase().evaluate(onlyCt), changed.evaluate(onlyCt)));
    }
}
