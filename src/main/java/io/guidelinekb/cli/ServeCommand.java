package io.guidelinekb.cli;

import io.guidelinekb.model.Language;
import com.nimbusds.jose.jwk.JWKSet;
import io.guidelinekb.ReloadingKnowledgeBase;
import io.guidelinekb.cdshooks.CdsHooksServer;
import io.guidelinekb.cdshooks.ServiceOptions;
import io.guidelinekb.cdshooks.TrustedKeys;
import io.guidelinekb.util.InvalidInputException;
import io.guidelinekb.scenario.ScenarioRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = {"Runs the CDS Hooks 2.0 service: discovery at /cds-services, the patient-view, order-select and "
                + "order-sign hooks of each guideline folder, feedback, /health, /health/live, /health/ready and /metrics "
                + "(Prometheus). It serves the rules version it started with; with --reload (authoring, staging) a "
                + "change to the folder serves once it passes lint's checks (and --scenarios).",
            "Stops on SIGTERM or Ctrl-C after the requests in flight."})
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    GuidelineKbCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0: any free one).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--lang", defaultValue = "da", description = "Language of the cards: da, en (default: ${DEFAULT-VALUE}).")
    Language language;

    @Option(names = "--trust", paramLabel = "ISSUER=JWKS", description = "A trusted client: its iss and its JWK Set, "
            + "a file or an https URL (fetched only because it is named here; never a token's jku). Repeatable.")
    List<String> trust = new ArrayList<>();

    @Option(names = "--public-url", paramLabel = "URL", description = "The base URL as the EHR calls it, for the "
            + "tokens' aud (default: http://HOST:PORT).")
    String publicUrl;

    @Option(names = "--fhir-server-allow", paramLabel = "URL", description = "A fhirServer the service may call for "
            + "missing prefetch. Repeatable; none by default.")
    List<String> fhirServers = new ArrayList<>();

    @Option(names = "--cors-origin", paramLabel = "ORIGIN", description = "An origin browsers may call from. Repeatable.")
    List<String> corsOrigins = new ArrayList<>();

    @Option(names = "--audit", paramLabel = "FILE", description = "Append the audit log (JSON lines) to FILE.")
    Path audit;

    @Option(names = "--scenarios", paramLabel = "PATH", description = "Serve a rules version only when these "
            + "scenarios pass with it.")
    List<Path> scenarios = new ArrayList<>();

    @Option(names = "--reload", description = "For authoring and staging: serve a change to the rules folder once it "
            + "passes lint's checks (and --scenarios); a refused change is logged, counted and shown in /health/ready "
            + "while the version before it keeps serving. Without it the service serves the version it started with.")
    boolean reload;

    @Option(names = "--shadow", paramLabel = "DIR", description = "A candidate rules folder or release, tried on every "
            + "call after it is answered: its cards are never shown; where they would differ, the audit log has a line "
            + "marked shadow (bin/guideline-kb shadow-report summarises them).")
    Path shadow;

    @Option(names = "--release", paramLabel = "DIR", description = "Serve a release (bin/guideline-kb release): its "
            + "files are checked against its manifest's digests first, and it is never reloaded.")
    Path release;

    @Option(names = "--no-auth", description = "Accept calls without a token: for a test on this machine only.")
    boolean noAuth;

    @Option(names = "--log-format", defaultValue = "text", description = "text (default) for a terminal, or json: one "
            + "object a line on stdout (time, level, logger, message, service, hookInstance, status, durationMs).")
    LogFormat logFormat;

    @Option(names = "--config", paramLabel = "FILE", description = "A YAML file of these options by their names "
            + "(port: 8080, trust: [ISSUER=JWKS], fhir-server-allow: [...], rules: DIR, ...); a flag given as well wins, "
            + "an unknown key is an error. Paths in it are read from the file's folder.")
    Path config;

    @Option(names = "--connections-per-client", paramLabel = "N", defaultValue = "1024", description = "Connections one "
            + "address may hold open (default: ${DEFAULT-VALUE}); an EHR calls through one integration engine.")
    int connectionsPerClient;

    @Option(names = "--fetch-deadline-ms", paramLabel = "MS", defaultValue = "3000", description = "One deadline for all "
            + "the FHIR reads of a hook call (default: ${DEFAULT-VALUE}); past it the call gets 412, no advice.")
    int fetchDeadlineMillis;

    @Option(names = "--fetching-at-once", paramLabel = "N", defaultValue = "16", description = "Hook calls that may read "
            + "FHIR servers at once (default: ${DEFAULT-VALUE}); one more waits 250 ms, then gets 503 with Retry-After.")
    int fetchingAtOnce;

    enum LogFormat { text, json }

    private PrintWriter out;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        out = spec.commandLine().getOut();
        if (config != null) {
            ServeConfig.apply(config, this, spec.commandLine().getParseResult(),
                    spec.commandLine().getParent().getParseResult());
        }
        io.guidelinekb.cdshooks.ServiceLog.format(logFormat == LogFormat.json
                ? io.guidelinekb.cdshooks.ServiceLog.Format.JSON : io.guidelinekb.cdshooks.ServiceLog.Format.TEXT);
        if (trust.isEmpty() && !noAuth) {
            throw new InvalidInputException("serve: no trusted client; give --trust ISSUER=JWKS-FILE (or --no-auth to "
                    + "test on this machine)");
        }
        io.guidelinekb.cdshooks.ServiceLimits limits;
        try {
            limits = new io.guidelinekb.cdshooks.ServiceLimits(connectionsPerClient,
                    java.time.Duration.ofMillis(fetchDeadlineMillis), fetchingAtOnce);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("serve: --connections-per-client, --fetch-deadline-ms and --fetching-at-once "
                    + "must be positive (got " + connectionsPerClient + ", " + fetchDeadlineMillis + ", " + fetchingAtOnce + ")");
        }
        ServiceOptions options = new ServiceOptions(host, port, language, publicUrl,
                trusted(), fhirServers, corsOrigins, audit, noAuth, limits);
        // every guideline of the folder, one set of services each (--guideline: only that one); a version
        // serves only when its cards have all their words and, with --scenarios, it passes the suite
        ReloadingKnowledgeBase.Check suite = scenarios.isEmpty() ? candidate -> List.of() : ScenarioRun.gate(scenarios);
        ReloadingKnowledgeBase.Check check = candidate -> {
            List<String> failures = new ArrayList<>(CdsHooksServer.missingWords(candidate));
            if (failures.isEmpty() && reload) {
                failures.addAll(lintErrors(candidate));
            }
            failures.addAll(failures.isEmpty() ? suite.failures(candidate) : List.of());
            return failures;
        };
        String released = null;
        if (release != null) {
            if (reload) {
                throw new InvalidInputException("serve: --release serves the release as it was made; --reload would "
                        + "serve changes to it: give one of them");
            }
            // checked before anything of it loads: what was reviewed is what serves
            released = io.guidelinekb.guideline.ReleaseManifest.verified(release).knowledgeBaseVersion();
            parent.rules = release.resolve(io.guidelinekb.guideline.ReleaseManifest.RULES);
        }
        ReloadingKnowledgeBase knowledgeBase;
        try {
            knowledgeBase = ReloadingKnowledgeBase.load(parent.rulesFolder(), parent.guideline, check);
            if (released != null && !knowledgeBase.current().version().equals(released)) {
                throw new InvalidInputException("serve: " + release + " names the rules " + released + ", but they load as "
                        + knowledgeBase.current().version());
            }
        } catch (io.guidelinekb.model.RuleLoadException e) {
            if (!reload) {
                // a pinned service has nothing to serve, and never will: say why and stop
                e.problems().forEach(p -> err.println("  " + p));
                throw new InvalidInputException("serve: the rules do not load (" + e.problems().size() + " problems); "
                        + "nothing to serve (--reload waits for a change that loads)");
            }
            // up and answering its probes (not ready), so that an orchestrator sees why, and serving as
            // soon as a change to the folder passes its checks
            say("WARN", "the rules do not load; nothing is served until they do (" + e.problems().size() + " problems)",
                    Map.of());
            e.problems().forEach(p -> say("WARN", "  " + p, Map.of()));
            knowledgeBase = ReloadingKnowledgeBase.awaiting(parent.rulesFolder(), parent.guideline, check);
        }
        io.guidelinekb.KnowledgeBase candidate = null;
        if (shadow != null) {
            candidate = Files.isRegularFile(shadow.resolve(io.guidelinekb.guideline.ReleaseManifest.FILE))
                    ? io.guidelinekb.KnowledgeBase.loadRelease(shadow) : io.guidelinekb.KnowledgeBase.load(shadow);
        }
        try (CdsHooksServer server = CdsHooksServer.start(options, knowledgeBase, Clock.systemUTC())) {
            if (candidate != null) {
                server.shadowing(candidate);
                say("INFO", "shadow: " + candidate.version() + " is tried on every call; its cards are never shown",
                        Map.of("shadowVersion", candidate.version()));
            }
            if (noAuth) {
                if (logFormat == LogFormat.json) {
                    say("WARN", "--no-auth: every caller is trusted; never use this outside a test", Map.of());
                } else {
                    err.println("serve: WARNING: --no-auth: every caller is trusted; never use this outside a test");
                }
            }
            say("INFO", server.uri() + "/cds-services (knowledge base " + (knowledgeBase.isServing()
                    ? knowledgeBase.current().version() : "none yet") + ", cards in " + language + ")",
                    Map.of("url", server.uri() + "/cds-services", "knowledgeBaseVersion", knowledgeBase.isServing()
                            ? knowledgeBase.current().version() : ReloadingKnowledgeBase.NONE));
            say("INFO", "trust: " + (noAuth ? "none (--no-auth)" : String.join(", ", options.trusted().entrySet()
                    .stream().map(t -> t.getKey() + " (keys from " + t.getValue().from() + ")").toList()))
                    + "; fhirServer allow-list: " + (fhirServers.isEmpty() ? "none" : String.join(", ", fhirServers)),
                    Map.of());
            Thread stopping = new Thread(() -> {
                try {
                    server.close();
                } catch (Exception e) {
                    err.println("serve: stopping: " + e.getMessage());
                }
            }, "serve-stop");
            Runtime.getRuntime().addShutdownHook(stopping);
            if (reload) {
                say("INFO", "--reload: a change to the rules folder serves once it passes lint's checks", Map.of());
                watch(knowledgeBase, server);
            } else {
                server.awaitStop();   // pinned: the version it started with, until it stops
            }
        }
        return Main.OK;
    }

    /** A line of the service's own: "serve: …" for a terminal, or a JSON object with {@code fields}. */
    private void say(String level, String message, Map<String, Object> fields) {
        if (logFormat == LogFormat.json) {
            io.guidelinekb.cdshooks.ServiceLog.event(level, "serve", message, fields);
        } else {
            out.println("serve: " + message);
            out.flush();
        }
    }

    /**
     * What lint calls an error in the folder a candidate was loaded from: a change serves only when
     * it passes the checks a release passes. The folder is linted as it is now; when it changed again
     * since the candidate was read, the candidate is refused and the next scan tries the newer one.
     */
    private List<String> lintErrors(io.guidelinekb.KnowledgeBase candidate) {
        try {
            io.guidelinekb.authoring.Linter.Report report = io.guidelinekb.authoring.Linter.lint(parent.rulesFolder(),
                    parent.guideline);
            List<String> errors = new ArrayList<>(report.findings().stream().filter(io.guidelinekb.model.RuleProblem::isError)
                    .map(Object::toString).toList());
            if (errors.isEmpty() && report.knowledgeBase().map(kb -> !kb.version().equals(candidate.version())).orElse(false)) {
                errors.add("the folder changed while it was checked; the next scan tries again");
            }
            return errors;
        } catch (io.guidelinekb.model.RuleLoadException e) {
            return e.problems().stream().map(Object::toString).toList();
        }
    }

    /** Reloads when a file under the rules folder changes; returns when the server stops. */
    private void watch(ReloadingKnowledgeBase knowledgeBase, CdsHooksServer server) throws Exception {
        String seen = fingerprint().orElse("");
        while (server.isRunning()) {
            Thread.sleep(1000);
            // a file that vanished mid-scan (an editor's swap file, a checkout): look again next second
            java.util.Optional<String> scanned = fingerprint();
            if (scanned.isEmpty() && !scanFailing) {
                say("WARN", "the rules folder could not be scanned (" + scanProblem + "); the rules in service stay, "
                        + "and it is looked at again each second", Map.of());
            }
            scanFailing = scanned.isEmpty();
            String now = scanned.orElse(seen);
            if (!now.equals(seen)) {
                seen = now;
                ReloadingKnowledgeBase.Reload reload = knowledgeBase.reload();
                server.reloaded(reload);
                say(reload.replaced() ? "INFO" : "WARN", reload.replaced() ? "rules reloaded: " + reload.previousVersion()
                        + " → " + reload.version() : "the changed rules do not serve (" + reload.problems().size()
                        + " problems); still " + reload.version(), Map.of("knowledgeBaseVersion", reload.version()));
                reload.problems().forEach(p -> say("WARN", "  " + p, Map.of()));
            }
        }
    }

    /** Whether the last scan failed, and why: said once when scans start to fail. */
    private boolean scanFailing;
    private String scanProblem;

    private java.util.Optional<String> fingerprint() {
        try (Stream<Path> files = Files.walk(parent.rules, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            return java.util.Optional.of(files.filter(p -> !io.guidelinekb.util.HiddenPaths.hidden(parent.rules, p))
                    .filter(Files::isRegularFile).map(p -> p + "@" + p.toFile().lastModified()
                    + ":" + p.toFile().length()).sorted().reduce("", String::concat));
        } catch (IOException | java.io.UncheckedIOException e) {
            scanProblem = e instanceof java.io.UncheckedIOException u ? String.valueOf(u.getCause()) : e.toString();
            return java.util.Optional.empty();
        }
    }

    private Map<String, TrustedKeys> trusted() throws InvalidInputException {
        Map<String, TrustedKeys> trusted = new LinkedHashMap<>();
        for (String entry : trust) {
            // an issuer is a URL and may hold "=": the keys start at the last "=" or at "=http"
            int url = Math.max(entry.lastIndexOf("=https://"), entry.lastIndexOf("=http://"));
            int equals = url > 0 ? url : entry.lastIndexOf('=');
            if (equals <= 0) {
                throw new InvalidInputException("--trust " + entry + ": expected ISSUER=JWKS-FILE or ISSUER=JWKS-URL");
            }
            String keys = entry.substring(equals + 1);
            try {
                trusted.put(entry.substring(0, equals), url > 0 ? TrustedKeys.fromUrl(keys)
                        : TrustedKeys.of(JWKSet.load(Path.of(keys).toFile())));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--trust " + entry + ": " + e.getMessage());
            } catch (IOException | java.text.ParseException e) {
                throw new InvalidInputException("--trust " + entry + ": " + keys + " is not a JWK Set: " + e.getMessage());
            }
        }
        return trusted;
    }
}
