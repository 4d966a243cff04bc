package io.guidelinekb.cli;

import java.util.Optional;
import java.util.Set;

/** Which subcommand a command line names, read before picocli reads it. */
final class Subcommands {

    /** The root's options that take a value: the next argument is that value, not a subcommand. */
    private static final Set<String> WITH_VALUE = Set.of("--rules", "--guideline");

    private Subcommands() {
    }

    /**
     * The first argument that is not a root option or its value, when it is one of {@code names};
     * empty for anything else (no subcommand, an unknown one, {@code --}), for which picocli is given
     * every command and says what is wrong.
     */
    static Optional<String> named(String[] args, Set<String> names) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (WITH_VALUE.contains(arg)) {
                i++;
                continue;
            }
            if (arg.startsWith("-")) {
                if (arg.equals("--")) {
                    return Optional.empty();
                }
                continue;
            }
            return names.contains(arg) ? Optional.of(arg) : Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * The value of a root option that a subcommand inherits, wherever it stands ({@code --rules DIR} or
     * {@code --rules=DIR}, before or after the subcommand): present and empty when it is not given,
     * empty when the arguments are not plain about it (given twice, or without its value).
     */
    static Optional<Optional<String>> value(String[] args, String option) {
        Optional<String> found = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                break;
            }
            String value;
            if (arg.equals(option)) {
                if (i + 1 >= args.length) {
                    return Optional.empty();
                }
                value = args[++i];
            } else if (arg.startsWith(option + "=")) {
                value = arg.substring(option.length() + 1);
            } else {
                if (WITH_VALUE.contains(arg)) {
                    i++;
                }
                continue;
            }
            if (found.isPresent()) {
                return Optional.empty();
            }
            found = Optional.of(value);
        }
        return Optional.of(found);
    }
}
