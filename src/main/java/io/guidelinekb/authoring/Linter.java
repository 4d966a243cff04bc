package io.guidelinekb.authoring;

import io.guidelinekb.KnowledgeBase;
import io.guidelinekb.model.RuleLoadException;
import io.guidelinekb.model.RuleProblem;
import io.guidelinekb.LoadOptions;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;


/**
 * Checks a rules folder before it is used: the stages loading runs too ({@link KnowledgeBase#check}),
 * with every error and warning they find (GRADE consistency, recommendations that cannot fire in
 * scope). Goes on past a guideline's errors to the next, so that one run reports all it can.
 */
public final class Linter {


    private Linter() {
    }

    /**
     * What lint found, sorted by file and position, and the knowledge base it compiled when there
     * was no error (so that a caller need not compile the same rules again).
     *
     * @param findings      every error and warning, sorted by file, line and column
     * @param knowledgeBase the rules compiled, when lint found no error
     */
    public record Report(List<RuleProblem> findings, Optional<KnowledgeBase> knowledgeBase) {
        /**
         * Sorts the findings.
         *
         * @param findings      every error and warning
         * @param knowledgeBase the rules compiled, when lint found no error
         */
        public Report {
            findings = findings.stream().sorted(Comparator.comparing(RuleProblem::file)
                    .thenComparingInt(RuleProblem::line).thenComparingInt(RuleProblem::column)).toList();
        }

        Report(List<RuleProblem> findings) {
            this(findings, Optional.empty());
        }

        /**
         * How many findings are errors.
         *
         * @return the count of errors
         */
        public long errors() {
            return findings.stream().filter(RuleProblem::isError).count();
        }

        /**
         * How many findings are warnings.
         *
         * @return the count of warnings
         */
        public long warnings() {
            return findings.size() - errors();
        }
    }

    /**
     * Lints a folder of rules: everything loading checks, and what an author should confirm.
     *
     * @param directory the folder of rules
     * @return what lint found
     * @throws RuleLoadException only when the folder itself cannot be read; problems in the rules
     *                           are findings of the report
     */
    public static Report lint(Path directory) throws RuleLoadException {
        return lint(directory, LoadOptions.defaults());
    }

    /**
     * Lints one guideline of a folder of rules, or all of them.
     *
     * @param directory the folder of rules
     * @param guideline the guideline folder to lint, or {@code null} for every one
     * @return what lint found
     * @throws RuleLoadException when the folder cannot be read, or holds no guideline {@code guideline}
     */
    public static Report lint(Path directory, String guideline) throws RuleLoadException {
        LoadOptions options = LoadOptions.defaults();
        return lint(directory, guideline == null ? options : options.withOnlyGuideline(guideline));
    }

    /**
     * As {@link #lint(Path, String)}, with the options given: rules that passed every stage before are
     * taken from the cache with the warnings they gave.
     *
     * @param directory the folder of rules
     * @param options   how to load, and which guideline
     * @return what lint found
     * @throws RuleLoadException when the folder cannot be read, or holds no guideline chosen
     */
    public static Report lint(Path directory, LoadOptions options) throws RuleLoadException {
        KnowledgeBase.Checked checked = KnowledgeBase.check(directory, options);
        return new Report(checked.findings(), checked.knowledgeBase());
    }
}
