package io.guidelinekb.model;

import java.util.Objects;

/**
 * One patient with one episode, as of the episode's evaluation date: what one evaluation takes.
 *
 * @param patient the patient
 * @param episode the episode, of that patient
 */
public record Case(Patient patient, Episode episode) {

    /**
     * Checks that both are given.
     *
     * @param patient the patient
     * @param episode the episode, of that patient
     * @throws NullPointerException when either is {@code null}
     */
    public Case {
        Objects.requireNonNull(patient, "patient must not be null");
        Objects.requireNonNull(episode, "episode must not be null");
        if (!episode.patientId().equals(patient.id())) {
            throw new IllegalArgumentException("episode " + episode.id() + " belongs to patient "
                    + episode.patientId() + ", not " + patient.id());
        }
    }
}
