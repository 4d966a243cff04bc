package io.guidelinekb.guideline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.model.RuleProblem;
import io.guidelinekb.model.Vocabulary;
import io.guidelinekb.model.Vocabulary.Section;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyReaderTest {

    private static VocabularyReader.Result read(String yaml) {
        return VocabularyReader.read(yaml.getBytes(StandardCharsets.UTF_8), "v.yaml", "g");
    }

    private static List<String> messages(VocabularyReader.Result result) {
        return result.problems().stream().map(RuleProblem::toString).toList();
    }

    @Test
    void aVocabularyGivesEachSectionInItsOrderAndARedFlagItsReason() {
        Vocabulary v = read("""
                interventions:
                  XRAY: {da: røntgen, en: X-ray}
                  MRI: {da: MR-scanning, en: MRI}
                redFlags:
                  TRAUMA: {da: "rødt flag: traume", en: "red flag: trauma"}
                findings:
                  PAIN: {da: smerter, en: pain, fhir: Condition}
                  SCREENED: {da: screenet, en: screened, fhir: Observation}
                scopeReasons:
                  TOO_YOUNG: {kind: exclusion, da: for ung, en: too young}
                  NO_AGE: {kind: missing, da: alder mangler, en: age missing}
                alerts:
                  REFER: {level: critical, da: Henvis, en: Refer}
                episodeFinding: PAIN
                keys:
                  pain: PAIN
                  where: {HERE: PAIN}
                """).vocabulary();

        assertEquals(List.of("XRAY", "MRI"), List.copyOf(v.terms(Section.INTERVENTIONS).keySet()));
        assertEquals(List.of("XRAY", "MRI"), List.copyOf(v.ordered(Section.INTERVENTIONS, List.of("MRI", "XRAY"))),
                "ids in the file's order, whatever the order given");
        assertEquals(Vocabulary.ReasonKind.EXCLUSION, v.kindOf("RED_FLAG_TRAUMA"));
        assertEquals("red flag: trauma", v.label(Section.SCOPE_REASONS, "RED_FLAG_TRAUMA", io.guidelinekb.model.Language.ENGLISH));
        assertEquals(Vocabulary.ReasonKind.MISSING, v.kindOf("NO_AGE"));
        assertEquals(Vocabulary.AlertLevel.CRITICAL, v.levelOf("REFER"));
        assertTrue(v.findingFrom("PAIN", "Condition") && !v.findingFrom("PAIN", "Observation"));
        assertEquals("PAIN", v.episodeFinding());
        assertEquals("PAIN", v.findingKeys().get("pain"));
    }

    @Test
    void everyMistakeIsNamedAtItsLineAndColumn() {
        VocabularyReader.Result result = read("""
                interventions:
                  mri: {da: MR, en: MRI}
                  CT: {da: CT}
                scopeReasons:
                  TOO_YOUNG: {kind: exclude, da: for ung, en: too young}
                  RED_FLAG_X: {kind: exclusion, da: x, en: x}
                alerts:
                  REFER: {levle: critical, da: "Henvis\\e[2J", en: Refer}
                finding:
                  PAIN: {da: smerter, en: pain}
                episodeFinding: PAIN
                """);

        assertEquals(List.of(
                "v.yaml:2:3: error: \"mri\" is not an id: write it in UPPER_SNAKE case, e.g. MRI",
                "v.yaml:3:7: error: needs en: the English label",
                "v.yaml:5:21: error: needs kind: exclusion or missing",
                "v.yaml:6:3: error: RED_FLAG_X: a red flag gives its own reason RED_FLAG_<ID>; add the flag under redFlags instead",
                "v.yaml:8:11: error: unknown key \"levle\" (did you mean level?); allowed: da, en, level, link, referral",
                "v.yaml:8:32: error: holds the control character U+001B; write plain text on one line",
                "v.yaml:9:1: error: unknown key \"finding\" (did you mean findings?); allowed: alerts, episodeFinding, "
                        + "findings, interventions, keys, redFlags, scopeReasons",
                "v.yaml:11:17: error: episodeFinding names PAIN, which is not a finding of g; the findings are in "
                        + "v.yaml"), messages(result));
    }

    @Test
    void anIndicatorPointsToACategoryCitesItsSourceAndTakesItsAlert() {
        VocabularyReader.Result good = read("""
                redFlags:
                  SPINE: {da: rødt flag for ryg, en: red flag for spine, alert: REFER}
                  SIGN: {da: tegn, en: sign, indicates: SPINE, source: "a textbook"}
                alerts:
                  REFER: {level: critical, da: Henvis, en: Refer, referral: {da: Henvis nu, en: Refer now},
                          link: {url: "https://example.org/x", da: X, en: X}}
                """);
        VocabularyReader.Result bad = read("""
                redFlags:
                  SPINE: {da: ryg, en: spine, alert: REFFER}
                  SIGN: {da: tegn, en: sign, indicates: SPINE, alert: REFER}
                  SIGN2: {da: tegn, en: sign, indicates: SIGN, source: x}
                  SIGN3: {da: tegn, en: sign, indicates: NOWHERE, source: x}
                alerts:
                  REFER: {level: critical, da: Henvis, en: Refer, link: {url: "http://example.org", da: X, en: X}}
                """);

        assertEquals(List.of(), good.problems());
        var vocabulary = good.vocabulary();
        assertEquals("SPINE", vocabulary.redFlagCategory("SIGN"));
        assertEquals(List.of("REFER"), vocabulary.alertsFor(List.of("SIGN", "SPINE")), "each alert once");
        assertEquals("tegn (rødt flag for ryg)", vocabulary.label(io.guidelinekb.model.Vocabulary.Section.SCOPE_REASONS,
                "RED_FLAG_SIGN", io.guidelinekb.model.Language.DANISH));
        assertEquals("Refer now", vocabulary.alertAction("REFER").referral(io.guidelinekb.model.Language.ENGLISH));
        List<String> messages = bad.problems().stream().map(Object::toString).toList();
        assertEquals(6, messages.size(), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("alert: REFFER is not an alert of g (did you mean REFER?)")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("SIGN indicates SPINE: needs source")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("SIGN gives the alert of SPINE")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("indicates SIGN, which is itself an indicator")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("indicates NOWHERE is not a red flag of g")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("needs url: an https:// address")), messages.toString());
    }
}
