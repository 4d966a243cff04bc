package io.guidelinekb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.RulesFolder;
import io.guidelinekb.model.RuleLoadException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load begun while picocli reads the command line is the one the command takes, and only that one. */
class EarlyLoadTest {

    @TempDir
    Path temp;

    @Test
    void aRunTakesTheLoadItsArgumentsBeganAndPrintsWhatItsOwnLoadPrints() throws RuleLoadException {
        String[] args = {"--rules", CliTest.RULES, "evaluate", CliTest.EXAMPLE};
        CliTest.Run own = CliTest.runAsWritten(args);
        EarlyLoad.begin(args);
        CliTest.Run early = CliTest.runAsWritten(args);
        assertEquals(0, early.exitCode(), early.err());
        assertEquals(own, early);
        assertEquals(Optional.empty(), EarlyLoad.take(Path.of(CliTest.RULES), null), "taken by the run, and once");
    }

    @Test
    void aLoadOfAnotherFolderOrGuidelineIsNotTaken() throws RuleLoadException {
        EarlyLoad.begin(new String[] {"evaluate", "--rules=" + CliTest.RULES, "input.yaml"});
        assertEquals(Optional.empty(), EarlyLoad.take(Path.of("rules"), null));
        assertEquals(Optional.empty(), EarlyLoad.take(Path.of(CliTest.RULES), "fixture-lbp"));
        assertTrue(EarlyLoad.take(Path.of(CliTest.RULES), null).isPresent());
    }

    @Test
    void nothingBeginsUnlessTheArgumentsArePlainAboutWhatToLoad() throws RuleLoadException {
        Path rules = Path.of(CliTest.RULES);
        for (String[] args : List.of(
                new String[] {"--rules", CliTest.RULES, "--rules", CliTest.RULES, "evaluate", "x.yaml"},
                new String[] {"--rules", CliTest.RULES, "lint"},
                new String[] {"--rules", CliTest.RULES, "evaluate", "--rules"},
                new String[] {"--", "--rules", CliTest.RULES, "evaluate"},
                new String[] {"--rules", CliTest.RULES + "/no-such-folder", "evaluate", "x.yaml"})) {
            EarlyLoad.begin(args);
            assertEquals(Optional.empty(), EarlyLoad.take(rules, null), String.join(" ", args));
            assertEquals(Optional.empty(), EarlyLoad.take(rules.resolve("no-such-folder"), null), String.join(" ", args));
        }
    }

    @Test
    void brokenRulesLoadedEarlyFailAsTheirOwnLoadFails() {
        RulesFolder broken = RulesFolder.copyOfLbp(temp).replace("04-imaging.drl", "then", "than");
        String[] args = {"--rules", broken.root().toString(), "evaluate", CliTest.EXAMPLE};
        CliTest.Run own = CliTest.runAsWritten(args);
        EarlyLoad.begin(args);
        CliTest.Run early = CliTest.runAsWritten(args);
        assertEquals(2, early.exitCode(), early.err());
        assertTrue(early.err().startsWith(broken.file("04-imaging.drl") + ":"), early.err());
        assertEquals(own, early);
        CliTest.assertNoStackTrace(early);
    }
}
