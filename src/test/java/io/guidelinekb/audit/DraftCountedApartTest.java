package io.guidelinekb.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guidelinekb.KnowledgeBase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An order against a draft recommendation is counted apart in the audit's headline: no GP was shown it. */
class DraftCountedApartTest {

    @TempDir
    Path temp;

    @Test
    void anOrderAgainstADraftIsCountedApartFromThoseAGpWasShown() throws Exception {
        KnowledgeBase draft = KnowledgeBase.load(io.guidelinekb.cdshooks.LifecycleTestRules.rules(temp, "draft", "draft"));
        KnowledgeBase active = KnowledgeBase.load(io.guidelinekb.cdshooks.LifecycleTestRules.rules(temp.resolve("a"),
                "active", "draft"));
        AuditStats onlyDrafts = new AuditStats();
        AuditStats oneActive = new AuditStats();

        onlyDrafts.add(draft.evaluate(io.guidelinekb.cdshooks.LifecycleTestRules.mriFor("p")));
        oneActive.add(active.evaluate(io.guidelinekb.cdshooks.LifecycleTestRules.mriFor("p")));

        assertEquals(1, onlyDrafts.inScopeWithAgainstDraft, "the MRI, against drafts only");
        assertEquals(0, onlyDrafts.inScopeWithAgainstProposed, "no GP was shown it");
        assertEquals(1, oneActive.inScopeWithAgainstProposed, "against an active one: in the headline");
    }
}
