package io.guidelinekb.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guidelinekb.Case;
import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.RulesFolder;
import io.guidelinekb.model.Episode;
import io.guidelinekb.model.Patient;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An order against a draft recommendation is counted apart in the audit's headline: no GP was shown it. */
class DraftCountedApartTest {

    @TempDir
    Path temp;

    @Test
    void anOrderAgainstADraftIsCountedApartFromThoseAGpWasShown() throws Exception {
        KnowledgeBase kb = KnowledgeBase.load(RulesFolder.copyOfShipped(temp)
                .replace("04-imaging.drl", "    @recommendation(\"NKR-LBP-04\")", "    @recommendation(\"NKR-LBP-04\")\n    @status(\"draft\")")
                .root());
        LocalDate asOf = LocalDate.of(2026, 3, 10);
        Episode mri = Episode.builder("e1", "p", asOf).durationWeeks(3).finding("LOW_BACK_PAIN", true)
                .finding("RED_FLAGS_SCREENED", true).propose("MRI").build();
        Episode acupuncture = Episode.builder("e2", "p", asOf).durationWeeks(3).finding("LOW_BACK_PAIN", true)
                .finding("RED_FLAGS_SCREENED", true).propose("ACUPUNCTURE").build();
        AuditStats stats = new AuditStats();

        stats.add(kb.evaluate(new Case(Patient.aged("p", 40), mri)));
        stats.add(kb.evaluate(new Case(Patient.aged("p", 40), acupuncture)));

        assertEquals(1, stats.inScopeWithAgainstDraft, "the MRI, against the draft");
        assertEquals(1, stats.inScopeWithAgainstProposed, "only the acupuncture, against an active recommendation");
    }
}
