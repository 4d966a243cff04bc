package io.guidelinekb.model;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.kie.api.runtime.rule.RuleContext;

/**
 * A recommendation given for an in-scope episode, with the guideline's strength, evidence grade
 * and wording, the proposed interventions that trigger it, and where it came from.
 *
 * @param episodeId        the episode it is given to
 * @param id               its id, e.g. {@code NKR-LBP-04}
 * @param strength         the strength of the recommendation
 * @param evidence         the grade of the evidence
 * @param section          the quick guide's heading, in Danish
 * @param textDa           the guideline's wording, verbatim
 * @param textEn           a faithful English rendering
 * @param triggeredBy      every proposed intervention that the recommendation concerns
 * @param triggeredAgainst those of them whose proposal goes against it (what an order alert shows);
 *                         the rest follow it ({@link #triggeredWith()})
 * @param provenance       the rule, file, knowledge-base version and guideline it came from
 * @param lifecycle        active, or draft (given to authors, never shown at the point of care)
 * @param notes            what the panel wrote besides the text: rationale, references, PICO
 */
public record Recommendation(
        String episodeId,
        String id,
        Strength strength,
        EvidenceGrade evidence,
        String section,
        String textDa,
        String textEn,
        Set<String> triggeredBy,
        Set<String> triggeredAgainst,
        Provenance provenance,
        Lifecycle lifecycle,
        PanelNotes notes) {

    /**
     * Checks and copies the components.
     *
     * @param episodeId        the episode it is given to
     * @param id               its id, e.g. {@code NKR-LBP-04}
     * @param strength         the strength of the recommendation
     * @param evidence         the grade of the evidence
     * @param section          the quick guide's heading, in Danish
     * @param textDa           the guideline's wording, verbatim
     * @param textEn           a faithful English rendering
     * @param triggeredBy      every proposed intervention that the recommendation concerns
     * @param triggeredAgainst those of them whose proposal goes against it (what an order alert shows); the rest follow it ({@link #triggeredWith()})
     * @param provenance       the rule, file, knowledge-base version and guideline it came from
     * @param lifecycle        active, or draft (given to authors, never shown at the point of care)
     * @param notes            what the panel wrote besides the text; {@link PanelNotes#NONE} for nothing
     */
    public Recommendation {
        Objects.requireNonNull(notes, "notes must not be null");
        Objects.requireNonNull(episodeId, "episodeId must not be null");
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(provenance, "provenance must not be null");
        Objects.requireNonNull(lifecycle, "lifecycle must not be null");
        triggeredBy = Ids.set(triggeredBy, "intervention");
        triggeredAgainst = Ids.set(triggeredAgainst, "intervention");
        if (!triggeredAgainst.isEmpty() && !triggeredBy.containsAll(triggeredAgainst)) {
            throw new IllegalArgumentException(id + ": triggeredAgainst " + triggeredAgainst
                    + " must be among triggeredBy " + triggeredBy);
        }
    }

    /**
     * Where the knowledge base leaves, on each recommendation rule it compiles, the function that gives
     * that rule's recommendation for an episode: the rule's metadata parsed once, not on every firing.
     */
    private static final String PREPARED = "io.guidelinekb.prepared";

    /**
     * The recommendation that the firing rule declares in its metadata, for {@code episode}: what a
     * recommendation rule's consequence inserts,
     * {@code insert( Recommendation.given( kcontext, $episode ) );}
     *
     * @param kcontext the firing rule's context, {@code kcontext} in DRL
     * @param episode  the episode the rule fired for
     * @return the recommendation, triggered by those of the episode's proposed interventions it concerns
     * @throws IllegalStateException when the rule was compiled outside a {@code KnowledgeBase}
     */
    @SuppressWarnings("unchecked")
    public static Recommendation given(RuleContext kcontext, Episode episode) {
        Object prepared = kcontext.getRule().getMetaData().get(PREPARED);
        if (!(prepared instanceof Function<?, ?> give)) {
            throw new IllegalStateException("rule \"" + kcontext.getRule().getName() + "\" was not compiled by a "
                    + "KnowledgeBase, which prepares what a recommendation rule gives");
        }
        return ((Function<Episode, Recommendation>) give).apply(episode);
    }

    /**
     * The recommendation a definition gives an episode, triggered by those of the episode's proposed
     * interventions it concerns, in the vocabulary's order.
     *
     * @param definition the recommendation as its rule declares it
     * @param episode    the episode
     * @param provenance which rule gave it
     * @param vocabulary the guideline's vocabulary
     * @return the recommendation
     */
    public static Recommendation of(RecommendationDefinition definition, Episode episode, Provenance provenance,
                                    Vocabulary vocabulary) {
        Set<String> proposed = episode.proposedInterventions();
        Set<String> against = proposed.isEmpty() ? Set.of() : common(proposed, definition.against());
        Set<String> with = proposed.isEmpty() ? Set.of() : common(proposed, definition.with());
        Set<String> triggeredBy = with.isEmpty() ? against : against.isEmpty() ? with
                : vocabulary.ordered(Vocabulary.Section.INTERVENTIONS, union(against, with));
        return new Recommendation(episode.id(), definition.id(), definition.strength(), definition.evidence(),
                definition.section(), definition.textDa(), definition.textEn(), triggeredBy, against, provenance,
                definition.lifecycle(), definition.notes());
    }

    /** Those of {@code concerned} proposed, in the order {@code concerned} keeps (the vocabulary's). */
    private static Set<String> common(Set<String> proposed, Set<String> concerned) {
        if (concerned.isEmpty()) {
            return Set.of();
        }
        if (concerned.size() == 1) {
            String only = concerned.iterator().next();
            return proposed.contains(only) ? Set.of(only) : Set.of();
        }
        java.util.LinkedHashSet<String> both = null;
        for (String intervention : concerned) {
            if (proposed.contains(intervention)) {
                if (both == null) {
                    both = new java.util.LinkedHashSet<>(4);
                }
                both.add(intervention);
            }
        }
        return both == null ? Set.of() : Ids.owned(both);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * Whether it is a draft: given to authors and audits, never shown at the point of care.
     *
     * @return true for a draft
     */
    public boolean draft() {
        return lifecycle == Lifecycle.DRAFT;
    }

    /**
     * What the guideline's descriptor says of this recommendation's standing (e.g. under review, with a
     * note and a link), when it says anything; the guideline's own standing is on the result.
     *
     * @return the review, or empty
     */
    public Optional<Review> review() {
        return provenance.guideline() == null ? Optional.empty() : provenance.guideline().reviewOf(id);
    }

    /**
     * Whether a proposed intervention concerns this recommendation, in either direction.
     *
     * @return true when triggered
     */
    public boolean triggered() {
        return !triggeredBy.isEmpty();
    }

    /**
     * Whether a proposed intervention goes against this recommendation: what an order-time alert shows.
     *
     * @return true when triggered against it
     */
    public boolean triggeredAgainstIt() {
        return !triggeredAgainst.isEmpty();
    }

    /**
     * The proposed interventions that follow this recommendation: care concordant with the guideline.
     *
     * @return those of {@link #triggeredBy()} not against it
     */
    public Set<String> triggeredWith() {
        if (triggeredAgainst.isEmpty()) {
            return triggeredBy;
        }
        java.util.LinkedHashSet<String> with = new java.util.LinkedHashSet<>();
        triggeredBy.stream().filter(i -> !triggeredAgainst.contains(i)).forEach(with::add);
        return Ids.owned(with);
    }

    /**
     * Which way proposing an intervention went.
     *
     * @param intervention a proposed intervention
     * @return against or with, or empty when it did not trigger this recommendation
     */
    public Optional<TriggerDirection> direction(String intervention) {
        if (!triggeredBy.contains(intervention)) {
            return Optional.empty();
        }
        return Optional.of(triggeredAgainst.contains(intervention) ? TriggerDirection.AGAINST
                : TriggerDirection.WITH);
    }

    @Override
    public String toString() {
        return "Recommendation(" + id + (triggered() ? " triggered by " + triggeredBy
                + (triggeredAgainstIt() ? ", against by " + triggeredAgainst : "") : "") + ")";
    }
}
