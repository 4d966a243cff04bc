package io.guidelinekb.cli;

import io.guidelinekb.model.Language;
import io.guidelinekb.LbpFixture;
import static io.guidelinekb.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guidelinekb.RulesFolder;
import io.guidelinekb.audit.AuditReport;
import io.guidelinekb.audit.BatchPipeline;
import io.guidelinekb.audit.Progress;
import io.guidelinekb.input.RecordReader;
import io.guidelinekb.output.NamedOutput;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@io.guidelinekb.IntegrationTest
class BatchTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    Path generate(String name, int count, long seed) {
        Path file = temp.resolve(name);
        CliTest.Run run = run("generate", "--count", String.valueOf(count), "--seed", String.valueOf(seed),
                "--out", file.toString());
        assertEquals(0, run.exitCode(), run.err());
        return file;
    }

    @Test
    void generateIsReproducibleForASeedAndWritesValidRecords() throws Exception {
        Path a = generate("a.ndjson", 2000, 42);
        Path b = generate("b.ndjson", 2000, 42);
        Path c = generate("c.ndjson", 2000, 43);

        assertEquals(Files.readString(a), Files.readString(b));
        assertNotEquals(Files.readString(a), Files.readString(c));
        List<String> lines = Files.readAllLines(a);
        assertEquals(2000, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            RecordReader.readRecord(lines.get(i), a + ":" + (i + 1), LbpFixture.vocabulary());
        }
    }

    @Test
    void generatedPopulationsHaveAPlausibleMix() throws Exception {
        Path population = generate("mix.ndjson", 5000, 1);
        Path out = temp.resolve("mix-out.ndjson");
        assertEquals(0, run("batch", population.toString(), "--out", out.toString(), "--progress", "none").exitCode());
        long inScope = 0;
        long outOfScope = 0;
        long undetermined = 0;
        long triggered = 0;
        for (String line : Files.readAllLines(out)) {
            JsonNode result = JSON.readTree(line);
            switch (result.at("/scope/status").asText()) {
                case "IN_SCOPE" -> inScope++;
                case "OUT_OF_SCOPE" -> outOfScope++;
                default -> undetermined++;
            }
            for (JsonNode r : result.get("recommendations")) {
                triggered += r.has("triggeredBy") ? 1 : 0;
            }
        }
        assertTrue(inScope > 1000 && outOfScope > 1000 && undetermined > 200,
                inScope + " in, " + outOfScope + " out, " + undetermined + " undetermined");
        assertTrue(triggered > inScope, "most in-scope episodes propose something: " + triggered);
    }

    static final String GOOD = "{\"asOf\":\"2026-03-10\",\"patient\":{\"id\":\"p%d\",\"age\":40},\"episode\":{\"id\":\"e%d\","
            + "\"durationDays\":10,\"painLocation\":[\"LOW_BACK\"],\"redFlagsScreened\":true,\"proposedInterventions\":[\"MRI\"]}}";

    @Test
    void everyInputLineGetsOneOutputLineInOrderAndBadRecordsAreNamedNotDropped() throws Exception {
        List<String> input = new ArrayList<>();
        for (int i = 1; i <= 1500; i++) {
            input.add(switch (i) {
                case 7 -> "{\"asOf\":\"2026-03-10\",\"patient\":{\"id\":\"p7\",\"age\":-3},\"episode\":{\"id\":\"e7\"}}";
                case 8 -> "{not json";
                case 9 -> "";
                case 10 -> "{\"asOf\":\"2026-03-10\",\"asOf\":\"2026-03-11\",\"patient\":{\"id\":\"p\"},\"episode\":{\"id\":\"e\"}}";
                case 1200 -> "{\"asOf\":\"2026-02-30\",\"patient\":{\"id\":\"p\"},\"episode\":{\"id\":\"e\"}}";
                default -> String.format(GOOD, i, i);
            });
        }
        Path in = Files.write(temp.resolve("in.ndjson"), input);
        Path one = temp.resolve("one.ndjson");
        Path three = temp.resolve("three.ndjson");

        CliTest.Run run = run("batch", in.toString(), "--out", one.toString(), "--threads", "1", "--progress", "none");
        CliTest.Run parallel = run("batch", in.toString(), "--out", three.toString(), "--threads", "3", "--progress", "plain");

        assertEquals(1, run.exitCode(), run.err());
        assertEquals(1, parallel.exitCode(), parallel.err());
        assertEquals(Files.readString(one), Files.readString(three), "the same output whatever the thread count");
        List<String> lines = Files.readAllLines(one);
        assertEquals(1500, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(i + 1, JSON.readTree(lines.get(i)).get("line").asInt());
        }
        assertEquals(in + ":7: patient.age: must not be negative, got -3", JSON.readTree(lines.get(6)).get("error").asText());
        assertTrue(JSON.readTree(lines.get(7)).get("error").asText().startsWith(in + ":8:2: syntax error"), lines.get(7));
        assertTrue(JSON.readTree(lines.get(8)).get("error").asText().startsWith(in + ":9: empty line"), lines.get(8));
        String duplicate = JSON.readTree(lines.get(9)).get("error").asText();
        assertTrue(duplicate.startsWith(in + ":10:") && duplicate.endsWith(": syntax error: Duplicate field 'asOf'"),
                duplicate);
        assertEquals(in + ":1200: asOf: \"2026-02-30\" is not a date that exists (expected YYYY-MM-DD)",
                JSON.readTree(lines.get(1199)).get("error").asText());
        JsonNode result = JSON.readTree(lines.get(0));
        assertEquals("e1", result.get("episodeId").asText());
        assertEquals("IN_SCOPE", result.at("/scope/status").asText());
        assertEquals("MRI", result.at("/recommendations/3/triggeredBy/0").asText());
        assertTrue(run.err().contains("batch: read 1,500, evaluated 1,495, rejected 5 (read = evaluated + rejected)"),
                run.err());
    }

    @Test
    void theReportIsOneSelfContainedPageWithChartsAndTheVersion() throws Exception {
        Path population = generate("pop.ndjson", 3000, 5);
        Path report = temp.resolve("audit.html");

        CliTest.Run run = run("batch", population.toString(), "--out", temp.resolve("o.ndjson").toString(),
                "--report", report.toString(), "--lang", "en", "--progress", "none");

        assertEquals(0, run.exitCode(), run.err());
        String html = Files.readString(report);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<span class=\"fill\" style=\"width:"), "charts are drawn in the page itself");
        assertFalse(html.matches("(?s).*(src=|<link|@import|url\\().*"), "no external assets (links to read more are fine)");
        assertTrue(html.contains(io.guidelinekb.LbpFixture.knowledgeBase().version()));
        assertTrue(html.contains("fixture-lbp version 1.0 · under review"), "the guideline, its version and its standing");
        assertTrue(html.contains("<p class=\"notice\"><strong>Under review.</strong> The Danish Health Authority is reviewing"),
                "the guideline's review note");
        assertEquals(3, html.split("also advises paracetamol, NSAIDs, their combination and opioids only after careful "
                + "consideration", -1).length - 1,
                "the note on each of FIX-LBP-08, 09 and 10");
        assertTrue(html.contains("of in-scope episodes had an order against a recommendation that stands ("), html);
        assertTrue(html.contains("of in-scope episodes had an order against a recommendation under a review of its own ("),
                "the analgesics (FIX-LBP-08 to 10, under review) apart from imaging: " + html);
        assertTrue(html.contains("MRI  (FIX-LBP-04 ↓)"), "interventions against a recommendation, with its strength");
        assertTrue(html.contains("3,000"), "records read");
        assertEquals(html.split("<table>", -1).length - 1, html.split("<div class=\"scroll\"><table>", -1).length - 1,
                "every table scrolls sideways within its own box on a phone");
        assertTrue(html.contains("th:first-child,td:first-child{position:sticky;left:0"),
                "the first column stays in view while the rest scrolls");
        assertTrue(html.matches("(?s).*\\.scroll\\{overflow-x:auto;background:[^}]*local[^}]*radial-gradient.*"),
                "a shadow at the right edge shows that there is more, and goes when scrolled to the end");
    }

    @Test
    void theHeadlineCountsEveryInterventionAgainstARecommendationAndShowsConcordantCareApart() throws Exception {
        String proposing = GOOD.replace("[\"MRI\"]", "[\"%s\"]");
        Path in = Files.write(temp.resolve("directions.ndjson"), List.of(
                String.format(proposing, 1, 1, "BED_REST"),
                String.format(proposing, 2, 2, "SUPERVISED_EXERCISE"),
                String.format(proposing, 3, 3, "CT"),
                String.format(proposing, 4, 4, "PATIENT_EDUCATION")));
        Path report = temp.resolve("directions.html");

        CliTest.Run run = run("batch", in.toString(), "--out", temp.resolve("o.ndjson").toString(),
                "--report", report.toString(), "--lang", "en", "--progress", "none");

        assertEquals(0, run.exitCode(), run.err());
        String html = Files.readString(report);
        assertTrue(html.contains("<div class=\"tile against\"><b>25.0 %</b><span>of in-scope episodes had an "
                + "order that goes against a recommendation"), "bed rest goes against FIX-LBP-01 (↑)");
        assertTrue(html.contains("<div class=\"tile with\"><b>50.0 %</b><span>of in-scope episodes had an "
                + "order that follows a recommendation"), html);
        assertTrue(html.contains("bed rest  (FIX-LBP-01 ↑)"), html);
        assertTrue(html.contains("supervised exercise  (FIX-LBP-07 ↑)"), html);
        JsonNode bedRest = new ObjectMapper().readTree(Files.readAllLines(temp.resolve("o.ndjson")).get(0));
        assertEquals("BED_REST", bedRest.at("/recommendations/0/triggeredAgainst/0").asText(), bedRest.toString());
        assertEquals(List.of("fixture-lbp", "1.0", "under-review"), List.of(bedRest.get("guideline").asText(),
                bedRest.get("guidelineVersion").asText(), bedRest.get("guidelineStatus").asText()), "beside the hash");
        JsonNode exercise = new ObjectMapper().readTree(Files.readAllLines(temp.resolve("o.ndjson")).get(1));
        assertEquals(0, exercise.at("/recommendations/6/triggeredAgainst").size(), exercise.toString());
        assertEquals("SUPERVISED_EXERCISE", exercise.at("/recommendations/6/triggeredBy/0").asText());
    }

    @Test
    void theHeadlineKeepsOrdersAgainstARecommendationThatStandsApartFromThoseUnderReview() throws Exception {
        String record = "{\"asOf\":\"2026-03-10\",\"patient\":{\"id\":\"p%d\",\"age\":40},\"episode\":{\"id\":"
                + "\"e%d\",\"durationDays\":10,\"painLocation\":[\"LOW_BACK\"],\"redFlagsScreened\":true,"
                + "\"proposedInterventions\":[%s]}}";
        Path in = Files.write(temp.resolve("review.ndjson"), List.of(String.format(record, 1, 1, "\"MRI\""),
                String.format(record, 2, 2, "\"PARACETAMOL\""), String.format(record, 3, 3, "\"PARACETAMOL\""),
                String.format(record, 4, 4, "")));
        Path report = temp.resolve("review.html");

        CliTest.Run run = run("batch", in.toString(), "--out", temp.resolve("r.ndjson").toString(),
                "--report", report.toString(), "--progress", "none");

        assertEquals(0, run.exitCode(), run.err());
        String html = Files.readString(report);
        assertTrue(html.contains("<b>25,0 %</b><span>af de omfattede forløb havde en bestilling imod en anbefaling, der "
                + "står ved magt (1 af 4)</span>"), "MRI against FIX-LBP-04, which stands: " + html);
        assertTrue(html.contains("<b>50,0 %</b><span>af de omfattede forløb havde en bestilling imod en anbefaling under "
                + "særskilt vurdering (2 af 4)</span>"), "paracetamol against FIX-LBP-08, under review: " + html);
    }

    @Test
    void theDanishReportBreaksTheHeadlineDownByUnitAndMonthAndTheCsvListsTheEpisodesBehindIt() throws Exception {
        String record = "{\"unit\":%s,\"asOf\":\"%s\",\"patient\":{\"id\":\"p%d\",\"age\":%d},\"episode\":{\"id\":"
                + "\"e%d\",\"durationDays\":10,\"painLocation\":[\"LOW_BACK\"],\"redFlagsScreened\":true,"
                + "\"redFlags\":[%s],\"proposedInterventions\":[%s]}}";
        Path in = Files.write(temp.resolve("units.ndjson"), List.of(
                String.format(record, "\"Rygklinik A\"", "2026-03-10", 1, 40, 1, "", "\"MRI\""),
                String.format(record, "\"Rygklinik A\"", "2026-04-02", 2, 40, 2, "", "\"SUPERVISED_EXERCISE\""),
                String.format(record, "\"Praksis B, vest\"", "2026-03-15", 3, 40, 3, "", "\"BED_REST\",\"XRAY\""),
                String.format(record, "\"Praksis B, vest\"", "2026-03-20", 4, 40, 4, "\"CAUDA_EQUINA\"", "\"MRI\""),
                String.format(record, "null", "2026-04-11", 5, 12, 5, "", "\"MRI\"")));
        Path report = temp.resolve("units.html");
        Path csv = temp.resolve("flagged.csv");

        CliTest.Run run = run("batch", in.toString(), "--out", temp.resolve("o.ndjson").toString(),
                "--report", report.toString(), "--csv", csv.toString(), "--progress", "none");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of(
                "\uFEFFline;unit;month;patientId;episodeId;category;recommendations;interventions",
                "1;Rygklinik A;2026-03;p1;e1;against;FIX-LBP-04;MRI",
                "3;Praksis B, vest;2026-03;p3;e3;against;FIX-LBP-01 FIX-LBP-04;BED_REST XRAY",
                "4;Praksis B, vest;2026-03;p4;e4;acute-referral;;"), Files.readAllLines(csv),
                "Danish Excel's dialect (semicolons, a byte-order mark) with a Danish report; an out-of-scope order "
                        + "(line 5, age 12) is not against the guideline; the alert is listed");
        CliTest.Run language = run("batch", in.toString(), "--out", temp.resolve("o.ndjson").toString(), "--lang", "en",
                "--csv", csv.toString(), "--progress", "none");
        assertEquals(0, language.exitCode(), language.err());
        assertEquals(List.of(
                "line,unit,month,patientId,episodeId,category,recommendations,interventions",
                "1,Rygklinik A,2026-03,p1,e1,against,FIX-LBP-04,MRI",
                "3,\"Praksis B, vest\",2026-03,p3,e3,against,FIX-LBP-01 FIX-LBP-04,BED_REST XRAY",
                "4,\"Praksis B, vest\",2026-03,p4,e4,acute-referral,,"), Files.readAllLines(csv),
                "RFC 4180 with an English report");
        String html = Files.readString(report);
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"da\">"), "Danish is the default");
        assertTrue(html.contains("<b>66,7 %</b><span>af de omfattede forløb havde en bestilling imod en anbefaling "
                + "(2 af 3)</span>"), "each rate with its count and denominator: " + html);
        assertTrue(html.contains("sengeleje  (FIX-LBP-01 ↑)"), html);
        assertTrue(html.contains("<tr><td class=\"text\">Rygklinik A</td><td>2</td><td>100,0 %</td>"
                + "<td class=\"against\">50,0 %</td><td class=\"with\">50,0 %</td><td>0</td></tr>"), html);
        assertTrue(html.contains("<tr><td class=\"text\">Praksis B, vest</td><td>2</td><td>50,0 %</td>"
                + "<td class=\"against\">100,0 %</td><td class=\"with\">0,0 %</td><td>1</td></tr>"), html);
        assertTrue(html.contains("<tr><td class=\"text\">(ingen enhed)</td><td>1</td><td>0,0 %</td>"
                + "<td class=\"against\">–</td>"), html);
        assertTrue(html.contains("<tr><td class=\"text month\">2026-03</td><td>3</td>"), html);
        assertTrue(html.contains("<tr><td class=\"text month\">2026-04</td><td>2</td>"), html);
        assertTrue(html.contains("<code>flagged.csv</code>"), "the report names its CSV");
    }

    @Test
    void aBadUnitRejectsItsRecordNamingTheFieldAndTheRestAreEvaluated() throws Exception {
        String rest = "\"asOf\":\"2026-01-15\",\"patient\":{\"id\":\"p\",\"age\":40},\"episode\":{\"id\":\"e\"}}";
        Path in = Files.write(temp.resolve("units.ndjson"), List.of("{\"unit\":5," + rest,
                "{\"unit\":\"a\\u0007b\"," + rest, "{\"unit\":\" \"," + rest, "{\"unit\":\"A\"," + rest));
        Path out = temp.resolve("o.ndjson");

        CliTest.Run run = run("batch", in.toString(), "--out", out.toString(), "--progress", "none");

        assertEquals(1, run.exitCode(), run.err());
        CliTest.assertNoStackTrace(run);
        List<String> lines = Files.readAllLines(out);
        assertEquals(in + ":1: unit: expected text, got number 5 (put it in quotes)",
                JSON.readTree(lines.get(0)).get("error").asText());
        assertEquals(in + ":2: unit: contains the control character U+0007 at position 2; only printable text is allowed",
                JSON.readTree(lines.get(1)).get("error").asText());
        assertEquals(in + ":3: unit: must not be blank, got text \" \"", JSON.readTree(lines.get(2)).get("error").asText());
        assertEquals("e", JSON.readTree(lines.get(3)).get("episodeId").asText());
    }

    @Test
    void anUnknownReportLanguageIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path in = Files.write(temp.resolve("one.ndjson"), List.of(String.format(GOOD, 1, 1)));

        CliTest.Run run = run("batch", in.toString(), "--out", temp.resolve("o.ndjson").toString(), "--lang", "fr",
                "--progress", "none");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--lang") && run.err().contains("no language \"fr\"; the languages are da, en"), run.err());
        CliTest.assertNoStackTrace(run);
        assertFalse(Files.exists(temp.resolve("o.ndjson")) || Files.exists(temp.resolve("o.ndjson.partial")));
    }

    @Test
    void theCsvMayNotOverwriteTheInputOrAnotherOutput() throws Exception {
        Path in = Files.write(temp.resolve("one.ndjson"), List.of(String.format(GOOD, 1, 1)));

        CliTest.Run run = run("batch", in.toString(), "--report", temp.resolve("r.html").toString(),
                "--csv", temp.resolve("r.html").toString(), "--progress", "none");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--csv " + temp.resolve("r.html") + ": is --report"), run.err());
        assertFalse(Files.exists(temp.resolve("r.html")));
    }

    @Test
    void aRuleThatFailsOnSomeRecordsRejectsOnlyThoseLoudly() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp).write("99-fails-on-opioids.drl", """
                package fixture_lbp;
                import io.guidelinekb.model.*;
                rule "Fails when opioids are proposed"
                when
                    Episode( proposes("OPIOID"), !id.startsWith("probe-"), !id.startsWith("mix-") )
                then
                    throw new IllegalStateException("no opioids here");
                end
                """);
        String opioid = String.format(GOOD, 2, 2).replace("\"MRI\"", "\"OPIOID\"");
        Path in = Files.write(temp.resolve("in.ndjson"), List.of(String.format(GOOD, 1, 1), opioid, String.format(GOOD, 3, 3)));
        Path out = temp.resolve("out.ndjson");

        CliTest.Run run = run("batch", "--rules", rules.root().toString(), in.toString(), "--out", out.toString(),
                "--progress", "none");

        assertEquals(1, run.exitCode(), run.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("IN_SCOPE", JSON.readTree(lines.get(0)).at("/scope/status").asText());
        assertTrue(JSON.readTree(lines.get(1)).get("error").asText().contains(
                "rule \"Fails when opioids are proposed\" failed on episode e2"), lines.get(1));
        assertEquals("IN_SCOPE", JSON.readTree(lines.get(2)).at("/scope/status").asText());
    }

    @Test
    void rulesThatFireWithoutEndOnSomeRecordsRejectOnlyThose() throws Exception {
        RulesFolder rules = RulesFolder.copyOfLbp(temp).write("99-endless.drl", RulesFolder.ENDLESS_FIRING
                .replace("$episode : Episode(", "$episode : Episode( proposes(\"OPIOID\"),"));
        String opioid = String.format(GOOD, 2, 2).replace("\"MRI\"", "\"OPIOID\"");
        Path in = Files.write(temp.resolve("in.ndjson"), List.of(String.format(GOOD, 1, 1), opioid, String.format(GOOD, 3, 3)));
        Path out = temp.resolve("out.ndjson");

        CliTest.Run run = run("batch", "--rules", rules.root().toString(), in.toString(), "--out", out.toString(),
                "--progress", "none");

        assertEquals(1, run.exitCode(), run.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("IN_SCOPE", JSON.readTree(lines.get(0)).at("/scope/status").asText());
        assertTrue(JSON.readTree(lines.get(1)).get("error").asText().contains("hit a resource limit on episode e2"),
                lines.get(1));
        assertEquals("IN_SCOPE", JSON.readTree(lines.get(2)).at("/scope/status").asText());
    }

    @Test
    void noOutputMayBeTheInputOrAnotherOutputOrAFolder() throws Exception {
        Path in = Files.write(temp.resolve("in.ndjson"), List.of(String.format(GOOD, 1, 1)));
        byte[] before = Files.readAllBytes(in);
        Path sameByAnotherName = temp.resolve(".").resolve("in.ndjson");
        Files.createDirectories(temp.resolve("sub"));
        Path viaParent = temp.resolve("sub").resolve("..").resolve("in.ndjson");

        CliTest.Run outIsInput = run("batch", in.toString(), "--out", sameByAnotherName.toString(), "--progress", "none");
        CliTest.Run outViaParent = run("batch", in.toString(), "--out", viaParent.toString(), "--progress", "none");
        CliTest.Run reportIsInput = run("batch", in.toString(), "--out", temp.resolve("o.ndjson").toString(),
                "--report", in.toString(), "--progress", "none");
        CliTest.Run reportIsOut = run("batch", in.toString(), "--out", temp.resolve("o.ndjson").toString(),
                "--report", temp.resolve("./o.ndjson").toString(), "--progress", "none");
        CliTest.Run outIsFolder = run("batch", in.toString(), "--out", temp.resolve("sub").toString(), "--progress", "none");
        CliTest.Run noFolder = run("batch", in.toString(), "--out", temp.resolve("missing/o.ndjson").toString(),
                "--progress", "none");

        for (CliTest.Run run : List.of(outIsInput, outViaParent, reportIsInput, reportIsOut, outIsFolder, noFolder)) {
            assertEquals(2, run.exitCode(), run.err());
            CliTest.assertNoStackTrace(run);
        }
        assertTrue(outIsInput.err().startsWith("--out " + sameByAnotherName + ": is the input (" + in + "); it would be "
                + "overwritten; nothing was written"), outIsInput.err());
        assertTrue(outViaParent.err().contains(": is the input"), outViaParent.err());
        assertTrue(reportIsInput.err().startsWith("--report " + in + ": is the input"), reportIsInput.err());
        assertTrue(reportIsOut.err().contains(": is --out ("), reportIsOut.err());
        assertTrue(outIsFolder.err().startsWith("--out " + temp.resolve("sub") + ": is a folder; give a file name"),
                outIsFolder.err());
        assertTrue(noFolder.err().startsWith("--out " + temp.resolve("missing/o.ndjson") + ": the folder "), noFolder.err());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(in)), "the input is untouched");
        assertFalse(Files.exists(temp.resolve("o.ndjson")));
    }

    @Test
    void aClosedStandardOutputStopsTheRunNamingItWithExitFive() throws Exception {
        Path in = Files.write(temp.resolve("in.ndjson"), java.util.Collections.nCopies(2000, String.format(GOOD, 1, 1)));
        java.io.Writer closedPipe = new java.io.Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) throws java.io.IOException {
                throw new java.io.IOException("Broken pipe");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.io.StringWriter err = new java.io.StringWriter();

        int code = Main.run(new java.io.PrintWriter(closedPipe), new java.io.PrintWriter(err), "--rules", CliTest.RULES, "batch", in.toString(),
                "--progress", "none");

        assertEquals(5, code, err.toString());
        assertTrue(err.toString().startsWith("guideline-kb: stdout: cannot write: the output was closed (a closed pipe?) "
                + "or failed; stopped after "), err.toString());
        assertFalse(err.toString().contains("read 2,000, evaluated"), "no summary claiming the work was done");
    }

    @Test
    void aFailingOutputFileIsNamedNotBlamedOnTheInput() throws Exception {
        java.io.OutputStream full = new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("No space left on device");
            }
        };
        Path in = Files.write(temp.resolve("in.ndjson"), List.of(String.format(GOOD, 1, 1)));
        BatchPipeline pipeline = new BatchPipeline(io.guidelinekb.LbpFixture.knowledgeBase(), 1, "in.ndjson");

        NamedOutput.Failure failure = org.junit.jupiter.api.Assertions.assertThrows(NamedOutput.Failure.class,
                () -> pipeline.run(Files.newInputStream(in), NamedOutput.of("out.ndjson", full),
                        new Progress(new java.io.PrintWriter(new java.io.StringWriter()), false, 0, false)));

        assertEquals("out.ndjson: cannot write: No space left on device", failure.getMessage());
    }

    @Test
    void anEarlierRunsOutputIsMovedAsideBeforeAnythingIsWritten() throws Exception {
        Path in = Files.write(temp.resolve("in.ndjson"), List.of(String.format(GOOD, 1, 1)));
        Path out = Files.writeString(temp.resolve("o.ndjson"), "an earlier run\n");

        CliTest.Run run = run("batch", in.toString(), "--out", out.toString(), "--progress", "none");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("an earlier run\n", Files.readString(temp.resolve("o.ndjson.previous")));
        assertTrue(Files.readString(out).contains("\"patientId\":\"p1\""));
        assertTrue(run.err().contains("an earlier " + out + " was moved to " + out + ".previous"), run.err());
    }

    @Test
    void aRecordOverTheMaximumSizeBecomesAnErrorLineWithoutBeingHeld() throws Exception {
        String huge = "{\"asOf\":\"2026-03-10\",\"padding\":\"" + "x".repeat(3 << 20) + "\"}";
        Path in = Files.write(temp.resolve("in.ndjson"), List.of(String.format(GOOD, 1, 1), huge, String.format(GOOD, 3, 3)));
        Path out = temp.resolve("o.ndjson");

        CliTest.Run run = run("batch", in.toString(), "--out", out.toString(), "--progress", "none");

        assertEquals(1, run.exitCode(), run.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).contains("the record is " + String.format(java.util.Locale.ROOT, "%,d", huge.length()) + " bytes; a record is at most 1,048,576 bytes"), lines.get(1));
        assertEquals("IN_SCOPE", JSON.readTree(lines.get(2)).at("/scope/status").asText());
    }

    @Test
    void memoryIsBoundedInBytesNotRecords() throws Exception {
        // sixty lines of 5 MB once exhausted a 256 MB heap; records over the limit are now never held
        Path in = temp.resolve("wide.ndjson");
        String wide = "{\"asOf\":\"2026-03-10\",\"padding\":\"" + "x".repeat(5 << 20) + "\"}\n";
        try (var writer = Files.newBufferedWriter(in)) {
            for (int i = 0; i < 60; i++) {
                writer.write(i % 2 == 0 ? wide : String.format(GOOD, i, i) + "\n");
            }
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process batch = new ProcessBuilder(java, "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--rules", CliTest.RULES, "batch", in.toString(), "--out", temp.resolve("o.ndjson").toString(),
                "--progress", "none").redirectErrorStream(true).redirectOutput(temp.resolve("log.txt").toFile()).start();

        assertTrue(batch.waitFor(120, TimeUnit.SECONDS));
        String log = Files.readString(temp.resolve("log.txt"));
        assertEquals(1, batch.exitValue(), log);
        assertTrue(log.contains("batch: read 60, evaluated 30, rejected 30"), log);
    }

    @Test
    void anInterruptedRunSaysHowFarItGotAndLeavesNoCompleteLookingFile() throws Exception {
        Path in = generate("many.ndjson", 200_000, 7);
        Path out = Files.writeString(temp.resolve("o.ndjson"), "an earlier run\n");
        Path partial = temp.resolve("o.ndjson.partial");
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        Process batch = new ProcessBuilder(javaCommand, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--rules", CliTest.RULES,
                "batch", in.toString(), "--out", out.toString(), "--progress", "none")
                .redirectError(temp.resolve("err.txt").toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        io.guidelinekb.Waiting.until(java.time.Duration.ofSeconds(60), () -> !batch.isAlive()
                || partial.toFile().length() > 0);
        assertTrue(batch.isAlive(), "still running when interrupted");

        batch.destroy();   // SIGTERM
        assertTrue(batch.waitFor(30, TimeUnit.SECONDS));
        String err = Files.readString(temp.resolve("err.txt"));

        assertTrue(err.contains("batch: interrupted after "), err);
        assertTrue(err.contains(partial + " holds the results so far and is incomplete; " + out + " was not written"), err);
        assertFalse(Files.exists(out), "no file that looks complete");
        assertEquals("an earlier run\n", Files.readString(temp.resolve("o.ndjson.previous")), "the earlier run, set aside");
        assertTrue(Files.exists(partial));
    }

    @Test
    void readsStdinAndRefusesToStartWithoutInputOrRules() throws Exception {
        InputStream original = System.in;
        CliTest.Run stdin;
        try {
            System.setIn(new ByteArrayInputStream((String.format(GOOD, 1, 1) + "\n").getBytes(StandardCharsets.UTF_8)));
            stdin = run("batch", "-", "--progress", "none");
        } finally {
            System.setIn(original);
        }
        assertEquals(0, stdin.exitCode(), stdin.err());
        assertEquals(1, JSON.readTree(stdin.out()).get("line").asInt());

        Path out = temp.resolve("never.ndjson");
        CliTest.Run missing = run("batch", temp.resolve("nowhere.ndjson").toString(), "--out", out.toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("nowhere.ndjson: no such file"), missing.err());
        assertFalse(Files.exists(out));

        RulesFolder broken = RulesFolder.copyOfLbp(temp).replace("04-imaging.drl", "then", "than");
        Path in = Files.write(temp.resolve("one.ndjson"), List.of(String.format(GOOD, 1, 1)));
        CliTest.Run rules = run("batch", "--rules", broken.root().toString(), in.toString(), "--out", out.toString());
        assertEquals(2, rules.exitCode());
        assertFalse(Files.exists(out), "nothing written when the run cannot start");
    }

    /** A separate JVM with a small heap: if batch kept results in memory, it would run out. */
    @Test
    void memoryStaysBoundedWhateverTheInputSize() throws Exception {
        Path population = generate("big.ndjson", 80_000, 9);
        Path out = temp.resolve("big-out.ndjson");
        // compiling DRL needs more than the 32 MB this run is held to: the rules come compiled from the
        // cache, as they do on any run after the first
        io.guidelinekb.Loading.load(io.guidelinekb.RulesFolder.LBP, io.guidelinekb.engine.RuleCache.fromEnvironment()
                .fillingAtFirstMiss());
        String classpath = System.getProperty("java.class.path");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-cp", classpath, "io.guidelinekb.cli.Main", "--rules", CliTest.RULES, "batch", population.toString(),
                "--out", out.toString(), "--progress", "none")
                .redirectErrorStream(true).redirectOutput(temp.resolve("log.txt").toFile()).start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "batch finished");
        assertEquals(0, process.exitValue(), Files.readString(temp.resolve("log.txt")));
        try (var lines = Files.lines(out)) {
            assertEquals(80_000, lines.count());
        }
        assertTrue(Files.size(out) > 32L * 1024 * 1024, "the output alone is larger than the heap: "
                + Files.size(out) / 1024 / 1024 + " MB");
    }

    @Test
    void badOptionsAreNamedWithExitTwoAndNothingWritten() throws Exception {
        Path out = temp.resolve("never.ndjson");
        CliTest.Run date = run("generate", "--count", "5", "--as-of", "2026-02-30", "--out", out.toString());
        assertEquals(2, date.exitCode());
        assertTrue(date.err().contains("--as-of: \"2026-02-30\" is not a date that exists (expected YYYY-MM-DD)"), date.err());
        for (String era : List.of("-999999999-01-01", "0099-12-31", "+10000-01-01")) {
            CliTest.Run farDate = run("generate", "--count", "5", "--as-of", era, "--out", out.toString());
            assertEquals(2, farDate.exitCode(), era);
            assertTrue(farDate.err().contains("--as-of: \"" + era + "\" is outside the years 0100 to 9999"), farDate.err());
            CliTest.assertNoStackTrace(farDate);
        }
        CliTest.Run count = run("generate", "--count", "-1", "--out", out.toString());
        assertEquals(2, count.exitCode());
        assertTrue(count.err().contains("--count: must not be negative, got -1"), count.err());
        Path nowhere = temp.resolve("no-such-folder").resolve("x.ndjson");
        CliTest.Run folder = run("generate", "--count", "5", "--out", nowhere.toString());
        assertEquals(2, folder.exitCode());
        assertTrue(folder.err().contains(nowhere + ": cannot write"), folder.err());
        assertFalse(Files.exists(out));

        Path in = Files.write(temp.resolve("one.ndjson"), List.of(String.format(GOOD, 1, 1)));
        CliTest.Run threads = run("batch", in.toString(), "--threads", "0", "--out", out.toString());
        assertEquals(2, threads.exitCode());
        assertTrue(threads.err().contains("--threads: must be 1 to 64, got 0"), threads.err());
        CliTest.Run many = run("batch", in.toString(), "--threads", "1000", "--out", out.toString());
        assertEquals(2, many.exitCode());
        assertTrue(many.err().contains("--threads: must be 1 to 64, got 1000"), many.err());
        CliTest.Run progress = run("batch", in.toString(), "--progress", "loud", "--out", out.toString());
        assertEquals(2, progress.exitCode());
        assertTrue(progress.err().contains("--progress: \"loud\" is not one of auto, live, plain, none"), progress.err());
        assertFalse(Files.exists(out));
        CliTest.assertNoStackTrace(threads);
        CliTest.assertNoStackTrace(progress);
        CliTest.assertNoStackTrace(folder);
    }

    @Test
    void anAlertKeepsItsDanishTextInTheOutputFile() throws Exception {
        String caudaEquina = String.format(GOOD, 1, 1).replace("\"redFlagsScreened\":true",
                "\"redFlagsScreened\":true,\"redFlags\":[\"CAUDA_EQUINA\"]");
        Path in = Files.write(temp.resolve("alert.ndjson"), List.of(String.format(GOOD, 0, 0), caudaEquina));
        Path out = temp.resolve("alert-out.ndjson");

        assertEquals(0, run("batch", in.toString(), "--out", out.toString(), "--progress", "none").exitCode());

        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(2, lines.size());
        assertFalse(JSON.readTree(lines.get(0)).has("alerts"));
        JsonNode alert = JSON.readTree(lines.get(1)).get("alerts").get(0);
        assertTrue(alert.get("textDa").asText().startsWith("Akut henvisning: mistanke om cauda equina-syndrom."),
                alert.toString());
        assertTrue(alert.get("textDa").asText().contains("nyopståede lænderygsmerter gælder ikke"), alert.toString());
    }

    @Test
    void aByteOrderMarkStartingTheFileIsSkippedAndOneStartingALineIsNamed() throws Exception {
        String bom = "\uFEFF";
        Path in = temp.resolve("bom.ndjson");
        Files.writeString(in, bom + String.format(GOOD, 1, 1) + "\n" + bom + String.format(GOOD, 2, 2) + "\r\n",
                StandardCharsets.UTF_8);
        Path out = temp.resolve("bom-out.ndjson");

        CliTest.Run run = run("batch", in.toString(), "--out", out.toString(), "--progress", "none");

        assertEquals(1, run.exitCode(), run.err());
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals("e1", JSON.readTree(lines.get(0)).get("episodeId").asText());
        assertEquals(in + ":2:1: syntax error: Unexpected character ('\uFEFF' (code 65279 / 0xfeff)): expected a "
                + "valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
                JSON.readTree(lines.get(1)).get("error").asText());
    }

    @Test
    void aDateOfAnotherEraIsNamedNotACrash() throws Exception {
        String farOnset = String.format(GOOD, 1, 1).replace("\"durationDays\":10", "\"onset\":\"-999999999-01-01\"");
        Path in = Files.write(temp.resolve("far.ndjson"), List.of(farOnset, String.format(GOOD, 2, 2)));
        Path out = temp.resolve("far-out.ndjson");

        CliTest.Run run = run("batch", in.toString(), "--out", out.toString(), "--progress", "none");

        assertEquals(1, run.exitCode(), run.err());
        CliTest.assertNoStackTrace(run);
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(in + ":1: episode.onset: \"-999999999-01-01\" is outside the years 0001 to 9999",
                JSON.readTree(lines.get(0)).get("error").asText());
        assertEquals("e2", JSON.readTree(lines.get(1)).get("episodeId").asText());
    }

    @Test
    void aGuidelineWithoutTheReportsWordsStopsTheRunBeforeAnyRecordIsRead() throws Exception {
        Path population = generate("words.ndjson", 20, 3);
        Path rules = io.guidelinekb.GuidelinesTest.withSecondGuideline(temp.resolve("two"));
        Path descriptor = rules.resolve("test-adult-back-pain/guideline.yaml");
        String text = Files.readString(descriptor);
        Files.writeString(descriptor, text.substring(0, text.indexOf("\n# The audit report's title")) + "\n");

        CliTest.Run run = run("--rules", rules.toString(), "--guideline", "test-adult-back-pain", "batch",
                population.toString(), "--out", temp.resolve("words-out.ndjson").toString(),
                "--report", temp.resolve("words.html").toString(), "--progress", "none");

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("test-adult-back-pain/guideline.yaml:1:1: error: no report.title in Danish, "
                + "which the guideline's audit report need"), run.err());
        CliTest.assertNoStackTrace(run);
        assertFalse(Files.exists(temp.resolve("words-out.ndjson")) || Files.exists(temp.resolve("words.html")),
                "nothing read, nothing written");
        assertEquals(List.of(), AuditReport.missingWords(io.guidelinekb.LbpFixture.knowledgeBase()), "the shipped one has all");
    }
}
