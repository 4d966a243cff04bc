package io.guidelinekb.sandbox;

import io.guidelinekb.model.RuleProblem;
import io.guidelinekb.engine.RuleCatalog;
import io.guidelinekb.engine.RuleSources;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kie.api.KieBase;

/** The rule sandbox's findings as problems located in the DRL: file, line, column. */
public final class SandboxProblems {

    private SandboxProblems() {
    }

    public static List<RuleProblem> check(KieBase kieBase, RuleSources sources, RuleCatalog catalog) {
        List<RuleProblem> problems = new ArrayList<>();
        for (RuleSandbox.Finding finding : RuleSandbox.check(kieBase)) {
            Optional<RuleCatalog.RuleEntry> rule = catalog.rules().stream()
                    .filter(r -> r.name().equals(finding.rule())).findFirst();
            RuleSources.RuleFile file = rule.map(RuleCatalog.RuleEntry::file)
                    .orElseGet(() -> fileOfPackage(sources, finding.packageName()));
            int line = finding.line() > 0 ? finding.line() : rule.map(r -> lineOf(r, finding.where())).orElse(
                    lineOf(file, finding.where()));
            String prefix = finding.rule() == null ? "" : "rule \"" + finding.rule() + "\": ";
            problems.add(RuleProblem.error(file.displayPath(), line, 0, prefix + finding.message()));
        }
        return problems.stream().distinct().toList();
    }

    private static RuleSources.RuleFile fileOfPackage(RuleSources sources, String packageName) {
        return sources.files().stream().filter(f -> packageName.equals(f.expectedPackage())).findFirst()
                .orElse(sources.files().get(0));
    }

    /**
     * The line in the rule where {@code text} stands (a condition, a member's name, or words
     * separated by {@code |}), or the rule's own line.
     */
    private static int lineOf(RuleCatalog.RuleEntry rule, String text) {
        String[] lines = lines(rule.file());
        for (int i = rule.line() - 1; text != null && i < lines.length; i++) {
            if (mentions(lines[i], text)) {
                return i + 1;
            }
            if (i > rule.line() && lines[i].strip().equals("end")) {
                break;
            }
        }
        return rule.line();
    }

    private static int lineOf(RuleSources.RuleFile file, String text) {
        String[] lines = lines(file);
        for (int i = 0; text != null && i < lines.length; i++) {
            if (mentions(lines[i], text)) {
                return i + 1;
            }
        }
        return 0;
    }

    private static boolean mentions(String line, String text) {
        String code = line.contains("//") ? line.substring(0, line.indexOf("//")) : line;
        for (String word : text.split("\\|")) {
            String start = word.length() > 12 ? word.substring(0, 12) : word;
            if (java.util.regex.Pattern.compile("(?<![\\w$])" + java.util.regex.Pattern.quote(start)).matcher(code).find()) {
                return true;
            }
        }
        return false;
    }

    private static String[] lines(RuleSources.RuleFile file) {
        return new String(file.content(), StandardCharsets.UTF_8).split("\\R", -1);
    }
}
