package io.guidelinekb.engine;

import io.guidelinekb.model.RuleProblem;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

/** Compiles DRL sources into a KieBase at run time (classic, non-executable model). */
public final class DroolsCompiler {

    private static final String RESOURCES = "src/main/resources/";
    private static final Pattern PARSER_LOCATION = Pattern.compile("\\[ERR \\d+\\] Line (\\d+):(\\d+)\\s*");

    private DroolsCompiler() {
    }

    /** The compiled rules, or every compiler message as a located problem. */
    public record Compiled(KieBase kieBase, List<RuleProblem> problems) {
    }

    public static Compiled compile(RuleSources sources) {
        List<RuleProblem> misshapen = sources.files().stream().flatMap(f -> SourceShape.check(f).stream()).toList();
        if (!misshapen.isEmpty()) {
            return new Compiled(null, misshapen);
        }
        try {
            return build(sources);
        } catch (RuntimeException | StackOverflowError e) {
            // never a reason to stop a service or a lint run: the author gets an error, the old rules serve
            return new Compiled(null, List.of(RuleProblem.error(sources.directory().toString(), 0, 0,
                    "Drools could not compile these rules (" + rootCause(e).getClass().getSimpleName()
                    + "); simplify the rule last changed")));
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /**
     * A builder's project of the rule files, under a release id of its own: the default one lives in
     * a singleton repository, where concurrent builds would see each other's rules. The caller removes
     * the release id from the repository when done.
     */
    static KieFileSystem project(KieServices services, ReleaseId releaseId, RuleSources sources) {
        KieFileSystem fileSystem = services.newKieFileSystem();
        fileSystem.generateAndWritePomXML(releaseId);
        for (RuleSources.RuleFile file : sources.files()) {
            fileSystem.write(RESOURCES + builderPath(file), file.content());
        }
        return fileSystem;
    }

    static ReleaseId freshReleaseId(KieServices services) {
        return services.newReleaseId("io.guidelinekb.rules", "kb-" + UUID.randomUUID(), "1.0.0");
    }

    private static Compiled build(RuleSources sources) {
        KieServices services = KieServices.get();
        ReleaseId releaseId = freshReleaseId(services);
        KieBuilder builder = services.newKieBuilder(project(services, releaseId, sources)).buildAll();
        Map<String, String> shownAs = sources.files().stream().collect(
                Collectors.toMap(DroolsCompiler::builderPath, RuleSources.RuleFile::displayPath));
        Function<String, String> display = path -> shownAs.getOrDefault(
                path.startsWith(RESOURCES) ? path.substring(RESOURCES.length()) : path, sources.directory().toString());
        List<RuleProblem> problems = DroolsMessages.duplicates(withoutCascades(builder.getResults().getMessages()
                .stream()
                .filter(m -> m.getLevel() != Message.Level.INFO)
                .map(m -> DroolsMessages.translate(toProblem(m, display), sources))
                .distinct()
                .toList()), sources);
        if (problems.stream().anyMatch(RuleProblem::isError)) {
            services.getRepository().removeKieModule(releaseId);
            return new Compiled(null, problems);
        }
        try {
            KieBase kieBase = services.newKieContainer(releaseId).getKieBase();
            return new Compiled(kieBase, problems);
        } finally {
            services.getRepository().removeKieModule(releaseId);
        }
    }

    /**
     * Where the builder sees a file: in a folder named as its package ({@code nkr_lbp_2016/}), since
     * Drools warns through the host's logging about every file whose folder and package differ.
     */
    private static String builderPath(RuleSources.RuleFile file) {
        String pkg = file.expectedPackage();
        String name = file.relativePath().substring(file.relativePath().lastIndexOf('/') + 1);
        return pkg == null ? file.relativePath() : pkg.replace('.', '/') + "/" + name;
    }

    private static RuleProblem toProblem(Message message, Function<String, String> display) {
        RuleProblem.Severity severity = message.getLevel() == Message.Level.ERROR
                ? RuleProblem.Severity.ERROR : RuleProblem.Severity.WARNING;
        String path = message.getPath() == null ? "" : message.getPath();
        String text = oneLine(message.getText());
        int line = Math.max(message.getLine(), 0);
        int column = Math.max(message.getColumn(), 0);
        // The parser puts "[ERR 101] Line 17:30" (0-based column) in the text and leaves the column out.
        Matcher located = PARSER_LOCATION.matcher(text);
        if (located.lookingAt()) {
            line = Integer.parseInt(located.group(1));
            column = Integer.parseInt(located.group(2)) + 1;
            text = text.substring(located.end());
        }
        return new RuleProblem(display.apply(path), line, column, severity, text);
    }

    /**
     * Drops the follow-on errors Drools adds to a file it already located an error in ("Parser
     * returned a null Package", expressions it could not analyse after an unknown type): they
     * have no line and send the author looking in the wrong place.
     */
    private static List<RuleProblem> withoutCascades(List<RuleProblem> problems) {
        Set<String> located = problems.stream().filter(p -> p.isError() && p.line() > 0)
                .map(RuleProblem::file).collect(Collectors.toSet());
        return problems.stream().filter(p -> p.line() > 0 || !located.contains(p.file())).toList();
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
