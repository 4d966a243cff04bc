package io.guidelinekb;

import io.guidelinekb.model.Episode;
import io.guidelinekb.model.Patient;
import java.util.Objects;

/** One patient with one episode, as of the episode's evaluation date: what one evaluation takes. */
public record Case(Patient patient, Episode episode) {

    public Case {
        Objects.requireNonNull(patient, "patient must not be null");
        Objects.requireNonNull(episode, "episode must not be null");
        if (!episode.patientId().equals(patient.id())) {
            throw new IllegalArgumentException("episode " + episode.id() + " belongs to patient "
                    + episode.patientId() + ", not " + patient.id());
        }
    }
}
