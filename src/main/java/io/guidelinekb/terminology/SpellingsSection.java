package io.guidelinekb.terminology;

import io.guidelinekb.util.CodeCharacters;
import io.guidelinekb.model.CodeBinding;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.guidelinekb.model.RuleProblem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code spellings:} section of a bindings file: the systems that spell another system's codes
 * their own way (SKS as "D" and the ICD-10 code without its dot), read with every problem at its line.
 */
final class SpellingsSection {

    private static final Set<String> SPELLING_KEYS = Set.of("of", "prefix", "dots", "subcodes");

    private final String file;
    private final List<RuleProblem> problems;

    SpellingsSection(String file, List<RuleProblem> problems) {
        this.file = file;
        this.problems = problems;
    }

    /**
     * {@code spellings:} a mapping from a system to the system whose codes it spells, how it spells
     * them ({@code prefix}, {@code dots: drop}) and whether it divides them further ({@code subcodes}).
     */
    List<SystemSpelling> read(JsonParser parser) throws IOException {
        List<SystemSpelling> spellings = new ArrayList<>();
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            problem(parser, "spellings: expected a mapping from a code system to the system whose codes it spells");
            parser.skipChildren();
            return spellings;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String system = parser.currentName();
            int line = line(parser);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                problem(parser, "spellings: " + system + ": expected a mapping with of, and prefix, dots or subcodes");
                parser.skipChildren();
                continue;
            }
            String of = null;
            String prefix = "";
            boolean dropDots = false;
            boolean subcodes = false;
            boolean valid = true;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (key) {
                    case "of" -> of = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "prefix" -> prefix = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "dots" -> {
                        dropDots = value == JsonToken.VALUE_STRING && parser.getText().equals("drop");
                        if (!dropDots && !(value == JsonToken.VALUE_STRING && parser.getText().equals("keep"))) {
                            problem(parser, "spellings: " + system + ": dots: expected drop or keep");
                            valid = false;
                        }
                    }
                    case "subcodes" -> {
                        subcodes = value == JsonToken.VALUE_TRUE;
                        if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
                            problem(parser, "spellings: " + system + ": subcodes: expected true or false");
                            valid = false;
                        }
                    }
                    default -> {
                        problem(parser, "spellings: " + system + ": unknown key \"" + key + "\"; allowed: "
                                + SPELLING_KEYS.stream().sorted().collect(Collectors.joining(", ")));
                        valid = false;
                    }
                }
                parser.skipChildren();
            }
            valid &= spellingValid(spellings, system, of, prefix, line);
            if (valid) {
                spellings.add(new SystemSpelling(system, of, prefix, dropDots, subcodes, line));
            }
        }
        return spellings;
    }

    private boolean spellingValid(List<SystemSpelling> spellings, String system, String of, String prefix, int line) {
        String problem = of == null ? "of: expected the code system whose codes " + system + " spells"
                : prefix == null ? "prefix: expected the text written before each code"
                : CodeCharacters.firstUnusual(system + of + (prefix.isEmpty() ? "x" : prefix)) != null
                ? "holds " + CodeCharacters.firstUnusual(system + of + (prefix.isEmpty() ? "x" : prefix))
                : BindingsReader.systemProblem(system) != null ? "\"" + system + "\" is not a code system URI: " + BindingsReader.systemProblem(system)
                : BindingsReader.systemProblem(of) != null ? "of: \"" + of + "\" is not a code system URI: " + BindingsReader.systemProblem(of)
                : of.equals(system) ? "of: a system cannot spell its own codes"
                : spellings.stream().anyMatch(s -> s.system().equals(system)) ? "declared twice" : null;
        if (problem != null) {
            problems.add(RuleProblem.error(file, line, 0, "spellings: " + system + ": " + problem));
        }
        return problem == null;
    }

    /** Every code bound in a spelled system, as each system that spells it writes it. */
    static List<CodeBinding> spelled(List<CodeBinding> bindings, List<SystemSpelling> spellings, String file,
                                     List<RuleProblem> problems) {
        List<CodeBinding> spelled = new ArrayList<>();
        for (SystemSpelling spelling : spellings) {
            if (spellings.stream().anyMatch(s -> s.system().equals(spelling.of()))) {
                problems.add(RuleProblem.error(file, spelling.line(), 0, "spellings: " + spelling.system() + ": of: "
                        + spelling.of() + " is itself a spelling; name the system it spells"));
                continue;
            }
            bindings.stream().filter(b -> b.system().equals(spelling.of())).map(spelling::spell).forEach(spelled::add);
        }
        return spelled;
    }

    private void problem(JsonParser parser, String message) {
        problems.add(RuleProblem.error(file, parser.currentTokenLocation().getLineNr(),
                parser.currentTokenLocation().getColumnNr(), message));
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }
}
