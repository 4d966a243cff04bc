package io.guidelinekb;

import io.guidelinekb.model.RuleLoadException;
import io.guidelinekb.model.RuleProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.authoring.Linter;
import io.guidelinekb.engine.DroolsCompiler;
import io.guidelinekb.engine.RuleCatalog;
import io.guidelinekb.engine.RuleSources;
import io.guidelinekb.sandbox.SandboxProblems;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules that try to do harm: write a marker file, run a process, connect to a listener on
 * loopback, load classes, loop or recurse for ever. Each must be refused by the sandbox on its own
 * (the source-level policy switched off), by load and by lint, and no payload may have run: no
 * marker file, no connection, no system property.
 */
@io.guidelinekb.IntegrationTest
class AttackCorpusTest {

    @TempDir
    static Path temp;

    private static ServerSocket listener;
    private static final AtomicInteger CONNECTIONS = new AtomicInteger();

    @BeforeAll
    static void listen() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accepting = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket ignored = listener.accept()) {
                    CONNECTIONS.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        }, "attack-listener");
        accepting.setDaemon(true);
        accepting.start();
    }

    @AfterAll
    static void close() throws IOException {
        listener.close();
    }

    private record Attack(String name, String drl) {
    }

    /** A consequence that runs {@code code} for every episode. */
    private static Attack then(String name, String code) {
        return new Attack(name, "rule \"attack\"\nwhen\n    $episode : Episode()\nthen\n    " + code + "\nend\n");
    }

    /** A rule whose condition is {@code pattern}. */
    private static Attack when(String name, String pattern) {
        return new Attack(name, "rule \"attack\"\nwhen\n    " + pattern + "\nthen\nend\n");
    }

    private static List<Attack> attacks() {
        String file = "new java.io.File(\"MARK\")";
        String path = "java.nio.file.Path.of(\"MARK\")";
        List<Attack> attacks = new ArrayList<>(List.of(
                then("File.createNewFile", file + ".createNewFile();"),
                then("Files.writeString", "java.nio.file.Files.writeString(" + path + ", \"x\");"),
                then("Files.createFile", "java.nio.file.Files.createFile(" + path + ");"),
                then("FileOutputStream", "new java.io.FileOutputStream(\"MARK\").close();"),
                then("FileWriter", "new java.io.FileWriter(\"MARK\").close();"),
                then("PrintWriter on a file name", "new java.io.PrintWriter(\"MARK\").close();"),
                then("Formatter on a file name", "new java.util.Formatter(\"MARK\").close();"),
                then("RandomAccessFile", "new java.io.RandomAccessFile(\"MARK\", \"rw\").close();"),
                then("FileChannel", "java.nio.channels.FileChannel.open(" + path + ", java.nio.file.StandardOpenOption.CREATE, "
                        + "java.nio.file.StandardOpenOption.WRITE).close();"),
                then("logging FileHandler", "new java.util.logging.FileHandler(\"MARK\").close();"),
                then("ObjectOutputStream", "new java.io.ObjectOutputStream(new java.io.FileOutputStream(\"MARK\")).close();"),
                then("File.createTempFile", "java.io.File.createTempFile(\"x\", \".y\", new java.io.File(\"MARKDIR\"));"),
                then("Runtime.exec", "Runtime.getRuntime().exec(new String[] {\"touch\", \"MARK\"});"),
                then("ProcessBuilder", "new ProcessBuilder(\"touch\", \"MARK\").start();"),
                then("Socket to loopback", "new java.net.Socket(\"127.0.0.1\", PORT).close();"),
                then("URL.openStream", "new java.net.URL(\"http://127.0.0.1:PORT/\").openStream().close();"),
                then("URI.toURL", "java.net.URI.create(\"http://127.0.0.1:PORT/\").toURL().openConnection().connect();"),
                then("HttpClient", "java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder("
                        + "java.net.URI.create(\"http://127.0.0.1:PORT/\")).build(), "
                        + "java.net.http.HttpResponse.BodyHandlers.discarding());"),
                then("getResource toURI resolve openStream", "Episode.class.getResource(\"Episode.class\").toURI()"
                        + ".resolve(\"http://127.0.0.1:PORT/\").toURL().openStream().close();"),
                then("System.setProperty", "System.setProperty(\"guideline.attack\", \"ran\");"),
                then("Class.forName and reflection", "Class.forName(\"java.lang.Runtime\").getMethod(\"getRuntime\")"
                        + ".invoke(null);"),
                then("getClass().getClassLoader()", "$episode.getClass().getClassLoader().loadClass(\"java.lang.Runtime\");"),
                then("project class loader", "Thread.currentThread().getContextClassLoader().loadClass(\"x.Y\");"),
                then("MethodHandles", "try { java.lang.invoke.MethodHandles.lookup().findStatic(Runtime.class, \"getRuntime\", "
                        + "java.lang.invoke.MethodType.methodType(Runtime.class)).invoke(); } catch (Throwable t) { }"),
                then("a thread", "new Thread(() -> System.setProperty(\"guideline.attack\", \"ran\")).start();"),
                then("an executor", "java.util.concurrent.Executors.newSingleThreadExecutor().submit(() -> "
                        + "System.setProperty(\"guideline.attack\", \"ran\"));"),
                then("a method reference to Runtime", "java.util.function.Supplier<Runtime> s = Runtime::getRuntime;"),
                then("ServiceLoader", "java.util.ServiceLoader.load(java.sql.Driver.class).iterator();"),
                then("script engine", "new javax.script.ScriptEngineManager().getEngineByName(\"js\");"),
                then("System.exit", "if ($episode == null) { System.exit(3); }"),
                then("engine internals", "kcontext.getKieRuntime().getKieBase();"),
                then("a loop", "while ($episode != null) { }"),
                then("a for loop that floods", "for (int i = 0; i < 1000000; i++) { insert(Alert.of($episode, \"CAUDA_EQUINA\")); }"),
                then("a huge string", "String s = \"x\".repeat(2000000000);"),
                then("locks", "synchronized (Episode.class) { insert(Alert.of($episode, \"CAUDA_EQUINA\")); }"),
                then("a huge array", "Object[] a = new Object[Integer.MAX_VALUE];"),
                then("an anonymous class", "Object o = new Object() { public String toString() { "
                        + "System.setProperty(\"guideline.attack\", \"ran\"); return \"\"; } }; o.toString();"),
                then("a field write on a fact's internals", "java.lang.reflect.Field f = Episode.class.getDeclaredField(\"id\");"),
                when("a condition that writes a file", "Episode( " + file + ".createNewFile() )"),
                when("a condition that reads a file", "Episode( java.nio.file.Files.exists(" + path + ") )"),
                when("a condition with getClass().forName", "Episode( id.getClass().forName(\"java.lang.Runtime\") != null )"),
                when("a binding to getClass", "Episode( $c : id.getClass() )"),
                when("a cross join of three patterns over conclusions", "Alert()\n    Alert()\n    not Recommendation()"),
                when("a from over a file", "$s : String() from java.nio.file.Files.readAllLines(" + path + ")"),
                when("a from over the engine", "$o : Object() from kcontext.getKieRuntime().getObjects()"),
                when("an eval that writes a file", "eval( " + file + ".createNewFile() )"),
                new Attack("dynamic salience", "rule \"attack\"\n    salience ( " + file + ".createNewFile() ? 1 : 0 )\n"
                        + "when\n    Episode()\nthen\nend\n"),
                new Attack("mvel consequence", "rule \"attack\"\n    dialect \"mvel\"\nwhen\n    Episode()\nthen\n    "
                        + file + ".createNewFile();\nend\n"),
                new Attack("a global", "global java.util.List sink;\nrule \"attack\"\nwhen\n    Episode()\nthen\nend\n"),
                // what a recommendation, an alert or a reason says is its declaration's and its vocabulary's
                then("a forged recommendation", "insert( new Recommendation( $episode.id(), \"R-1\", Strength.STRONG_FOR, "
                        + "EvidenceGrade.HIGH, \"s\", \"da\", \"en\", java.util.Set.of(), java.util.Set.of(), null, Lifecycle.ACTIVE, PanelNotes.NONE ) );"),
                then("a forged alert", "insert( new Alert( $episode.id(), \"X\", io.guidelinekb.model.Vocabulary.AlertLevel"
                        + ".CRITICAL, \"da\", \"en\" ) );"),
                then("a forged scope reason", "insert( new ScopeFinding( $episode.id(), \"X\", true ) );"),
                then("an API value: the code bindings", "Object o = io.guidelinekb.model.TerminologyBindings.NONE;"),
                then("an API value: a load error thrown", "if ($episode != null) { throw new io.guidelinekb.model"
                        + ".RuleLoadException(java.util.List.of()); }"),
                new Attack("a declared type", "declare Pwn\n    name : String\nend\nrule \"attack\"\nwhen\n    Episode()\n"
                        + "then\nend\n"),
                new Attack("a recursive function", "function int down(int n) { return down(n + 1); }\n"
                        + "rule \"attack\"\nwhen\n    $episode : Episode()\nthen\n    down(1);\nend\n"),
                new Attack("mutual recursion", "function int ping(int n) { return pong(n); }\n"
                        + "function int pong(int n) { return ping(n); }\n"
                        + "rule \"attack\"\nwhen\n    $episode : Episode()\nthen\n    ping(1);\nend\n"),
                new Attack("a function that writes a file", "function void pwn() { " + file + ".createNewFile(); }\n"
                        + "rule \"attack\"\nwhen\n    $episode : Episode()\nthen\n    pwn();\nend\n"),
                // Named like the class Drools generates around a consequence: the name must not buy the
                // allow-list of Drools' own classes, nor may any engine class that defines classes be reached.
                new Attack("a function named like a consequence invoker that defines a class",
                        "function void pwnDefaultConsequenceInvoker() {\n"
                        + "    new org.drools.base.rule.MapBackedClassLoader(null).addClass(\"Pwn\", null);\n}\n"
                        + "rule \"attack\"\nwhen\n    $episode : Episode()\nthen\n    pwnDefaultConsequenceInvoker();\nend\n"),
                new Attack("a function named like an eval invoker that loads a class",
                        "function boolean pwnEval0Invoker() {\n"
                        + "    try { return new org.drools.base.rule.MapBackedClassLoader(null).loadClass(\"java.lang.Runtime\", true)"
                        + " != null; } catch (Exception e) { return false; }\n}\n"
                        + "rule \"attack\"\nwhen\n    $episode : Episode()\n    eval( pwnEval0Invoker() )\nthen\nend\n"),
                new Attack("a function named like a consequence invoker that deletes the scope",
                        "function void dropDefaultConsequenceInvoker(org.drools.core.rule.consequence.KnowledgeHelper h, "
                        + "Object fact) {\n    h.delete(fact);\n}\n"
                        + "rule \"attack\"\nwhen\n    $scope : Scope()\nthen\n    dropDefaultConsequenceInvoker(drools, $scope);\nend\n"),
                new Attack("a function that reaches the project class loader",
                        "function void loaderDefaultConsequenceInvoker(org.drools.core.rule.consequence.KnowledgeHelper h) {\n"
                        + "    h.getProjectClassLoader();\n}\n"
                        + "rule \"attack\"\nwhen\n    $episode : Episode()\nthen\n    loaderDefaultConsequenceInvoker(drools);\nend\n")));
        return attacks;
    }

    @TestFactory
    Stream<DynamicTest> everyAttackIsRefusedAndNoPayloadRuns() {
        List<Attack> attacks = attacks();
        assertTrue(attacks.size() >= 40, attacks.size() + " attacks");
        return attacks.stream().map(attack -> DynamicTest.dynamicTest(attack.name(), () -> {
            String slug = attack.name().replaceAll("[^A-Za-z0-9]+", "-");
            Path mark = temp.resolve("mark-" + slug);
            Path markDir = Files.createDirectories(temp.resolve("dir-" + slug));
            String drl = "package g;\nimport io.guidelinekb.model.*;\n\n" + attack.drl()
                    .replace("MARKDIR", markDir.toString()).replace("MARK", mark.toString())
                    .replace("PORT", String.valueOf(listener.getLocalPort()));
            Path rules = temp.resolve("rules-" + slug);
            Files.createDirectories(rules.resolve("g"));
            Files.writeString(rules.resolve("g/attack.drl"), drl);
            int connectionsBefore = CONNECTIONS.get();

            List<RuleProblem> bySandboxAlone = sandboxAlone(rules);
            RuleLoadException refused = assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules));
            Linter.Report lint = Linter.lint(rules);

            assertFalse(bySandboxAlone.isEmpty(), "the sandbox alone refuses it:\n" + drl);
            assertTrue(bySandboxAlone.stream().allMatch(p -> p.file().endsWith("attack.drl") && p.line() > 0),
                    "named with file and line: " + bySandboxAlone);
            assertFalse(refused.problems().isEmpty());
            assertTrue(lint.errors() > 0, lint.findings().toString());
            assertFalse(Files.exists(mark), "no marker file");
            assertEquals(0, Files.list(markDir).count(), "no file in the marker folder");
            // refused before any session existed: nothing of it ever ran, so nothing can connect later
            assertEquals(connectionsBefore, CONNECTIONS.get(), "no connection to the listener");
            assertEquals(null, System.getProperty("guideline.attack"), "no system property");
        }));
    }

    @org.junit.jupiter.api.Test
    void theSourcePolicyRefusesUnicodeEscapesThatHideADotAQuoteOrACommentsEnd() throws Exception {
        Path rules = temp.resolve("rules-unicode-escape");
        Files.createDirectories(rules.resolve("g"));
        Files.writeString(rules.resolve("g/attack.drl"), "package g;\nimport io.guidelinekb.model.*;\n\n"
                + "rule \"attack\"\nwhen\n    $episode : Episode()\nthen\n"
                + "    new java\\u002eio\\u002eFile(\"x\").exists();\nend\n");

        List<RuleProblem> found = io.guidelinekb.sandbox.SafetyPolicy.check(RuleSources.read(rules));

        assertEquals(List.of("attack.drl:8:13: the Unicode escape \\u002e is not allowed in rules: write the character "
                        + "itself (files are UTF-8)", "attack.drl:8:21: the Unicode escape \\u002e is not allowed in rules: "
                        + "write the character itself (files are UTF-8)"),
                found.stream().filter(p -> p.message().contains("Unicode")).map(p -> Path.of(p.file()).getFileName() + ":"
                        + p.line() + ":" + p.column() + ": " + p.message()).toList());
        assertThrows(RuleLoadException.class, () -> KnowledgeBase.load(rules));
    }

    /** What the compiled-rule sandbox finds with the source-level policy left out, or the compiler's errors. */
    private static List<RuleProblem> sandboxAlone(Path rules) throws RuleLoadException {
        RuleSources sources = RuleSources.read(rules);
        DroolsCompiler.Compiled compiled = DroolsCompiler.compile(sources);
        if (compiled.kieBase() == null) {
            throw new AssertionError("the attack must compile, so that the sandbox is what refuses it: "
                    + compiled.problems());
        }
        return SandboxProblems.check(compiled.kieBase(), sources, RuleCatalog.read(sources));
    }
}
