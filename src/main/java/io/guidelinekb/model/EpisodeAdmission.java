package io.guidelinekb.model;

import io.guidelinekb.model.Vocabulary.Section;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** How an episode's ids meet a guideline's vocabulary: all of them checked, or those it lacks left out. */
final class EpisodeAdmission {

    private EpisodeAdmission() {
    }

    /** Fails on the first id of the episode the vocabulary lacks. */
    static void check(Vocabulary vocabulary, Episode episode) {
        requireAll(vocabulary, Section.INTERVENTIONS, episode.proposedInterventions());
        requireAll(vocabulary, Section.RED_FLAGS, episode.redFlags());
        requireAll(vocabulary, Section.FINDINGS, episode.findings().keySet());
    }

    private static void requireAll(Vocabulary vocabulary, Section section, Collection<String> ids) {
        for (String id : ids) {
            if (!vocabulary.has(section, id)) {
                vocabulary.require(section, id);
            }
        }
    }

    /** The episode bound to the vocabulary, with only the ids it has. */
    static Episode known(Vocabulary vocabulary, Episode episode) {
        return episode.in(vocabulary, known(vocabulary, Section.INTERVENTIONS, episode.proposedInterventions()),
                known(vocabulary, Section.RED_FLAGS, episode.redFlags()), knownFindings(vocabulary, episode.findings()));
    }

    /** The ids the section has; the same set when it has them all. */
    private static Set<String> known(Vocabulary vocabulary, Section section, Set<String> ids) {
        if (ids.stream().allMatch(id -> vocabulary.has(section, id))) {
            return ids;
        }
        return Ids.owned(ids.stream().filter(id -> vocabulary.has(section, id)).collect(
                java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
    }

    private static Map<String, Boolean> knownFindings(Vocabulary vocabulary, Map<String, Boolean> findings) {
        if (findings.keySet().stream().allMatch(id -> vocabulary.has(Section.FINDINGS, id))) {
            return findings;
        }
        Map<String, Boolean> known = new LinkedHashMap<>();
        findings.forEach((id, value) -> {
            if (vocabulary.has(Section.FINDINGS, id)) {
                known.put(id, value);
            }
        });
        return Ids.findings(known);
    }
}
