package io.guidelinekb.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.guidelinekb.model.RuleProblem;
import io.guidelinekb.guideline.GuidelineDescriptor;
import io.guidelinekb.model.Guideline;
import io.guidelinekb.model.RecommendationDefinition;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** A guideline folder's descriptor, read and checked against the folder's rules. */
public final class FolderDescriptor {

    private FolderDescriptor() {
    }

    /** A guideline as its folder's descriptor says, the file as read, and what is wrong with it. */
    public record Described(Guideline guideline, JsonNode tree, List<RuleProblem> problems) {
    }

    /** Reads the descriptor of a guideline folder, if it has one, and checks it against the folder's rules. */
    public static Described describe(String folder, RuleSources rules, RuleCatalog catalog, Path directory) {
        String name = folder.isEmpty() ? String.valueOf(directory.getFileName()) : folder;
        if (rules.guidelineFiles().isEmpty()) {
            return new Described(Guideline.undescribed(name), null, List.of());
        }
        RuleSources.RuleFile file = rules.guidelineFiles().get(0);
        Set<String> declared = catalog.rules().stream().map(RuleCatalog.RuleEntry::definition)
                .filter(Objects::nonNull).map(RecommendationDefinition::id).collect(Collectors.toSet());
        GuidelineDescriptor.Result read = GuidelineDescriptor.read(file.content(), file.displayPath(), folder, declared);
        return new Described(read.guideline(), read.tree(), read.problems());
    }
}
