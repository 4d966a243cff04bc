package io.guidelinekb.sandbox;

import io.guidelinekb.model.RuleProblem;
import io.guidelinekb.engine.RuleSources;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DRL is code: a rule may use the fact model and harmless JDK types (java.time, java.util
 * collections, java.math), nothing else. No I/O, network, System, Runtime, threads, reflection,
 * class loading, engine internals or globals. Applied when rules are loaded and by lint, so a
 * host that embeds the library never runs a rule that breaks it.
 */
public final class SafetyPolicy {

    static final String ALLOWED = "allowed: io.guidelinekb.model.*, java.time.*, java.util.* (not its subpackages), "
            + "java.math.*";

    private static final Pattern IMPORT = Pattern.compile("(?m)^[ \\t]*import\\s+((?:function|accumulate)\\s+)?([\\w.$*]+)");
    private static final Pattern GLOBAL = Pattern.compile("(?m)^[ \\t]*global\\b");
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w$.])((?:[a-z_][a-z0-9_]*\\.)+)[A-Z]\\w*");
    private static final Pattern WORD = Pattern.compile("(?<![\\w$])[A-Za-z_]\\w*");

    /** Names that reach outside the rules, and what they reach. */
    private static final Map<String, String> FORBIDDEN = forbidden();

    private SafetyPolicy() {
    }

    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u+[0-9A-Fa-f]{4}");

    public static List<RuleProblem> check(RuleSources sources) {
        List<RuleProblem> problems = new ArrayList<>();
        for (RuleSources.RuleFile file : sources.files()) {
            problems.addAll(check(file));
        }
        return problems;
    }

    public static List<RuleProblem> check(RuleSources.RuleFile file) {
        String raw = new String(file.content(), StandardCharsets.UTF_8);
        List<RuleProblem> problems = new ArrayList<>();
        // Java reads a Unicode escape before anything else, so \u002e is a dot to the compiler and not
        // to a reader, or to this policy; a quote or a comment's end can hide the same way.
        Matcher escapes = UNICODE_ESCAPE.matcher(raw);
        while (escapes.find()) {
            problems.add(at(file, raw, escapes.start(), "the Unicode escape " + escapes.group()
                    + " is not allowed in rules: write the character itself (files are UTF-8)"));
        }
        String code = withoutCommentsAndStrings(raw);
        Matcher imports = IMPORT.matcher(code);
        while (imports.find()) {
            String target = imports.group(2);
            if (imports.group(1) != null) {
                problems.add(at(file, code, imports.start(1), "import " + imports.group(1).strip() + " " + target
                        + " brings in code from outside the rules; rules may use only the fact model and " + ALLOWED));
            } else if (!allowedImport(target)) {
                problems.add(at(file, code, imports.start(2), "import " + target + " is not allowed in rules; " + ALLOWED));
            }
        }
        Matcher globals = GLOBAL.matcher(code);
        while (globals.find()) {
            problems.add(at(file, code, globals.start(), "global is not allowed: it lets the host hand services to "
                    + "rules, which may only read facts and add conclusions"));
        }
        Matcher qualified = QUALIFIED.matcher(code);
        while (qualified.find()) {
            String pkg = qualified.group(1).substring(0, qualified.group(1).length() - 1);
            if (!isImportLine(code, qualified.start()) && !allowedPackage(pkg)) {
                problems.add(at(file, code, qualified.start(), qualified.group() + " is from package " + pkg
                        + ", which rules may not use; " + ALLOWED));
            }
        }
        Matcher words = WORD.matcher(code);
        while (words.find()) {
            String reach = FORBIDDEN.get(words.group());
            if (reach != null && !isImportLine(code, words.start())) {
                problems.add(at(file, code, words.start(), words.group() + " is not allowed in rules (" + reach + ")"));
            }
        }
        return problems;
    }

    private static boolean allowedImport(String target) {
        if (target.equals("io.guidelinekb.model.*") || target.matches("io\\.guidelinekb\\.model\\.[A-Z]\\w*")) {
            return true;
        }
        int dot = target.lastIndexOf('.');
        return dot > 0 && allowedPackage(target.substring(0, dot)) && !FORBIDDEN.containsKey(target.substring(dot + 1));
    }

    private static boolean allowedPackage(String pkg) {
        return pkg.equals("io.guidelinekb.model") || pkg.equals("java.util") || pkg.equals("java.lang")
                || pkg.equals("java.math") || pkg.equals("java.time") || pkg.startsWith("java.time.");
    }

    private static boolean isImportLine(String code, int index) {
        int start = code.lastIndexOf('\n', index) + 1;
        int end = code.indexOf('\n', index);
        return code.substring(start, end < 0 ? code.length() : end).stripLeading().startsWith("import");
    }

    private static RuleProblem at(RuleSources.RuleFile file, String code, int index, String message) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++) {
            if (code.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return RuleProblem.error(file.displayPath(), line, index - lineStart + 1, message);
    }

    /** The source with comments and string literals blanked out, so positions stay where they were. */
    static String withoutCommentsAndStrings(String source) {
        StringBuilder code = new StringBuilder(source);
        int i = 0;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '/' && i + 1 < code.length() && code.charAt(i + 1) == '/') {
                i = blankUntil(code, i, "\n", false);
            } else if (c == '/' && i + 1 < code.length() && code.charAt(i + 1) == '*') {
                i = blankUntil(code, i, "*/", true);
            } else if (c == '"' || c == '\'') {
                i = blankString(code, i, c);
            } else {
                i++;
            }
        }
        return code.toString();
    }

    private static int blankUntil(StringBuilder code, int from, String end, boolean includeEnd) {
        int stop = code.indexOf(end, from + 2);
        int last = stop < 0 ? code.length() : includeEnd ? stop + end.length() : stop;
        blank(code, from, last);
        return last;
    }

    private static int blankString(StringBuilder code, int from, char quote) {
        int i = from + 1;
        while (i < code.length() && code.charAt(i) != quote && code.charAt(i) != '\n') {
            i += code.charAt(i) == '\\' ? 2 : 1;
        }
        int last = Math.min(i + 1, code.length());
        blank(code, from + 1, Math.max(from + 1, last - 1));
        return last;
    }

    private static void blank(StringBuilder code, int from, int to) {
        for (int i = from; i < to && i < code.length(); i++) {
            if (code.charAt(i) != '\n') {
                code.setCharAt(i, ' ');
            }
        }
    }

    private static Map<String, String> forbidden() {
        Map<String, String> names = new java.util.HashMap<>();
        for (String name : List.of("System", "Runtime", "ProcessBuilder", "Process", "ProcessHandle")) {
            names.put(name, "process and system access");
        }
        for (String name : List.of("File", "Files", "Path", "Paths", "FileSystems", "FileInputStream", "FileOutputStream",
                "FileReader", "FileWriter", "RandomAccessFile", "PrintStream", "InputStream", "OutputStream")) {
            names.put(name, "file I/O");
        }
        for (String name : List.of("Socket", "ServerSocket", "DatagramSocket", "URL", "URI", "URLConnection",
                "HttpURLConnection", "HttpClient", "InetAddress")) {
            names.put(name, "network");
        }
        for (String name : List.of("Thread", "ThreadGroup", "Executor", "Executors", "ExecutorService", "ForkJoinPool",
                "CompletableFuture", "Timer")) {
            names.put(name, "threads");
        }
        for (String name : List.of("Class", "getClass", "forName", "getDeclaredMethod", "getDeclaredMethods",
                "getDeclaredField", "getDeclaredFields", "getMethod", "getField", "setAccessible", "invoke",
                "newInstance", "MethodHandles", "Proxy", "Unsafe")) {
            names.put(name, "reflection");
        }
        for (String name : List.of("ClassLoader", "getClassLoader", "URLClassLoader", "ServiceLoader", "ScriptEngineManager")) {
            names.put(name, "class loading");
        }
        for (String name : List.of("getKieRuntime", "getKnowledgeRuntime", "getWorkingMemory", "getKieBase",
                "getEntryPoint", "setGlobal")) {
            names.put(name, "engine internals");
        }
        return Map.copyOf(names);
    }
}
