package io.guidelinekb.model;

/** An intervention proposed for an episode; recommendations that concern it are triggered. */
public enum Intervention {
    /** Bed rest. */
    BED_REST,
    /** Individualised patient education. */
    PATIENT_EDUCATION,
    /** Intervention based on grouping by modifiable prognostic factors (stratified care). */
    STRATIFIED_CARE,
    /** MRI of the lumbar spine. */
    MRI,
    /** X-ray of the lumbar spine. */
    XRAY,
    /** CT of the lumbar spine: valid, but no recommendation concerns it. */
    CT,
    /** Manual joint-mobilising therapy. */
    MANUAL_THERAPY,
    /** Acupuncture. */
    ACUPUNCTURE,
    /** Supervised exercise. */
    SUPERVISED_EXERCISE,
    /** Paracetamol. */
    PARACETAMOL,
    /** Opioids. */
    OPIOID,
    /** NSAIDs. */
    NSAID
}
