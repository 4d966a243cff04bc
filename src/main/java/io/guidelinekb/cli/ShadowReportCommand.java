package io.guidelinekb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guidelinekb.util.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What a shadow run found, from an audit log: calls answered, those a candidate would have answered otherwise, and how. */
@Command(name = "shadow-report", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = {"Summarises the shadow lines of an audit log (serve --shadow): for each candidate version, the "
                + "calls answered, those its cards would have differed on, and for each recommendation or alert how "
                + "often a card would have been added, removed or changed.",
            "Exit 0 done, 2 the file cannot be read or a line is not JSON."})
final class ShadowReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "AUDIT", description = "The service's audit log (JSON lines).")
    Path audit;

    @Override
    public Integer call() throws Exception {
        ObjectMapper json = new ObjectMapper();
        int calls = 0;
        Map<String, Integer> diverging = new TreeMap<>();
        Map<String, Map<String, Integer>> byAbout = new TreeMap<>();
        Map<String, Integer> failed = new TreeMap<>();
        int number = 0;
        try (BufferedReader lines = Files.newBufferedReader(audit, StandardCharsets.UTF_8)) {
            for (String line; (line = lines.readLine()) != null; ) {
                number++;
                JsonNode event;
                try {
                    event = json.readTree(line);
                } catch (IOException e) {
                    throw new InvalidInputException(audit + ":" + number + ": not a JSON line of an audit log");
                }
                String kind = event == null ? "" : event.path("event").asText();
                if (kind.equals("call")) {
                    calls++;
                } else if (kind.equals("shadow")) {
                    String version = event.path("candidateVersion").asText("?");
                    if (event.has("error")) {
                        failed.merge(version, 1, Integer::sum);
                        continue;
                    }
                    diverging.merge(version, 1, Integer::sum);
                    for (String change : new String[] {"added", "removed", "changed"}) {
                        event.path(change).forEach(about -> byAbout.computeIfAbsent(version + " " + about.asText(),
                                k -> new TreeMap<>()).merge(change, 1, Integer::sum));
                    }
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException(audit + ": cannot read: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(calls + " calls answered");
        if (diverging.isEmpty() && failed.isEmpty()) {
            out.println("no shadow run found a difference");
        }
        for (Map.Entry<String, Integer> version : diverging.entrySet()) {
            out.println("candidate " + version.getKey() + ": " + version.getValue() + " calls would have had other cards"
                    + (failed.containsKey(version.getKey()) ? ", " + failed.get(version.getKey()) + " runs failed" : ""));
            byAbout.forEach((key, changes) -> {
                if (key.startsWith(version.getKey() + " ")) {
                    out.println("  " + key.substring(version.getKey().length() + 1) + ": " + String.join(", ",
                            changes.entrySet().stream().map(c -> c.getKey() + " " + c.getValue()).toList()));
                }
            });
        }
        failed.forEach((version, count) -> {
            if (!diverging.containsKey(version)) {
                out.println("candidate " + version + ": " + count + " runs failed");
            }
        });
        return Main.OK;
    }
}
