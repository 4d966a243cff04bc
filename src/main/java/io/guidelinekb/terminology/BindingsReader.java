package io.guidelinekb.terminology;

import io.guidelinekb.util.CodeCharacters;
import io.guidelinekb.model.CodeBinding;
import io.guidelinekb.model.Concept;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.guidelinekb.model.RuleProblem;
import io.guidelinekb.guideline.DataFiles;
import io.guidelinekb.util.SyntaxMessage;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a guideline folder's {@code bindings.yaml}, naming every problem with file, line and column:
 * <pre>
 * concepts:
 *   LOW_BACK_PAIN:
 *     - http://hl7.org/fhir/sid/icd-10|M54.5*           # system|code; a trailing * matches subcodes
 *     - code: http://snomed.info/sct|279039007
 *       unconfirmed: true                               # ⚠ widely used, not confirmed in an official release
 *     - code: http://hl7.org/fhir/sid/icpc-2|L86
 *       implies: [LEG_RADIATION]                        # the code means more than its concept
 * </pre>
 * Read token by token, because a tree would forget where each value stood.
 */
public final class BindingsReader {

    private static final Set<String> ITEM_KEYS = Set.of("code", "unconfirmed", "implies");

    /** The bindings read, and every problem found. */
    public record Result(List<CodeBinding> bindings, List<RuleProblem> problems) {
        public Result {
            bindings = List.copyOf(bindings);
            problems = List.copyOf(problems);
        }
    }

    private final String file;
    private final io.guidelinekb.model.Vocabulary vocabulary;
    private final List<CodeBinding> bindings = new ArrayList<>();
    private final List<RuleProblem> problems = new ArrayList<>();
    private final List<SystemSpelling> spellings = new ArrayList<>();

    private BindingsReader(String file, io.guidelinekb.model.Vocabulary vocabulary) {
        this.file = file;
        this.vocabulary = vocabulary;
    }

    /**
     * Reads {@code text}, YAML or JSON by {@code file}'s name, which also names it in messages; every
     * concept must be an id of {@code vocabulary}, the guideline folder's.
     */
    public static Result read(String text, String file, io.guidelinekb.model.Vocabulary vocabulary) {
        BindingsReader reader = new BindingsReader(file, vocabulary);
        try (JsonParser parser = DataFiles.factoryFor(file).createParser(text)) {
            reader.document(parser);
        } catch (JsonProcessingException e) {
            reader.problems.add(RuleProblem.error(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    e.getLocation() == null ? 0 : e.getLocation().getColumnNr(), "not valid " + (DataFiles.isYaml(file) ? "YAML" : "JSON") + ": " + SyntaxMessage.readable(e.getOriginalMessage())));
        } catch (IOException e) {
            reader.problems.add(RuleProblem.error(file, 0, 0, "cannot read: " + e.getMessage()));
        } catch (DataFiles.MissingYamlException e) {
            reader.problems.add(RuleProblem.error(file, 0, 0, e.getMessage().substring(file.length() + 2)));
        }
        reader.bindings.addAll(SpellingsSection.spelled(reader.bindings, reader.spellings, reader.file, reader.problems));
        reader.checkEachCodeMeansOneConcept();
        return new Result(reader.bindings, reader.problems);
    }

    /** Checks several files together: a code may stand in one of them only. */
    public static List<RuleProblem> conflicts(List<CodeBinding> all) {
        return new BindingsReader("", null).conflictsAmong(all);
    }

    private void document(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            return;
        }
        if (first != JsonToken.START_OBJECT) {
            problem(parser, "expected a mapping with the key concepts");
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            if (key.equals("spellings")) {
                spellings.addAll(new SpellingsSection(file, problems).read(parser));
            } else if (!key.equals("concepts")) {
                problem(parser, "unknown key \"" + key + "\"; allowed: concepts, spellings");
                parser.skipChildren();
            } else if (parser.currentToken() != JsonToken.START_OBJECT) {
                problem(parser, "concepts: expected a mapping from concept to its codes");
                parser.skipChildren();
            } else {
                concepts(parser);
            }
        }
    }

    private void concepts(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            int line = line(parser);
            int column = column(parser);
            JsonToken value = parser.nextToken();
            var concept = Concept.named(name, vocabulary);
            if (concept.isEmpty()) {
                problems.add(RuleProblem.error(file, line, column, "unknown concept \"" + name + "\"" + suggestion(name)
                        + "; a concept is a finding or an intervention of " + vocabulary.guideline()
                        + ", or RED_FLAG_ and a red flag's id (" + vocabulary.file() + "): "
                        + Concept.all(vocabulary).stream().map(Concept::name).collect(Collectors.joining(", "))));
                parser.skipChildren();
            } else if (value == JsonToken.VALUE_NULL) {
                continue;
            } else if (value != JsonToken.START_ARRAY) {
                problem(parser, name + ": expected a list of codes (system|code)");
                parser.skipChildren();
            } else {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    item(parser, concept.get());
                }
            }
        }
    }

    private void item(JsonParser parser, Concept concept) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            coding(concept, parser.getText(), false, Set.of(), line(parser));
            return;
        }
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            problem(parser, concept + ": expected system|code, or a mapping with code and unconfirmed or implies");
            parser.skipChildren();
            return;
        }
        int line = line(parser);
        String code = null;
        boolean unconfirmed = false;
        Set<Concept> implies = new LinkedHashSet<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (key) {
                case "code" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        code = parser.getText();
                        line = line(parser);
                    } else {
                        problem(parser, concept + ": code: expected system|code");
                        parser.skipChildren();
                    }
                }
                case "unconfirmed" -> {
                    if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
                        unconfirmed = value == JsonToken.VALUE_TRUE;
                    } else {
                        problem(parser, concept + ": unconfirmed: expected true or false");
                        parser.skipChildren();
                    }
                }
                case "implies" -> implies(parser, concept, implies);
                default -> {
                    problem(parser, concept + ": unknown key \"" + key + "\"; allowed: "
                            + ITEM_KEYS.stream().sorted().collect(Collectors.joining(", ")));
                    parser.skipChildren();
                }
            }
        }
        if (code == null) {
            problems.add(RuleProblem.error(file, line, 0, concept + ": a code mapping needs code: system|code"));
            return;
        }
        coding(concept, code, unconfirmed, implies, line);
    }

    private void implies(JsonParser parser, Concept concept, Set<Concept> implies) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            problem(parser, concept + ": implies: expected a list of concepts");
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            String name = parser.getText();
            var implied = parser.currentToken() == JsonToken.VALUE_STRING ? Concept.named(name, vocabulary)
                    : java.util.Optional.<Concept>empty();
            if (implied.isEmpty()) {
                problem(parser, concept + ": implies unknown concept \"" + name + "\"" + suggestion(name));
                parser.skipChildren();
            } else {
                implies.add(implied.get());
            }
        }
    }

    private void coding(Concept concept, String text, boolean unconfirmed, Set<Concept> implies,
                        int line) {
        String written = text;
        String unusual = CodeCharacters.firstUnusual(written);
        if (unusual != null) {
            problems.add(RuleProblem.error(file, line, 0, concept + ": \"" + CodeCharacters.visible(written) + "\" holds "
                    + unusual + "; a code and its system are written in ASCII letters, digits and punctuation, "
                    + "without spaces (as pasted from a web page, a code may carry an invisible character)"));
            return;
        }
        int bar = written.lastIndexOf('|');
        String system = bar < 0 ? "" : written.substring(0, bar);
        String code = bar < 0 ? written : written.substring(bar + 1);
        boolean prefix = code.endsWith("*");
        if (prefix) {
            code = code.substring(0, code.length() - 1);
        }
        if (bar < 0) {
            problems.add(RuleProblem.error(file, line, 0, concept + ": \"" + written + "\" has no system; write "
                    + "system|code, e.g. http://snomed.info/sct|279039007"));
            return;
        }
        String systemProblem = systemProblem(system);
        if (systemProblem != null) {
            problems.add(RuleProblem.error(file, line, 0, concept + ": \"" + system + "\" is not a code system URI: "
                    + systemProblem + "; write an absolute URI such as http://snomed.info/sct or urn:oid:1.2.208.176.2.4.12"));
            return;
        }
        if (code.isEmpty() || code.indexOf('*') >= 0 || code.indexOf('|') >= 0) {
            problems.add(RuleProblem.error(file, line, 0, concept + ": \"" + written + "\" has no valid code after "
                    + "the |; * may only end it, to match subcodes"));
            return;
        }
        bindings.add(new CodeBinding(concept, system, code, prefix, unconfirmed, implies, file, line));
    }

    static String systemProblem(String system) {
        try {
            URI uri = new URI(system);
            if (!uri.isAbsolute()) {
                return "it has no scheme";
            }
            String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && (uri.getHost() == null || uri.getHost().isEmpty())) {
                return "it has no host";
            }
            if (scheme.equals("urn") && !system.matches("urn:(oid:[0-2](\\.(0|[1-9][0-9]*))+|uuid:[0-9a-fA-F-]{36})")) {
                return "a urn must be urn:oid:… (digits and dots) or urn:uuid:…";
            }
            if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("urn")) {
                return "FHIR code systems are http(s) URLs or urn:oid/urn:uuid";
            }
            return null;
        } catch (URISyntaxException e) {
            return e.getReason();
        }
    }

    private void checkEachCodeMeansOneConcept() {
        problems.addAll(conflictsAmong(bindings));
    }

    /**
     * The same code twice, or one code (or prefix) inside another's under a different concept. Two
     * guideline folders may each bind a code, when they say the same of it: each folder is whole.
     */
    private List<RuleProblem> conflictsAmong(List<CodeBinding> all) {
        List<RuleProblem> found = new ArrayList<>();
        Map<String, CodeBinding> seen = new HashMap<>();
        for (CodeBinding binding : all) {
            CodeBinding earlier = seen.putIfAbsent(binding.written(), binding);
            boolean agrees = earlier != null && !earlier.file().equals(binding.file())
                    && earlier.concept().equals(binding.concept()) && earlier.implies().equals(binding.implies());
            if (earlier != null && !agrees) {
                found.add(RuleProblem.error(binding.file(), binding.line(), 0, binding.written() + " is bound twice: "
                        + (earlier.concept().equals(binding.concept()) ? "already" : "already to " + earlier.concept())
                        + " at " + earlier.file() + ":" + earlier.line() + "; a code means one concept (use implies: "
                        + "for a code that means more)"));
            }
        }
        // Each code is looked up under each of its own prefixes: linear in the bindings, where comparing
        // every prefix with every code took minutes for tens of thousands of prefixes.
        Map<String, List<Integer>> prefixes = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).prefix()) {
                prefixes.computeIfAbsent(all.get(i).system() + "|" + all.get(i).code(), k -> new ArrayList<>()).add(i);
            }
        }
        List<int[]> clashes = new ArrayList<>();
        for (int o = 0; o < all.size(); o++) {
            CodeBinding other = all.get(o);
            for (int length = 0; length <= other.code().length(); length++) {
                for (int p : prefixes.getOrDefault(other.system() + "|" + other.code().substring(0, length), List.of())) {
                    CodeBinding prefix = all.get(p);
                    if (p != o && !other.concept().equals(prefix.concept()) && !other.written().equals(prefix.written())) {
                        clashes.add(new int[] {p, o});
                    }
                }
            }
        }
        clashes.sort(java.util.Comparator.<int[]>comparingInt(c -> c[0]).thenComparingInt(c -> c[1]));
        for (int[] clash : clashes) {
            CodeBinding prefix = all.get(clash[0]);
            CodeBinding other = all.get(clash[1]);
            found.add(RuleProblem.error(other.file(), other.line(), 0, other.written() + " (" + other.concept()
                    + ") is also matched by " + prefix.written() + " (" + prefix.concept() + ") at "
                    + prefix.file() + ":" + prefix.line() + "; a code means one concept"));
        }
        return found;
    }

    private String suggestion(String name) {
        String wanted = name.toUpperCase(java.util.Locale.ROOT).replace('-', '_').replace(' ', '_');
        if (wanted.length() < 3) {
            return "";
        }
        return Concept.all(vocabulary).stream().map(Concept::name)
                .filter(c -> c.equals(wanted) || c.equals("RED_FLAG_" + wanted)
                        || c.length() >= 3 && (c.contains(wanted) || wanted.contains(c)))
                .findFirst().map(c -> " (did you mean " + c + "?)").orElse("");
    }

    private void problem(JsonParser parser, String message) {
        problems.add(RuleProblem.error(file, line(parser), column(parser), message));
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    private static int column(JsonParser parser) {
        return parser.currentTokenLocation().getColumnNr();
    }
}
