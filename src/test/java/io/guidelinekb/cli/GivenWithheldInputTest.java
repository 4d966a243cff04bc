package io.guidelinekb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.TestGuideline;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A malformed expect.given or expect.withheld is named by file and field, never a stack trace; a wrong one fails. */
@io.guidelinekb.IntegrationTest
class GivenWithheldInputTest {

    @TempDir
    Path temp;

    private String test(String expect) throws Exception {
        Path rules = TestGuideline.copy(temp);
        Path facts = Files.createDirectories(temp.resolve("facts").resolve(TestGuideline.FOLDER));
        Path scenario = Files.writeString(facts.resolve("s.yaml"), """
                name: given and withheld
                asOf: 2026-03-10
                patient: {id: p1, age: 50}
                episode:
                  id: e1
                  durationWeeks: 3
                  findings: {LOW_BACK_PAIN: true}
                expect:
                  scope: IN_SCOPE
                """ + expect);
        StringWriter out = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(out, true), "--rules", rules.toString(), "test",
                scenario.toString());
        assertEquals(1, code, out.toString());
        assertTrue(!out.toString().contains("\tat ") && !out.toString().contains("Exception"), out.toString());
        return out.toString();
    }

    @Test
    void aMalformedValueIsNamedByFileAndField() throws Exception {
        String out = test("  given: [{id: TEST-01, strength: HUGE}]\n  withheld: TEST-01\n");

        assertTrue(out.contains("s.yaml: expect.given[0].strength: unknown strength \"HUGE\""), out);
        assertTrue(out.contains("s.yaml: expect.withheld: expected a list, got text \"TEST-01\""), out);
    }

    @Test
    void anUnknownIdIsNamedAndAWrongExpectationFails() throws Exception {
        String unknown = test("  withheld: [TEST-9]\n");
        String wrong = test("  withheld: [TEST-01]\n");

        assertTrue(unknown.contains("expect.withheld: TEST-9 is not a recommendation any rule declares; known: TEST-01"),
                unknown);
        assertTrue(wrong.contains("withheld: TEST-01 was given"), wrong);
    }
}
