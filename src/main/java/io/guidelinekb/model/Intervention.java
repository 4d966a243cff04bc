package io.guidelinekb.model;

/** An intervention proposed for an episode; recommendations that concern it are triggered. */
public enum Intervention {
    BED_REST, PATIENT_EDUCATION, STRATIFIED_CARE, MRI, XRAY, CT, MANUAL_THERAPY, ACUPUNCTURE, SUPERVISED_EXERCISE, PARACETAMOL, OPIOID, NSAID
}
