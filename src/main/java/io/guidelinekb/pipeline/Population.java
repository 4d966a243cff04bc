package io.guidelinekb.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.guidelinekb.guideline.DataFiles;
import io.guidelinekb.util.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a synthetic population is made of, from a guideline folder's {@code population.yaml}: how
 * often each id of its vocabulary is drawn, and the thresholds its ages and durations crowd around.
 * Data beside the rules, so that no guideline's words are written in Java.
 *
 * @param age           the age the scope turns on, which some patients are drawn just under
 * @param days          the duration the scope turns on, which some episodes are drawn just past
 * @param findingSets   sets of findings drawn together (where the pain is felt), each with its share
 * @param findings      each finding's share recorded as holding and as not
 * @param redFlags      the red flags to draw from
 * @param redFlagShare  the share of episodes with a red flag
 * @param secondRedFlag the share of those with a second one
 * @param interventions each intervention's share of episodes it is proposed for
 */
public record Population(int age, int days, List<Weighted> findingSets, Map<String, double[]> findings,
                         List<String> redFlags, double redFlagShare, double secondRedFlag,
                         Map<String, Double> interventions) {

    /** The population file of a guideline folder. */
    public static final String FILE = "population.yaml";

    /**
     * A set of findings drawn together.
     *
     * @param share    the share of episodes
     * @param findings the findings
     */
    public record Weighted(double share, Map<String, Boolean> findings) {
    }

    /**
     * The population of the one guideline folder under {@code rules} that has a {@code population.yaml},
     * or of the one {@code guideline} names.
     *
     * @param rules     the rules folder
     * @param guideline the guideline folder's name, or {@code null} for the only one with a population file
     * @return the population
     * @throws InvalidInputException when there is none, or several, or the file is not what it should be
     */
    public static Population of(Path rules, String guideline) throws InvalidInputException {
        List<Path> files = new ArrayList<>();
        if (guideline != null && !guideline.matches("[a-z0-9][a-z0-9-]*")) {
            throw new InvalidInputException("--guideline: \"" + io.guidelinekb.util.Identifiers.printable(guideline)
                    + "\" is not a guideline folder's name (lower-case letters, digits and -)");
        }
        if (guideline != null) {
            files.add(rules.resolve(guideline).resolve(FILE));
        } else {
            try (var folders = Files.list(rules)) {
                folders.filter(folder -> !folder.getFileName().toString().startsWith(".")).map(folder -> folder.resolve(FILE)).filter(Files::isRegularFile).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new InvalidInputException(rules + ": cannot read: " + e.getMessage());
            }
        }
        if (files.size() != 1 || !Files.isRegularFile(files.get(0))) {
            throw new InvalidInputException(rules + ": " + (files.isEmpty() || !Files.isRegularFile(files.get(0))
                    ? "no guideline folder has a " + FILE + " to generate records from"
                    : files.size() + " guideline folders have a " + FILE + "; choose one with --guideline ID"));
        }
        return read(files.get(0), rules.resolve(files.get(0).getParent().getFileName()));
    }

    /** Reads a population file; the red flags are those of the folder's vocabulary. */
    static Population read(Path file, Path folder) throws InvalidInputException {
        try {
            JsonNode root = DataFiles.tree(Files.readAllBytes(file), file.toString());
            Path vocabularyFile = folder.resolve("vocabulary.yaml");
            var read = io.guidelinekb.guideline.VocabularyReader.read(Files.readAllBytes(vocabularyFile),
                    vocabularyFile.toString(), String.valueOf(folder.getFileName()));
            if (!read.problems().isEmpty()) {
                throw new InvalidInputException(read.problems().get(0).toString());
            }
            io.guidelinekb.model.Vocabulary vocabulary = read.vocabulary();
            List<Weighted> sets = new ArrayList<>();
            for (JsonNode set : root.path("findingSets")) {
                Map<String, Boolean> findings = new LinkedHashMap<>();
                set.path("findings").fields().forEachRemaining(f -> findings.put(f.getKey(), f.getValue().asBoolean()));
                sets.add(new Weighted(set.path("share").asDouble(), findings));
            }
            Map<String, double[]> findings = new LinkedHashMap<>();
            root.path("findings").fields().forEachRemaining(f -> findings.put(f.getKey(),
                    new double[] {f.getValue().path(0).asDouble(), f.getValue().path(1).asDouble()}));
            List<String> flags = List.copyOf(vocabulary.terms(io.guidelinekb.model.Vocabulary.Section.RED_FLAGS).keySet());
            // every id is the vocabulary's: a misspelt one is named here, not at the first evaluation
            sets.forEach(set -> set.findings().keySet().forEach(id -> vocabulary.require(
                    io.guidelinekb.model.Vocabulary.Section.FINDINGS, id)));
            findings.keySet().forEach(id -> vocabulary.require(io.guidelinekb.model.Vocabulary.Section.FINDINGS, id));
            Map<String, Double> interventions = new LinkedHashMap<>();
            root.path("interventions").fields().forEachRemaining(i -> interventions.put(vocabulary.require(
                    io.guidelinekb.model.Vocabulary.Section.INTERVENTIONS, i.getKey()), i.getValue().asDouble()));
            return new Population(root.path("around").path("age").asInt(18), root.path("around").path("days").asInt(90),
                    sets, findings, flags, root.path("redFlags").path("share").asDouble(),
                    root.path("redFlags").path("second").asDouble(), interventions);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(file + ": cannot read the population: " + e.getMessage());
        }
    }
}
