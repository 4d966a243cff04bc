package io.guidelinekb.model;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.kie.api.runtime.rule.RuleContext;

/**
 * A recommendation given for an in-scope episode, with the guideline's strength, evidence grade
 * and wording, the proposed interventions that trigger it, and where it came from.
 *
 * @param triggeredBy      every proposed intervention that the recommendation concerns
 * @param triggeredAgainst those of them whose proposal goes against it (what an order alert shows);
 *                         the rest follow it ({@link #triggeredWith()})
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
        Set<Intervention> triggeredAgainst,
        Provenance provenance) {

    public Recommendation {
        Objects.requireNonNull(episodeId, "episodeId must not be null");
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(provenance, "provenance must not be null");
        triggeredBy = Enums.immutableSet(Intervention.class, triggeredBy);
        triggeredAgainst = Enums.immutableSet(Intervention.class, triggeredAgainst);
        if (!triggeredBy.containsAll(triggeredAgainst)) {
            throw new IllegalArgumentException(id + ": triggeredAgainst " + triggeredAgainst
                    + " must be among triggeredBy " + triggeredBy);
        }
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
        Set<Intervention> proposed = episode.proposedInterventions();
        Set<Intervention> against = Enums.intersection(Intervention.class, proposed, definition.against());
        Set<Intervention> with = Enums.intersection(Intervention.class, proposed, definition.with());
        Set<Intervention> triggeredBy = with.isEmpty() ? against : against.isEmpty() ? with : union(against, with);
        return new Recommendation(episode.id(), definition.id(), definition.strength(), definition.evidence(),
                definition.section(), definition.textDa(), definition.textEn(), triggeredBy, against,
                template.provenance());
    }

    private static Set<Intervention> union(Set<Intervention> a, Set<Intervention> b) {
        EnumSet<Intervention> all = EnumSet.copyOf(a);
        all.addAll(b);
        return all;
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
        return new Template(parsed.definition(), new Provenance(rule.getName(), null, null, null));
    }

    /**
     * What the guideline's descriptor says of this recommendation's standing (e.g. under review, with a
     * note and a link), when it says anything; the guideline's own standing is on the result.
     */
    public Optional<Review> review() {
        return provenance.guideline() == null ? Optional.empty() : provenance.guideline().reviewOf(id);
    }

    public boolean triggered() {
        return !triggeredBy.isEmpty();
    }

    /** True when a proposed intervention goes against this recommendation: what an order-time alert shows. */
    public boolean triggeredAgainstIt() {
        return !triggeredAgainst.isEmpty();
    }

    /** The proposed interventions that follow this recommendation: care concordant with the guideline. */
    public Set<Intervention> triggeredWith() {
        if (triggeredAgainst.isEmpty()) {
            return triggeredBy;
        }
        EnumSet<Intervention> with = EnumSet.noneOf(Intervention.class);
        triggeredBy.stream().filter(i -> !triggeredAgainst.contains(i)).forEach(with::add);
        return Enums.immutableSet(Intervention.class, with);
    }

    /** Which way proposing {@code intervention} went, or empty when it did not trigger this recommendation. */
    public Optional<TriggerDirection> direction(Intervention intervention) {
        if (!triggeredBy.contains(intervention)) {
            return Optional.empty();
        }
        return Optional.of(triggeredAgainst.contains(intervention) ? TriggerDirection.AGAINST
                : TriggerDirection.WITH);
    }

    public Recommendation withProvenance(Provenance provenance) {
        return new Recommendation(episodeId, id, strength, evidence, section, textDa, textEn, triggeredBy, triggeredAgainst, provenance);
    }

    /** This recommendation for another episode id. */
    public Recommendation forEpisode(String newEpisodeId) {
        return new Recommendation(newEpisodeId, id, strength, evidence, section, textDa, textEn, triggeredBy, triggeredAgainst, provenance);
    }

    /** This recommendation for another episode id, with full provenance. */
    public Recommendation forEpisode(String newEpisodeId, Provenance provenance) {
        return new Recommendation(newEpisodeId, id, strength, evidence, section, textDa, textEn, triggeredBy, triggeredAgainst, provenance);
    }

    @Override
    public String toString() {
        return "Recommendation(" + id + (triggered() ? " triggered by " + triggeredBy
                + (triggeredAgainstIt() ? ", against by " + triggeredAgainst : "") : "") + ")";
    }
}
