package io.guidelinekb.scenario;

import io.guidelinekb.output.OutputFailedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The scenario suite as JUnit XML, which CI servers read: one testcase per scenario file, a
 * failure with the expected-against-actual lines when it did not pass (an error when it could not
 * be evaluated or read).
 */
public final class JUnitXml {

    private JUnitXml() {
    }

    public static void write(Path file, List<ScenarioRun.Outcome> outcomes, double seconds) throws OutputFailedException {
        long failures = outcomes.stream().filter(o -> o.verdict() == ScenarioRun.Verdict.FAILED).count();
        long errors = outcomes.stream().filter(o -> o.verdict() == ScenarioRun.Verdict.ERROR
                || o.verdict() == ScenarioRun.Verdict.INVALID).count();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append(String.format(Locale.ROOT, "<testsuite name=\"guideline-kb scenarios\" tests=\"%d\" failures=\"%d\" "
                + "errors=\"%d\" skipped=\"0\" time=\"%.3f\" timestamp=\"%s\">%n", outcomes.size(), failures, errors,
                seconds, Instant.now().toString()));
        for (ScenarioRun.Outcome outcome : outcomes) {
            xml.append("  <testcase classname=\"").append(escape(classname(outcome.file()))).append("\" name=\"")
                    .append(escape(outcome.name() == null ? outcome.file() : outcome.name())).append("\" file=\"")
                    .append(escape(outcome.file())).append("\"");
            if (outcome.passed()) {
                xml.append("/>\n");
                continue;
            }
            String kind = outcome.verdict() == ScenarioRun.Verdict.FAILED ? "failure" : "error";
            String message = String.join("\n", outcome.problems());
            xml.append(">\n    <").append(kind).append(" type=\"").append(outcome.verdict()).append("\" message=\"")
                    .append(escape(outcome.problems().isEmpty() ? "" : outcome.problems().get(0))).append("\">")
                    .append(escape(message)).append("</").append(kind).append(">\n  </testcase>\n");
        }
        xml.append("</testsuite>\n");
        try {
            Files.writeString(file, xml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OutputFailedException("--junit-xml " + file + ": cannot write: " + e.getMessage());
        }
    }

    /** {@code facts/nkr-lbp-2016/scope/x.yaml} → {@code facts.scope}: CI servers group test cases by it. */
    private static String classname(String file) {
        String normalised = file.replace('\\', '/');
        int slash = normalised.lastIndexOf('/');
        return slash < 0 ? "scenarios" : normalised.substring(0, slash).replace('/', '.');
    }

    /** XML text and attribute escaping; characters XML 1.0 cannot hold become U+FFFD. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' && c != '\r' ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}
