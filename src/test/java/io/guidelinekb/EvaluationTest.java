package io.guidelinekb;

import io.guidelinekb.model.Case;
import io.guidelinekb.model.EpisodeResult;
import io.guidelinekb.model.EvaluationException;
import io.guidelinekb.model.RuleLoadException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.model.Episode;
import io.guidelinekb.model.EvidenceGrade;
import io.guidelinekb.model.Patient;
import io.guidelinekb.model.Recommendation;
import io.guidelinekb.model.ScopeStatus;
import io.guidelinekb.model.Strength;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 3, 10);

    @TempDir
    Path temp;

    static Episode.Builder inScopeEpisode(String id, String patientId) {
        return Episode.builder(id, patientId, AS_OF).onset(LocalDate.of(2026, 2, 17))
                .finding("LOW_BACK_PAIN", true).finding("RED_FLAGS_SCREENED", true);
    }

    @Test
    void aRecommendationCarriesTheGuidelinesMetadataAndItsProvenance() {
        KnowledgeBase kb = LbpFixture.knowledgeBase();
        EpisodeResult result = kb.evaluate(Patient.aged("p", 40),
                inScopeEpisode("e", "p").propose("XRAY", "CT").build());

        Recommendation imaging = result.recommendation("FIX-LBP-04").orElseThrow();
        assertEquals(Strength.WEAK_AGAINST, imaging.strength());
        assertEquals(EvidenceGrade.VERY_LOW, imaging.evidence());
        assertEquals("Billeddiagnostisk som intervention", imaging.section());
        assertTrue(imaging.textDa().startsWith("Tilbyd ikke rutinemæssig billeddiagnostisk udredning"), imaging.textDa());
        assertTrue(imaging.textEn().startsWith("Do not routinely offer diagnostic imaging"), imaging.textEn());
        assertEquals(Set.of("XRAY"), imaging.triggeredBy());
        assertEquals("FIX-LBP-04 Do not routinely offer MRI or X-ray", imaging.provenance().rule());
        assertEquals(RulesFolder.LBP.resolve("fixture-lbp").resolve("04-imaging.drl").toString(), imaging.provenance().file());
        assertEquals(kb.version(), imaging.provenance().knowledgeBaseVersion());
        assertEquals(kb.version(), result.knowledgeBaseVersion());
        assertEquals(List.of(imaging), result.triggered());
    }

    @Test
    void caudaEquinaGivesAnAcuteReferralAlertAndNoRecommendation() {
        EpisodeResult result = LbpFixture.knowledgeBase().evaluate(Patient.aged("p", 40),
                inScopeEpisode("e", "p").redFlags("CAUDA_EQUINA").propose("MRI").build());

        assertEquals(ScopeStatus.OUT_OF_SCOPE, result.status());
        assertEquals(Set.of("RED_FLAG_CAUDA_EQUINA"), result.reasons());
        assertEquals(1, result.alerts().size());
        assertTrue(result.alerts().get(0).textEn().startsWith("Acute referral"), result.alerts().get(0).textEn());
        assertTrue(result.alerts().get(0).textDa().startsWith("Akut henvisning"), result.alerts().get(0).textDa());
        assertEquals(List.of(), result.recommendations());
    }

    @Test
    void radiculopathyNotRecordedIsUnknownAndNeitherExcludesNorIsMissing() {
        Episode unrecorded = inScopeEpisode("e", "p").build();
        assertEquals(null, unrecorded.finding("RADICULOPATHY"));
        assertEquals(null, unrecorded.finding("LEG_RADIATION"));

        KnowledgeBase kb = LbpFixture.knowledgeBase();
        EpisodeResult unknown = kb.evaluate(Patient.aged("p", 40), unrecorded);
        assertEquals(ScopeStatus.IN_SCOPE, unknown.status());
        assertEquals(Set.of(), unknown.reasons());
        assertEquals(ScopeStatus.IN_SCOPE, kb.evaluate(Patient.aged("p", 40),
                inScopeEpisode("e", "p").finding("RADICULOPATHY", false).build()).status());
        EpisodeResult present = kb.evaluate(Patient.aged("p", 40), inScopeEpisode("e", "p").finding("RADICULOPATHY", true).build());
        assertEquals(Set.of("RADICULOPATHY"), present.reasons());
    }

    @Test
    void everyRedFlagCallsForItsAlertAndAnIndicatorForItsCategorysOnce() {
        EpisodeResult fracture = LbpFixture.knowledgeBase().evaluate(Patient.aged("p", 40),
                inScopeEpisode("e", "p").redFlags("SUSPECTED_FRACTURE").build());
        EpisodeResult retention = LbpFixture.knowledgeBase().evaluate(Patient.aged("p", 40),
                inScopeEpisode("e", "p").redFlags("URINARY_RETENTION", "SADDLE_ANAESTHESIA").build());
        assertEquals(List.of("SUSPECTED_FRACTURE"), fracture.alerts().stream().map(a -> a.id()).toList());
        assertEquals(List.of("CAUDA_EQUINA"), retention.alerts().stream().map(a -> a.id()).toList());
        assertTrue(retention.alerts().get(0).critical());
    }

    @Test
    void resultsAreImmutable() {
        EpisodeResult result = LbpFixture.knowledgeBase().evaluate(Patient.aged("p", 40), inScopeEpisode("e", "p").build());
        assertThrows(UnsupportedOperationException.class, () -> result.recommendations().clear());
        assertThrows(UnsupportedOperationException.class, () -> result.reasons().clear());
        assertThrows(UnsupportedOperationException.class,
                () -> result.recommendations().get(0).triggeredBy().add("MRI"));
    }

    @Test
    void oneKnowledgeBaseServesManyThreadsWithTheSameAnswers() throws Exception {
        KnowledgeBase kb = LbpFixture.knowledgeBase();
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            List<String> interventions = List.copyOf(LbpFixture.vocabulary().terms(io.guidelinekb.model.Vocabulary.Section.INTERVENTIONS).keySet());
            String proposed = interventions.get(i % interventions.size());
            cases.add(new Case(Patient.aged("p" + i, 10 + i % 70),
                    inScopeEpisode("e" + i, "p" + i).propose(proposed).build()));
        }
        List<EpisodeResult> expected = kb.evaluateAll(cases);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<EpisodeResult>>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> kb.evaluateAll(cases)));
            }
            for (Future<List<EpisodeResult>> run : runs) {
                assertEquals(expected, run.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aConsequenceThatThrowsFailsTheEvaluationNamingTheRule() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp).write("99-broken.drl", RulesFolder.BROKEN_CONSEQUENCE);
        KnowledgeBase kb = KnowledgeBase.load(rules.root());

        EvaluationException e = assertThrows(EvaluationException.class,
                () -> kb.evaluate(Patient.aged("p", 40), inScopeEpisode("e", "p").build()));

        assertEquals("Broken consequence", e.rule());
        assertTrue(e.getMessage().contains("rule \"Broken consequence\" failed on episode e"), e.getMessage());
        assertTrue(e.getMessage().contains("boom"), e.getMessage());
    }

    @Test
    void rulesThatFireEachOtherWithoutEndStopAtTheLimitNamingTheRule() throws Exception {
        KnowledgeBase kb = KnowledgeBase.load(RulesFolder.copyOfLbp(temp).write("99-endless.drl",
                RulesFolder.ENDLESS_FIRING).root());

        EvaluationException e = assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> assertThrows(
                EvaluationException.class, () -> kb.evaluate(Patient.aged("p", 40), inScopeEpisode("e", "p").build())));

        assertTrue(e.resourceLimit());
        assertEquals("Every alert breeds more", e.rule());
        assertTrue(e.getMessage().startsWith("rule \"Every alert breeds more\" hit a resource limit on episode e: more "
                + "than 1000 rule firings"), e.getMessage());
    }

    @Test
    void rulesThatInsertWithoutEndStopAtTheFactLimitNamingTheRule() throws Exception {
        KnowledgeBase kb = KnowledgeBase.load(RulesFolder.copyOfLbp(temp).write("99-endless.drl",
                RulesFolder.ENDLESS_FIRING.replace(RulesFolder.BREED,
                        RulesFolder.BREED + "\n" + RulesFolder.BREED + "\n" + RulesFolder.BREED)).root());

        EvaluationException e = assertThrows(EvaluationException.class,
                () -> kb.evaluateAll(List.of(new Case(Patient.aged("p", 40), inScopeEpisode("e", "p").build()))));

        assertTrue(e.resourceLimit());
        assertTrue(e.getMessage().contains("more than 2000 facts inserted"), e.getMessage());
        assertEquals("Every alert breeds more", e.rule());
        EpisodeResult fine = LbpFixture.knowledgeBase().evaluate(Patient.aged("p", 40), inScopeEpisode("e", "p").build());
        assertEquals(ScopeStatus.IN_SCOPE, fine.status(), "other knowledge bases are not touched");
    }

    @Test
    void aConstraintThatThrowsFailsTheEvaluationNamingTheRule() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp).write("99-broken.drl", """
                package fixture_lbp;
                import io.guidelinekb.model.*;
                rule "Broken constraint"
                when
                    Episode( !id.startsWith("probe-"), !id.startsWith("mix-"), id.substring(100) == "x" )
                then
                end
                """);
        KnowledgeBase kb = KnowledgeBase.load(rules.root());

        EvaluationException e = assertThrows(EvaluationException.class,
                () -> kb.evaluate(Patient.aged("p", 40), inScopeEpisode("e", "p").build()));

        assertTrue(e.getMessage().contains("Broken constraint"), e.getMessage());
    }

    @Test
    void aRuleThatRecommendsOutsideTheScopeFailsLoudly() throws Exception {
        // a guard that reads as in-scope to load's check and holds for any status: the evaluation still refuses
        RulesFolder rules = RulesFolder.copyOfLbp(temp)
                .replace("04-imaging.drl", "Scope( status == ScopeStatus.IN_SCOPE, $episode : episode )",
                        "Scope( status == ScopeStatus.IN_SCOPE || status != null && episodeId == \"e\", $episode : episode )");
        KnowledgeBase kb = KnowledgeBase.load(rules.root());

        EvaluationException e = assertThrows(EvaluationException.class, () -> kb.evaluate(Patient.aged("p", 40),
                inScopeEpisode("e", "p").redFlags("SUSPECTED_MALIGNANCY").build()));

        assertEquals("FIX-LBP-04 Do not routinely offer MRI or X-ray", e.rule());
        assertTrue(e.getMessage().contains("gave FIX-LBP-04 to episode e, which is OUT_OF_SCOPE"), e.getMessage());
    }

    @Test
    void aRuleSetWithoutAScopeStatusIsRefusedAtLoad() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp)
                .replace("00-scope.drl", "insert( Scope.of( $episode, ScopeStatus.IN_SCOPE, List.of() ) );", "");

        RuleLoadException refused = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules.root()));

        assertTrue(refused.getMessage().contains("on the probe episodes: the rules concluded 0 scope statuses for "
                + "episode probe-"), refused.getMessage());
    }

    @Test
    void theFactModelRefusesImpossibleInput() {
        assertThrows(IllegalArgumentException.class, () -> Patient.bornOn("p", AS_OF.plusDays(1), AS_OF));
        assertThrows(IllegalArgumentException.class, () -> Episode.builder("e", "p", AS_OF).onset(AS_OF.plusDays(1)));
        assertThrows(IllegalArgumentException.class, () -> Episode.builder("e", "p", AS_OF).durationDays(3).durationWeeks(1));
        assertThrows(IllegalArgumentException.class, () -> Patient.aged("p", -1));
        assertThrows(IllegalArgumentException.class,
                () -> new Case(Patient.aged("p", 40), inScopeEpisode("e", "someone-else").build()));
    }

    @Test
    void evaluatingManyTogetherGivesWhatEachGetsAloneEvenWithRepeatedIds() {
        KnowledgeBase kb = LbpFixture.knowledgeBase();
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            // the same patient and episode ids with different data: only the engine's internal ids keep them apart
            List<String> interventions = List.copyOf(LbpFixture.vocabulary().terms(io.guidelinekb.model.Vocabulary.Section.INTERVENTIONS).keySet());
            String proposed = interventions.get(i % interventions.size());
            Episode.Builder episode = inScopeEpisode("e", "p").propose(proposed)
                    .finding("SELF_CARE_GAIN_EXPECTED", i % 3 == 0 ? null : i % 3 == 1);
            if (i % 7 == 0) {
                episode.redFlags("CAUDA_EQUINA");
            }
            cases.add(new Case(Patient.aged("p", 5 + i % 80), episode.build()));
        }
        List<EpisodeResult> together = kb.evaluateAll(cases);
        for (int i = 0; i < cases.size(); i++) {
            assertEquals(kb.evaluate(cases.get(i)), together.get(i), "case " + i);
        }
        assertTrue(together.stream().map(EpisodeResult::status).distinct().count() >= 2);
    }

    /** Reacts to one literal episode id: inside a batch that id used to be renamed, so explain and evaluate disagreed. */
    private static final String LITERAL_ID = """
            package fixture_lbp;
            import io.guidelinekb.model.*;
            rule "Alert on one episode by its id"
            when
                $episode : Episode( id == "e-rare" )
            then
                insert( Alert.of( $episode, "CAUDA_EQUINA" ) );
            end
            """;

    /** Reacts to any episode's cauda equina: inside a shared session it used to alert every neighbour. */
    private static final String ANY_RARE_RECORD = """
            package fixture_lbp;
            import io.guidelinekb.model.*;
            rule "Alert everyone when anyone has cauda equina"
            when
                exists Episode( hasRedFlag("CAUDA_EQUINA") )
                $scope : Scope( status == ScopeStatus.IN_SCOPE )
            then
                insert( Alert.of( $scope.episode(), "CAUDA_EQUINA" ) );
            end
            """;

    @Test
    void explainAndEvaluateSeeTheSameIdsSoTheyAgree() throws Exception {
        KnowledgeBase kb = KnowledgeBase.load(RulesFolder.copyOfLbp(temp).write("99-literal.drl", LITERAL_ID).root());
        Case rare = new Case(Patient.aged("p", 40), inScopeEpisode("e-rare", "p").build());
        Case other = new Case(Patient.aged("p", 40), inScopeEpisode("e-other", "p").build());

        EpisodeResult evaluated = kb.evaluate(rare);

        assertEquals(evaluated, kb.explain(rare).result());
        assertEquals(List.of("CAUDA_EQUINA"), evaluated.alerts().stream().map(a -> a.id()).toList());
        assertEquals(List.of(evaluated, kb.evaluate(other)), kb.evaluateAll(List.of(rare, other)));
        assertEquals(List.of(), kb.evaluate(other).alerts());
    }

    @Test
    void aRuleThatReactsToOneRareRecordCannotReachItsNeighboursInABatch() throws Exception {
        KnowledgeBase kb = KnowledgeBase.load(RulesFolder.copyOfLbp(temp).write("99-rare.drl", ANY_RARE_RECORD).root());
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            Episode.Builder episode = inScopeEpisode("e" + i, "p" + i);
            if (i == 17) {
                episode.redFlags("CAUDA_EQUINA");
            }
            cases.add(new Case(Patient.aged("p" + i, 40), episode.build()));
        }

        List<EpisodeResult> batch = kb.evaluateAll(cases);

        for (int i = 0; i < cases.size(); i++) {
            assertEquals(kb.evaluate(cases.get(i)), batch.get(i), "episode " + i);
        }
        assertEquals(63, batch.stream().filter(r -> r.status() == ScopeStatus.IN_SCOPE && r.alerts().isEmpty()).count(),
                "no neighbour of the red-flag episode is alerted");
    }

    @Test
    void aConclusionAboutAnotherEpisodeCannotBeWritten() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp).write("99-elsewhere.drl", """
                package fixture_lbp;
                import io.guidelinekb.model.*;
                rule "Alert an episode that is not in the session"
                when
                    Episode()
                then
                    insert( new Alert( "somebody-else", "CAUDA_EQUINA", Vocabulary.AlertLevel.CRITICAL, "a", "b" ) );
                end
                """);

        // an alert comes from the vocabulary, for the episode its rule matched: a forged one does not load
        RuleLoadException refused = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules.root()));

        assertTrue(refused.getMessage().contains("99-elsewhere.drl:3: error: rule \"Alert an episode that is not in the "
                + "session\": an alert is the vocabulary's"), refused.getMessage());
    }

    /** A chain of 400 alerts, and a rule that joins every alert with every other: 160,000 matches. */
    private static final String CROSS_JOIN = RulesFolder.seededAlerts() + """
            rule "Each alert one more, 400 in all"
            when
                $episode : Episode( !id.startsWith("probe-"), !id.startsWith("mix-") )
                java.util.List( size < 400 ) from collect( Alert() )
            then
                insert( Alert.of( $episode, "CAUDA_EQUINA" ) );
            end
            rule "Careless cross join"
            when
                Alert()
                Alert()
            then
            end
            """;

    @Test
    void aCarelessCrossJoinIsStoppedInItsMatchingAndNamed() throws Exception {
        KnowledgeBase kb = KnowledgeBase.load(RulesFolder.copyOfLbp(temp).write("99-cross.drl", CROSS_JOIN).root());
        Case input = new Case(Patient.aged("p", 40), inScopeEpisode("e", "p").build());

        EvaluationException stopped = assertTimeoutPreemptively(java.time.Duration.ofMinutes(1),
                () -> assertThrows(EvaluationException.class, () -> kb.evaluate(input)));

        assertTrue(stopped.resourceLimit());
        assertEquals("Careless cross join", stopped.rule());
        assertEquals("rule \"Careless cross join\" hit a resource limit on episode e: more than 10000 rule matches (a "
                + "join of facts that are not related?); a rule that keeps firing itself or others has no end",
                stopped.getMessage());
    }

    @Test
    void aRuleThatInsertsAPatientFailsLoudly() throws Exception {
        KnowledgeBase kb = KnowledgeBase.load(RulesFolder.copyOfLbp(temp).write("99-patient.drl", """
                package fixture_lbp;
                import io.guidelinekb.model.*;
                rule "Another patient"
                when
                    $episode : Episode( !id.startsWith("probe-"), !id.startsWith("mix-") )
                then
                    insert( Patient.aged( "someone", 40 ) );
                end
                """).root());

        EvaluationException failed = assertThrows(EvaluationException.class,
                () -> kb.evaluate(new Case(Patient.aged("p", 40), inScopeEpisode("e", "p").build())));

        assertEquals("Another patient", failed.rule());
        assertTrue(failed.getMessage().contains("rule \"Another patient\" inserted Patient facts; rules add conclusions "
                + "only (Scope, ScopeFinding, Recommendation, Alert)"), failed.getMessage());
    }

    @Test
    void anIdTheGuidelinesVocabularyLacksIsRefusedFromJavaWithDidYouMean() {
        KnowledgeBase kb = LbpFixture.knowledgeBase();

        IllegalArgumentException intervention = assertThrows(IllegalArgumentException.class,
                () -> kb.evaluate(Patient.aged("p", 40), inScopeEpisode("e", "p").propose("MRX").build()));
        IllegalArgumentException finding = assertThrows(IllegalArgumentException.class,
                () -> kb.evaluate(Patient.aged("p", 40), inScopeEpisode("e", "p").finding("LEG_RADIATON", true).build()));

        assertEquals("MRX is not an intervention of fixture-lbp (did you mean MRI?); the interventions are in "
                + RulesFolder.LBP.resolve("fixture-lbp/vocabulary.yaml"), intervention.getMessage());
        assertTrue(finding.getMessage().startsWith("LEG_RADIATON is not a finding of fixture-lbp (did you mean "
                + "LEG_RADIATION?)"), finding.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Episode.builder("e", "p", AS_OF).propose("mri"),
                "an id is UPPER_SNAKE");
    }

    @Test
    void aRuleThatNamesAnIdOutsideTheVocabularyAtRunTimeFailsLoudly() throws Exception {
        KnowledgeBase kb = KnowledgeBase.load(RulesFolder.copyOfLbp(temp).write("99-computed.drl", """
                package fixture_lbp;
                import io.guidelinekb.model.*;
                rule "A reason computed at run time"
                when
                    $episode : Episode( !id.startsWith("probe-"), !id.startsWith("mix-") )
                then
                    insert( ScopeFinding.of( $episode, "AGE_" + "UNDER_17" ) );
                end
                """).root());

        EvaluationException e = assertThrows(EvaluationException.class,
                () -> kb.evaluate(Patient.aged("p", 40), inScopeEpisode("e", "p").build()));

        assertTrue(e.getMessage().contains("AGE_UNDER_17 is not a scope reason of fixture-lbp (did you mean "
                + "AGE_UNDER_16?)"), e.getMessage());
        assertEquals("A reason computed at run time", e.rule());
    }

    @Test
    void aForgedScopeFindingOfAnotherKindCannotBeWritten() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp).write("99-forged.drl", """
                package fixture_lbp;
                import io.guidelinekb.model.*;
                rule "An exclusion passed off as a missing datum"
                when
                    $episode : Episode()
                then
                    insert( new ScopeFinding( $episode.id(), "AGE_UNDER_16", false ) );
                end
                """);

        RuleLoadException refused = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules.root()));

        assertTrue(refused.getMessage().contains("99-forged.drl:7: error: rule \"An exclusion passed off as a missing "
                + "datum\": a scope reason is the vocabulary's"), refused.getMessage());
    }
}
