package io.guidelinekb.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds calls among the rules' own methods that come back round: recursion, which could run without end. */
final class Recursion {

    private Recursion() {
    }

    /** One cycle per method that starts one, as the methods in call order. */
    static List<List<String>> cycles(List<BytecodeCheck.Call> calls) {
        Map<String, Set<String>> graph = new HashMap<>();
        for (BytecodeCheck.Call call : calls) {
            graph.computeIfAbsent(call.caller(), k -> new HashSet<>()).add(call.callee());
        }
        List<List<String>> cycles = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (String start : graph.keySet()) {
            List<String> path = new ArrayList<>();
            if (!reported.contains(start) && reaches(start, start, graph, path, new HashSet<>())) {
                path.add(0, start);
                reported.addAll(path);
                cycles.add(path);
            }
        }
        return cycles;
    }

    private static boolean reaches(String from, String target, Map<String, Set<String>> graph, List<String> path,
                                   Set<String> visited) {
        for (String next : graph.getOrDefault(from, Set.of())) {
            if (next.equals(target)) {
                path.add(0, next);
                return true;
            }
            if (visited.add(next) && reaches(next, target, graph, path, visited)) {
                path.add(0, next);
                return true;
            }
        }
        return false;
    }
}
