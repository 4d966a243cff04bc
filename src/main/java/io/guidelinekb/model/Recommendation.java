package io.guidelinekb.model;

import java.util.Objects;
import java.util.Set;
import org.kie.api.runtime.rule.RuleContext;

/**
 * A recommendation given for an in-scope episode, with the guideline's strength, evidence grade
 * and wording, the proposed interventions that trigger it, and where it came from.
 */
public record Recommendation(
        String episodeId,
        String id,
        Strength strength,
        EvidenceGrade evidence,
        String section,
        String textDa,
        String textEn,
        Set<Intervention> triggeredBy,
        Provenance provenance) {

    public Recommendation {
        Objects.requireNonNull(episodeId, "episodeId must not be null");
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(provenance, "provenance must not be null");
        triggeredBy = Enums.immutableSet(Intervention.class, triggeredBy);
    }

    /**
     * The key under which the loader leaves a {@link Template} on each recommendation rule, so that
     * a firing neither parses the annotations again nor looks up where the rule came from.
     */
    public static final String TEMPLATE = "io.guidelinekb.template";

    /** What a recommendation rule gives on every firing: its parsed definition and its provenance. */
    public record Template(RecommendationDefinition definition, Provenance provenance) {
        public Template {
            Objects.requireNonNull(definition, "definition must not be null");
            Objects.requireNonNull(provenance, "provenance must not be null");
        }
    }

    /**
     * The recommendation that the firing rule declares in its metadata, for {@code episode}. Called
     * from a rule's consequence: {@code insert( Recommendation.given( kcontext, $episode ) );}
     */
    public static Recommendation given(RuleContext kcontext, Episode episode) {
        Template template = templateOf(kcontext.getRule());
        RecommendationDefinition definition = template.definition();
        Set<Intervention> triggeredBy = Enums.intersection(Intervention.class, episode.proposedInterventions(),
                definition.concerns());
        return new Recommendation(episode.id(), definition.id(), definition.strength(), definition.evidence(),
                definition.section(), definition.textDa(), definition.textEn(), triggeredBy, template.provenance());
    }

    /** The loader's template, or for a rule it did not prepare, one read from the annotations now. */
    private static Template templateOf(org.kie.api.definition.rule.Rule rule) {
        if (rule.getMetaData().get(TEMPLATE) instanceof Template template) {
            return template;
        }
        RecommendationDefinition.Result parsed = RecommendationDefinition.parse(rule.getMetaData());
        if (!parsed.ok()) {
            throw new IllegalStateException("rule \"" + rule.getName() + "\" has invalid recommendation metadata: "
                    + parsed.problems());
        }
        return new Template(parsed.definition(), new Provenance(rule.getName(), null, null));
    }

    public boolean triggered() {
        return !triggeredBy.isEmpty();
    }

    public Recommendation withProvenance(Provenance provenance) {
        return new Recommendation(episodeId, id, strength, evidence, section, textDa, textEn, triggeredBy, provenance);
    }

    /** This recommendation for another episode id. */
    public Recommendation forEpisode(String newEpisodeId) {
        return new Recommendation(newEpisodeId, id, strength, evidence, section, textDa, textEn, triggeredBy, provenance);
    }

    /** This recommendation for another episode id, with full provenance. */
    public Recommendation forEpisode(String newEpisodeId, Provenance provenance) {
        return new Recommendation(newEpisodeId, id, strength, evidence, section, textDa, textEn, triggeredBy, provenance);
    }

    @Override
    public String toString() {
        return "Recommendation(" + id + (triggered() ? " triggered by " + triggeredBy : "") + ")";
    }
}
