package io.guidelinekb;

import io.guidelinekb.model.Case;
import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.model.RuleProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.authoring.Linter;
import io.guidelinekb.engine.RuleCache;
import io.guidelinekb.model.Episode;
import io.guidelinekb.model.Patient;
import io.guidelinekb.model.ScopeStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many cases in one session give what each gives alone: an oracle over generated records, some of
 * them sharing a patient or an episode id, on the test guideline of src/test/resources with a rule
 * that joins the patient by id. A rule that could join two cases makes its guideline evaluate them
 * one a session, with a warning at its line.
 */
class SharedSessionsTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 3, 10);
    private static final String[] FINDINGS = {"LOW_BACK_PAIN", "BUTTOCK_PAIN", "OTHER_PAIN"};

    @TempDir
    Path temp;

    /** A patient under 30 with pain elsewhere is out of scope: a join of episode and patient by id. */
    private static final String PATIENT_JOIN = """
            package test_adult_back_pain;
            import io.guidelinekb.model.*;
            rule "Test scope: young with pain elsewhere"
            when
                $episode : Episode( $patientId : patientId, finding("OTHER_PAIN") == true )
                Patient( id == $patientId, ageYearsAtMost != null, ageYearsAtMost < 30 )
            then
                insert( ScopeFinding.of( $episode, "PAIN_OUTSIDE_LOW_BACK" ) );
            end
            """;

    /** Every episode out of scope when any episode in the session has pain elsewhere: a join across cases. */
    private static final String ACROSS_CASES = """
            package test_adult_back_pain;
            import io.guidelinekb.model.*;
            rule "Test scope: pain elsewhere anywhere"
            when
                $episode : Episode()
                Episode( finding("OTHER_PAIN") == true )
            then
                insert( ScopeFinding.of( $episode, "PAIN_OUTSIDE_LOW_BACK" ) );
            end
            """;

    private Path rules(String extra) throws Exception {
        Path rules = TestGuideline.copy(temp);
        Files.writeString(rules.resolve("test-adult-back-pain/50-extra.drl"), extra);
        return rules;
    }

    /** Records with every finding true, false or unknown, ages either side of 30; one in ten repeats a patient or an episode. */
    private static List<Case> generated(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Case> cases = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int patient = random.nextInt(10) == 0 && i > 0 ? random.nextInt(i) : i;
            int episode = random.nextInt(10) == 0 && i > 0 ? patient : i;
            Episode.Builder builder = Episode.builder("e" + episode + "-" + patient, "p" + patient, AS_OF)
                    .durationWeeks(random.nextInt(20));
            for (String finding : FINDINGS) {
                int value = random.nextInt(3);
                if (value < 2) {
                    builder.finding(finding, value == 0);
                }
            }
            if (random.nextBoolean()) {
                builder.propose("MRI");
            }
            cases.add(new Case(Patient.aged("p" + patient, 18 + random.nextInt(30)), builder.build()));
        }
        return cases;
    }

    @Test
    void manyCasesInOneSessionGiveWhatEachGivesAlone() throws Exception {
        KnowledgeBase kb = KnowledgeBase.load(rules(PATIENT_JOIN), RuleCache.off());
        List<Case> cases = generated(3_000, 20_261_207L);

        List<EpisodeResult> together = kb.evaluateAll(cases);

        assertTrue(kb.only().casesShareSessions());
        for (int i = 0; i < cases.size(); i++) {
            assertEquals(kb.evaluate(cases.get(i)), together.get(i), "case " + i);
        }
        assertTrue(together.stream().anyMatch(r -> r.status() == ScopeStatus.IN_SCOPE));
        assertTrue(together.stream().anyMatch(r -> r.reasons().contains("PAIN_OUTSIDE_LOW_BACK")));
    }

    @Test
    void aRuleThatCouldJoinTwoCasesIsWarnedAtItsLineAndItsGuidelineEvaluatesThemOneASession() throws Exception {
        Path rules = rules(ACROSS_CASES);
        KnowledgeBase kb = KnowledgeBase.load(rules, RuleCache.off());
        List<Case> cases = generated(500, 7L);

        List<EpisodeResult> together = kb.evaluateAll(cases);

        assertFalse(kb.only().casesShareSessions());
        for (int i = 0; i < cases.size(); i++) {
            assertEquals(kb.evaluate(cases.get(i)), together.get(i), "case " + i);
        }
        assertNotEquals(0, together.stream().filter(r -> r.status() == ScopeStatus.IN_SCOPE).count(),
                "one case's pain elsewhere reaches no neighbour");
        List<RuleProblem> warnings = Linter.lint(rules, io.guidelinekb.LoadOptions.defaults().withoutCache()).findings();
        assertTrue(warnings.stream().anyMatch(w -> w.file().endsWith("50-extra.drl") && w.line() == 3
                && w.message().contains("pattern Episode( … ) at line 6 is not tied to its episode or patient by id")),
                warnings.toString());
    }
}
