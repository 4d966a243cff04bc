package io.guidelinekb.model;

import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;

/**
 * A patient as the rules see them on the evaluation date. The age may be known exactly, or only
 * within bounds (a birth year alone: 45 or 46), or not at all; the rules decide what a bound means
 * for a threshold, so that no clinical number lives in Java.
 *
 * @param id              the patient's id
 * @param birthDate       may be {@code null} when only the age is known
 * @param ageYears        age in completed years on the evaluation date, {@code null} unless known exactly
 * @param ageYearsAtLeast the youngest the patient may be, {@code null} when nothing is known
 * @param ageYearsAtMost  the oldest the patient may be, {@code null} when nothing is known
 */
public record Patient(String id, LocalDate birthDate, Integer ageYears, Integer ageYearsAtLeast, Integer ageYearsAtMost) {

    /**
     * Checks the components: an exact age is its own bounds; bounds come in pairs, in order.
     *
     * @param id              the patient's id
     * @param birthDate       may be {@code null} when only the age is known
     * @param ageYears        age in completed years on the evaluation date, {@code null} unless known exactly
     * @param ageYearsAtLeast the youngest the patient may be, {@code null} when nothing is known
     * @param ageYearsAtMost  the oldest the patient may be, {@code null} when nothing is known
     */
    public Patient {
        Objects.requireNonNull(id, "patient id must not be null");
        if (ageYears != null && ageYears < 0) {
            throw new IllegalArgumentException("patient age must not be negative, was " + ageYears);
        }
        if (ageYears != null && (ageYearsAtLeast == null && ageYearsAtMost == null)) {
            ageYearsAtLeast = ageYears;
            ageYearsAtMost = ageYears;
        }
        if ((ageYearsAtLeast == null) != (ageYearsAtMost == null) || ageYearsAtLeast != null
                && (ageYearsAtLeast < 0 || ageYearsAtLeast > ageYearsAtMost)
                || ageYears != null && !(ageYears.equals(ageYearsAtLeast) && ageYears.equals(ageYearsAtMost))) {
            throw new IllegalArgumentException("patient age bounds " + ageYearsAtLeast + " to " + ageYearsAtMost
                    + " do not fit the age " + ageYears);
        }
    }

    /**
     * A patient whose age is known exactly or not at all.
     *
     * @param id        the patient's id
     * @param birthDate may be {@code null} when only the age is known
     * @param ageYears  age in completed years on the evaluation date, {@code null} when unknown
     */
    public Patient(String id, LocalDate birthDate, Integer ageYears) {
        this(id, birthDate, ageYears, ageYears, ageYears);
    }

    /**
     * A patient whose age is known only within bounds, e.g. from a birth year.
     *
     * @param id       the patient's id
     * @param youngest the youngest the patient may be, in completed years
     * @param oldest   the oldest the patient may be
     * @return the patient; aged exactly when the bounds meet
     */
    public static Patient agedBetween(String id, int youngest, int oldest) {
        return new Patient(id, null, youngest == oldest ? youngest : null, youngest, oldest);
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
