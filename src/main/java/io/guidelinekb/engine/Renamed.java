package io.guidelinekb.engine;

import io.guidelinekb.model.Episode;
import io.guidelinekb.model.Patient;
import io.guidelinekb.model.Provenance;
import io.guidelinekb.model.Recommendation;

/**
 * Facts under other ids: the engine evaluates several episodes together under unique internal ids
 * and hands results back under the episode's own. Here rather than on the fact types, which are the
 * public API and the rules' vocabulary.
 */
public final class Renamed {

    private Renamed() {
    }

    public static Patient patient(Patient p, String id) {
        return new Patient(id, p.birthDate(), p.ageYears(), p.ageYearsAtLeast(), p.ageYearsAtMost());
    }

    public static Episode episode(Episode e, String id, String patientId) {
        return new Episode(id, patientId, e.asOf(), e.onset(), e.daysSinceOnset(), e.daysSinceOnsetAtLeast(),
                e.daysSinceOnsetAtMost(), e.durationWeeks(), e.previousEpisodes(), e.redFlags(), e.findings(),
                e.proposedInterventions(), e.vocabulary());
    }

    static Recommendation recommendation(Recommendation r, String episodeId, Provenance provenance) {
        return new Recommendation(episodeId, r.id(), r.strength(), r.evidence(), r.section(), r.textDa(), r.textEn(),
                r.triggeredBy(), r.triggeredAgainst(), provenance, r.lifecycle(), r.notes());
    }
}
