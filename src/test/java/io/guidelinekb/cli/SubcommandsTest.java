package io.guidelinekb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A run gives picocli only the subcommand it names; every other way in still sees them all. */
class SubcommandsTest {

    @Test
    void findsTheSubcommandPastTheRootsOptionsAndTheirValues() {
        assertEquals(Optional.of("evaluate"), named("--rules", "x", "evaluate", "f.yaml"));
        assertEquals(Optional.of("lint"), named("--rules=x", "--debug", "lint"));
        // a value that happens to be a subcommand's name is the option's value
        assertEquals(Optional.of("evaluate"), named("--guideline", "test", "evaluate"));
        assertEquals(Optional.of("test"), named("test", "--rules", "evaluate"));
        for (String[] none : List.of(new String[] {}, new String[] {"--help"}, new String[] {"-V"},
                new String[] {"frobnicate", "evaluate"}, new String[] {"--", "evaluate"}, new String[] {"--rules"})) {
            assertEquals(Optional.empty(), named(none), String.join(" ", none));
        }
    }

    @Test
    void readsAnInheritedOptionsValueOnlyWhenTheArgumentsArePlainAboutIt() {
        assertEquals(Optional.of(Optional.of("x")), Subcommands.value(new String[] {"--rules", "x", "evaluate"}, "--rules"));
        assertEquals(Optional.of(Optional.of("x")), Subcommands.value(new String[] {"evaluate", "--rules=x", "f"}, "--rules"));
        assertEquals(Optional.of(Optional.empty()), Subcommands.value(new String[] {"evaluate", "f"}, "--rules"));
        // the value of another option is not this option, and nothing past -- is an option
        assertEquals(Optional.of(Optional.empty()), Subcommands.value(new String[] {"--guideline", "--rules", "evaluate"}, "--rules"));
        assertEquals(Optional.of(Optional.empty()), Subcommands.value(new String[] {"evaluate", "--", "--rules", "x"}, "--rules"));
        assertEquals(Optional.empty(), Subcommands.value(new String[] {"--rules", "x", "evaluate", "--rules", "y"}, "--rules"));
        assertEquals(Optional.empty(), Subcommands.value(new String[] {"evaluate", "--rules"}, "--rules"));
    }

    @Test
    void theTableNamesEverySubcommandAsItsAnnotationDoes() {
        for (String name : Main.SUBCOMMANDS) {
            assertEquals(name, new CommandLine(Main.subcommand(name)).getCommandName());
        }
        assertEquals(List.copyOf(Main.SUBCOMMANDS), List.copyOf(Main.commandLine().getSubcommands().keySet()));
        assertEquals(List.of("evaluate"), List.copyOf(Main.commandLine("--rules", "x", "evaluate").getSubcommands().keySet()));
    }

    @Test
    void aSubcommandAddedAloneReadsInheritedOptionsAndLanguages() {
        CliTest.Run run = CliTest.runAsWritten("evaluate", "--lang", "en", "--rules", CliTest.RULES, CliTest.EXAMPLE);
        assertEquals(0, run.exitCode(), run.err());
        CliTest.Run wrong = CliTest.runAsWritten("evaluate", "--lang", "fr", "--rules", CliTest.RULES, CliTest.EXAMPLE);
        assertEquals(2, wrong.exitCode());
        assertTrue(wrong.err().contains("no language \"fr\""), wrong.err());
    }

    @Test
    void anUnknownSubcommandIsToldAgainstThemAll() {
        CliTest.Run run = CliTest.run("evalute");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("evaluate"), run.err());
    }

    private static Optional<String> named(String... args) {
        return Subcommands.named(args, Main.SUBCOMMANDS);
    }
}
