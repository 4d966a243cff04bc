package io.guidelinekb.cdshooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.guidelinekb.Case;
import io.guidelinekb.EpisodeResult;
import io.guidelinekb.EpisodeResultJson;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.RulesFolder;
import io.guidelinekb.fhir.FhirMapping;
import io.guidelinekb.model.Episode;
import io.guidelinekb.model.Lifecycle;
import io.guidelinekb.model.Patient;
import io.guidelinekb.model.Recommendation;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recommendation's own life, written in its rule: a draft is given to authors and audits, marked,
 * and never shown at the point of care; a retired one is never given at all.
 */
class LifecycleTest {

    @TempDir
    Path temp;

    @Test
    void aDraftIsGivenMarkedAndNeverCardedAndARetiredOneIsNeverGiven() throws Exception {
        RulesFolder rules = RulesFolder.copyOfShipped(temp)
                .replace("04-imaging.drl", "    @recommendation(\"NKR-LBP-04\")", "    @recommendation(\"NKR-LBP-04\")\n    @status(\"draft\")")
                .replace("06-acupuncture.drl", "    @recommendation(\"NKR-LBP-06\")", "    @recommendation(\"NKR-LBP-06\")\n    @status(\"retired\")");
        KnowledgeBase kb = KnowledgeBase.load(rules.root());
        LocalDate asOf = LocalDate.of(2026, 3, 10);
        Episode episode = Episode.builder("e", "p", asOf).durationWeeks(3).finding("LOW_BACK_PAIN", true)
                .finding("RED_FLAGS_SCREENED", true).propose("MRI", "ACUPUNCTURE").build();
        Case input = new Case(Patient.aged("p", 40), episode);

        EpisodeResult result = kb.evaluate(input);

        Recommendation imaging = result.recommendations().stream().filter(r -> r.id().equals("NKR-LBP-04")).findFirst()
                .orElseThrow();
        assertEquals(Lifecycle.DRAFT, imaging.lifecycle());
        assertTrue(imaging.triggeredAgainstIt(), "a draft is evaluated as it will be");
        assertTrue(result.recommendations().stream().noneMatch(r -> r.id().equals("NKR-LBP-06")), "retired: never given");
        assertTrue(EpisodeResultJson.toJson(result).contains("\"status\":\"draft\""));

        FhirMapping mapping = new FhirMapping(Optional.of(input), List.of(), Map.of("MRI", List.of("ServiceRequest/mri-1"),
                "ACUPUNCTURE", List.of("ServiceRequest/acu-1")));
        List<Cards.Card> cards = new Cards(kb.texts(false).get("nkr-lbp-2016"), kb, false).cards("order-select", result, mapping);
        assertEquals(List.of(), cards.stream().map(Cards.Card::about).toList(),
                "neither the draft (04) nor the retired (06) gives a card to a GP");
        assertFalse(cards.stream().map(Cards.Card::json).map(ObjectNode::toString).anyMatch(c -> c.contains("NKR-LBP-04")));

        // a scenario written while 06 was active says why it now fails
        var outcome = io.guidelinekb.scenario.ScenarioRun.run(kb,
                Path.of("facts/nkr-lbp-2016/recommendations/acupuncture-proposed-triggers-06.yaml"));
        assertTrue(outcome.problems().contains("NKR-LBP-06 is retired (its rule says @status(\"retired\")) and is never "
                + "given: take it out of this scenario's expectations"), outcome.problems().toString());
    }

    @Test
    void aStatusThatIsNoneOfTheThreeIsNamedAtLoad() throws Exception {
        RulesFolder rules = RulesFolder.copyOfShipped(temp)
                .replace("04-imaging.drl", "    @recommendation(\"NKR-LBP-04\")", "    @recommendation(\"NKR-LBP-04\")\n    @status(\"withdrawn\")");
        io.guidelinekb.RuleLoadException refused = org.junit.jupiter.api.Assertions.assertThrows(
                io.guidelinekb.RuleLoadException.class, () -> KnowledgeBase.load(rules.root()));
        assertTrue(refused.getMessage().contains("@status(\"withdrawn\") is not a status; write draft, active or retired"),
                refused.getMessage());
    }
}
