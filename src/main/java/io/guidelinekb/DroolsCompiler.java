package io.guidelinekb;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

/** Compiles DRL sources into a KieBase at run time (classic, non-executable model). */
final class DroolsCompiler {

    private static final String RESOURCES = "src/main/resources/";

    private DroolsCompiler() {
    }

    /** The compiled rules, or every compiler message as a located problem. */
    record Compiled(KieBase kieBase, List<RuleProblem> problems) {
    }

    static Compiled compile(RuleSources sources) {
        KieServices services = KieServices.get();
        // Each build gets its own release id: the default one lives in a singleton repository,
        // where concurrent builds would see each other's rules.
        ReleaseId releaseId = services.newReleaseId("io.guidelinekb.rules", "kb-" + UUID.randomUUID(), "1.0.0");
        KieFileSystem fileSystem = services.newKieFileSystem();
        fileSystem.generateAndWritePomXML(releaseId);
        for (RuleSources.RuleFile file : sources.files()) {
            fileSystem.write(RESOURCES + file.relativePath(), file.content());
        }
        KieBuilder builder = services.newKieBuilder(fileSystem).buildAll();
        Map<String, String> shownAs = sources.files().stream().collect(
                Collectors.toMap(f -> RESOURCES + f.relativePath(), RuleSources.RuleFile::displayPath));
        List<RuleProblem> problems = builder.getResults().getMessages().stream()
                .filter(m -> m.getLevel() != Message.Level.INFO)
                .map(m -> toProblem(m, path -> shownAs.getOrDefault(path, sources.directory().toString())))
                .distinct()
                .toList();
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

    private static RuleProblem toProblem(Message message, Function<String, String> display) {
        RuleProblem.Severity severity = message.getLevel() == Message.Level.ERROR
                ? RuleProblem.Severity.ERROR : RuleProblem.Severity.WARNING;
        String path = message.getPath() == null ? "" : message.getPath();
        return new RuleProblem(display.apply(path), Math.max(message.getLine(), 0), Math.max(message.getColumn(), 0),
                severity, oneLine(message.getText()));
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
