package io.guidelinekb.model;

import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;

/**
 * A patient as the rules see them on the evaluation date.
 *
 * @param id        the patient's id
 * @param birthDate may be {@code null} when only the age is known
 * @param ageYears  age in completed years on the evaluation date, {@code null} when unknown
 */
public record Patient(String id, LocalDate birthDate, Integer ageYears) {

    /**
     * Checks and copies the components.
     *
     * @param id        the patient's id
     * @param birthDate may be {@code null} when only the age is known
     * @param ageYears  age in completed years on the evaluation date, {@code null} when unknown
     */
    public Patient {
        Objects.requireNonNull(id, "patient id must not be null");
        if (ageYears != null && ageYears < 0) {
            throw new IllegalArgumentException("patient age must not be negative, was " + ageYears);
        }
    }

    /**
     * A patient born on {@code birthDate}, aged in completed years on {@code asOf}. A 29 February
     * birthday is reached on 1 March in other years ({@link Period} semantics).
     *
     * @param id        the patient's id
     * @param birthDate the date of birth
     * @param asOf      the evaluation date
     * @return the patient
     * @throws IllegalArgumentException when the birth date is after the evaluation date
     */
    public static Patient bornOn(String id, LocalDate birthDate, LocalDate asOf) {
        Objects.requireNonNull(birthDate, "birthDate must not be null");
        if (birthDate.isAfter(asOf)) {
            throw new IllegalArgumentException("birth date " + birthDate + " is after the evaluation date " + asOf);
        }
        return new Patient(id, birthDate, Period.between(birthDate, asOf).getYears());
    }

    /**
     * A patient of whom only the age is known.
     *
     * @param id       the patient's id
     * @param ageYears age in completed years on the evaluation date
     * @return the patient
     */
    public static Patient aged(String id, int ageYears) {
        return new Patient(id, null, ageYears);
    }

    /**
     * A patient whose age is not known: the guideline's scope cannot be decided.
     *
     * @param id the patient's id
     * @return the patient
     */
    public static Patient ageUnknown(String id) {
        return new Patient(id, null, null);
    }

    @Override
    public String toString() {
        return "Patient(" + id + ")";
    }
}
