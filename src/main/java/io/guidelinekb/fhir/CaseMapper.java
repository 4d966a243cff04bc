package io.guidelinekb.fhir;

import io.guidelinekb.model.Case;
import io.guidelinekb.model.Episode;
import io.guidelinekb.model.Concept;
import io.guidelinekb.model.TerminologyBindings;
import io.guidelinekb.util.Identifiers;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;

/**
 * One mapping of FHIR resources to a case, as {@code docs/point-of-care.md} §3 says. Every choice is
 * written down as a decision. Not thread-safe: one per mapping.
 */
final class CaseMapper {

    /** In scope up to day 84 after onset: a range of onset days that straddles it leaves the duration unknown. */
    private static final Set<String> ACTIVE = Set.of("active", "recurrence", "relapse");
    private static final Set<String> NOT_TRUE = Set.of("refuted", "entered-in-error");
    private static final Set<String> OBSERVATION_DONE = Set.of("final", "amended", "corrected");

    private final LocalDate asOf;
    private final String source;
    private final List<String> decisions = new ArrayList<>();
    private final Map<String, List<String>> orders = new java.util.LinkedHashMap<>();
    private final List<String> unbound = new ArrayList<>();
    private final List<FhirJson.Parsed> all = new ArrayList<>();
    private final Codes codes;
    private final ProposedOrders proposedOrders;

    CaseMapper(TerminologyBindings bindings, io.guidelinekb.model.Vocabulary vocabulary, LocalDate asOf, String source) {
        this.codes = new Codes(bindings, vocabulary);
        this.proposedOrders = new ProposedOrders(codes, decisions, all, orders, unbound);
        this.asOf = java.util.Objects.requireNonNull(asOf, "asOf must not be null");
        this.source = source;
    }

    CaseMapper withNotes(List<String> notes) {
        decisions.addAll(notes);
        return this;
    }

    /**
     * @param records         every resource: the patient, Conditions, Observations, Medications
     * @param orderCandidates the resources whose orders may be proposed ones
     * @param patientId       the patient to map when several are given; {@code null}: the only one
     * @param orderStatuses   statuses of a proposed order
     * @param selections      {@code Type/id} of the orders to consider, or {@code null} for all
     */
    FhirMapping map(List<FhirJson.Parsed> records, List<FhirJson.Parsed> orderCandidates, String patientId,
                    Set<String> orderStatuses, Set<String> selections) throws FhirInputException {
        for (FhirJson.Parsed record : records) {
            fhirId(record.resource());
        }
        all.addAll(records);
        FhirJson.Parsed patient = patient(records, patientId);
        if (patient == null) {
            decisions.add("no Patient" + (patientId == null ? "" : " with id " + patientId) + ": no case");
            return new FhirMapping(Optional.empty(), decisions, orders, unbound, proposedOrders.displays, proposedOrders.orderCodes);
        }
        String id = checkedId(Codes.idOf(patient.resource()), "Patient");
        Optional<DateRange> birth = date(patient, "birthDate", ((Patient) patient.resource()).getBirthDateElement()
                .getValueAsString());
        io.guidelinekb.model.Patient person = person(id, birth);

        List<FhirJson.Parsed> considered = proposedOrders.considered(orderCandidates, orderStatuses, selections);
        Set<String> proposed = proposedOrders.proposed(considered);
        List<FhirJson.Parsed> conditions = activeConditions(records, id);
        Optional<Concept> episodeConcept = codes.episodeConcept();
        if (episodeConcept.isEmpty()) {
            decisions.add("the vocabulary names no episodeFinding, whose Condition would make an episode: no episode");
            return new FhirMapping(Optional.empty(), decisions, orders, unbound, proposedOrders.displays, proposedOrders.orderCodes);
        }
        Concept made = episodeConcept.get();
        FhirJson.Parsed episodeCondition = episodeCondition(conditions, made);
        String episodeId;
        Optional<DateRange> onset = Optional.empty();
        if (episodeCondition != null) {
            episodeId = Codes.idOf(episodeCondition.resource());
            onset = onset(episodeCondition, birth);
            decisions.add(Codes.ref(episodeCondition.resource()) + " made the episode: " + codes.matched(
                    ((Condition) episodeCondition.resource()).getCode(), made)
                    + (conditions.stream().filter(c -> means(c, made)).count() > 1
                    ? " (the most recent of several)" : ""));
        } else {
            FhirJson.Parsed reasonOrder = proposedOrders.withReason(orderCandidates, orderStatuses);
            if (reasonOrder == null) {
                decisions.add("no active " + made + " Condition and no draft order whose reason is " + made
                        + ": no episode, the guideline is silent");
                return new FhirMapping(Optional.empty(), decisions, orders, unbound, proposedOrders.displays, proposedOrders.orderCodes);
            }
            episodeId = Codes.idOf(reasonOrder.resource());
            decisions.add(Codes.ref(reasonOrder.resource()) + " made the episode: its reasonCode is " + made + "; no "
                    + "Condition gives the onset, so the duration is not known");
        }
        Episode.Builder episode = Episode.builder(checkedId(episodeId, "the episode's resource"), id, asOf)
                .propose(proposed).finding(made.name(), true);
        duration(onset, episode);
        Set<String> found = findings(conditions, episode);
        observations(records, episode, found);
        return new FhirMapping(Optional.of(new Case(person, episode.build())), decisions, orders, unbound, proposedOrders.displays, proposedOrders.orderCodes);
    }

    private FhirJson.Parsed patient(List<FhirJson.Parsed> records, String patientId) throws FhirInputException {
        List<FhirJson.Parsed> patients = records.stream().filter(r -> r.resource() instanceof Patient)
                .filter(r -> patientId == null || patientId.equals(Codes.idOf(r.resource()))).toList();
        if (patients.size() > 1 && patientId == null) {
            throw new FhirInputException(source + ": " + patients.size() + " Patient resources; expected the one "
                    + "patient the bundle is about");
        }
        return patients.isEmpty() ? null : patients.get(0);
    }

    private io.guidelinekb.model.Patient person(String id, Optional<DateRange> birth) throws FhirInputException {
        if (birth.isEmpty()) {
            decisions.add("Patient/" + id + " has no birthDate: age not known");
            return io.guidelinekb.model.Patient.ageUnknown(id);
        }
        DateRange range = birth.get();
        if (range.earliest().isAfter(asOf)) {
            throw new FhirInputException(source + ": Patient/" + id + ".birthDate: \"" + range
                    + "\" is after the evaluation date " + asOf);
        }
        if (range.exact()) {
            return io.guidelinekb.model.Patient.bornOn(id, range.earliest(), asOf);
        }
        int oldest = Period.between(range.earliest(), asOf).getYears();
        int youngest = Period.between(range.latest().isAfter(asOf) ? asOf : range.latest(), asOf).getYears();
        // the bounds, not a guess: the scope rules decide what they mean for the guideline's age threshold
        decisions.add("Patient/" + id + ".birthDate " + range + " is partial: aged " + youngest
                + (youngest == oldest ? "" : " to " + oldest));
        return io.guidelinekb.model.Patient.agedBetween(id, youngest, oldest);
    }

    private List<FhirJson.Parsed> activeConditions(List<FhirJson.Parsed> records, String patientId) {
        List<FhirJson.Parsed> active = new ArrayList<>();
        for (FhirJson.Parsed record : records) {
            if (!(record.resource() instanceof Condition condition) || codes.concepts(condition.getCode()).isEmpty()) {
                continue;
            }
            String clinical = Codes.firstCode(condition.getClinicalStatus());
            String verification = Codes.firstCode(condition.getVerificationStatus());
            String subject = condition.getSubject().getReferenceElement().getIdPart();
            if (subject != null && !subject.equals(patientId)) {
                decisions.add(Codes.ref(condition) + " ignored: it is about Patient/" + subject);
            } else if (verification != null && NOT_TRUE.contains(verification)) {
                decisions.add(Codes.ref(condition) + " ignored: verificationStatus " + verification);
            } else if (clinical != null && !ACTIVE.contains(clinical)) {
                decisions.add(Codes.ref(condition) + " ignored: clinicalStatus " + clinical);
            } else {
                if (clinical == null) {
                    decisions.add(Codes.ref(condition) + " has no clinicalStatus: read as active");
                }
                active.add(record);
            }
        }
        return active;
    }

    /** The most recent Condition that makes an episode: by onset, else by recordedDate; of equals, the later given. */
    private FhirJson.Parsed episodeCondition(List<FhirJson.Parsed> conditions, Concept made) {
        return conditions.stream().filter(c -> means(c, made))
                .max(Comparator.comparing(this::recency)).orElse(null);
    }

    private LocalDate recency(FhirJson.Parsed record) {
        Condition condition = (Condition) record.resource();
        String onset = condition.hasOnsetDateTimeType() ? condition.getOnsetDateTimeType().getValueAsString()
                : condition.hasOnsetPeriod() ? condition.getOnsetPeriod().getStartElement().getValueAsString()
                : condition.getRecordedDateElement().getValueAsString();
        return DateRange.parse(onset).map(DateRange::earliest).orElse(LocalDate.MIN);
    }

    private Optional<DateRange> onset(FhirJson.Parsed record, Optional<DateRange> birth) throws FhirInputException {
        Condition condition = (Condition) record.resource();
        String where = Codes.ref(condition);
        if (condition.hasOnsetDateTimeType() || record.invalidValues().containsKey("onsetDateTime")) {
            return date(record, "onsetDateTime", condition.hasOnsetDateTimeType()
                    ? condition.getOnsetDateTimeType().getValueAsString() : null);
        }
        if (condition.hasOnsetPeriod()) {
            return date(record, "start", condition.getOnsetPeriod().getStartElement().getValueAsString());
        }
        if (condition.hasOnsetAge()) {
            String unit = condition.getOnsetAge().getCode();
            if (birth.isEmpty() || !condition.getOnsetAge().hasValue() || unit == null
                    || !Set.of("a", "mo", "wk", "d").contains(unit)) {
                decisions.add(where + ".onsetAge cannot be dated (it needs a birth date and a UCUM unit a, mo, wk "
                        + "or d): duration not known");
                return Optional.empty();
            }
            java.math.BigDecimal age = condition.getOnsetAge().getValue();
            if (!plausibleAge(age, unit)) {
                throw new FhirInputException(source + ": " + where + ".onsetAge: " + age.toPlainString().substring(0,
                        Math.min(age.toPlainString().length(), 40)) + " " + unit + " is not an age (0 to 130 years)");
            }
            DateRange range = birth.get().plus(age.longValue(), unit);
            decisions.add(where + ".onsetAge " + condition.getOnsetAge().getValue().toPlainString() + " " + unit
                    + " dates the onset " + range);
            return Optional.of(range);
        }
        decisions.add(where + " gives no onset date" + (condition.hasOnsetStringType() ? " (onsetString \""
                + condition.getOnsetStringType().getValue() + "\")" : "") + ": duration not known");
        return Optional.empty();
    }

    /**
     * An age of 0 to 130 years in its unit, checked on the exact decimal: a value past a long's range
     * would wrap to a plausible one, and 1E+100 years would land on the birth date.
     */
    private static boolean plausibleAge(java.math.BigDecimal age, String unit) {
        java.math.BigDecimal most = java.math.BigDecimal.valueOf(switch (unit) {
            case "a" -> 130;
            case "mo" -> 130 * 12;
            case "wk" -> 130 * 53;
            default -> 130 * 366;
        });
        return age.signum() >= 0 && age.compareTo(most) <= 0;
    }

    private void duration(Optional<DateRange> onset, Episode.Builder episode) throws FhirInputException {
        if (onset.isEmpty()) {
            return;
        }
        DateRange range = onset.get();
        if (range.earliest().isAfter(asOf)) {
            throw new FhirInputException(source + ": the onset " + range + " is after the evaluation date " + asOf);
        }
        // the bounds, not a guess: the scope rules decide what they mean for the guideline's duration threshold
        episode.onsetBetween(range.earliest(), range.latest());
        if (!range.exact()) {
            LocalDate latest = range.latest().isAfter(asOf) ? asOf : range.latest();
            decisions.add("the onset " + range + " is partial: " + ChronoUnit.DAYS.between(latest, asOf) + " to "
                    + ChronoUnit.DAYS.between(range.earliest(), asOf) + " days ago");
        }
    }

    /**
     * What the active Conditions say: each finding they are coded as holds, each red flag is present.
     * No Condition saying so is "not recorded", not "absent".
     *
     * @return the findings the Conditions gave
     */
    private Set<String> findings(List<FhirJson.Parsed> conditions, Episode.Builder episode) {
        Set<String> flags = new java.util.LinkedHashSet<>();
        Set<String> found = new java.util.LinkedHashSet<>();
        for (FhirJson.Parsed record : conditions) {
            Condition condition = (Condition) record.resource();
            for (Concept concept : codes.concepts(condition.getCode())) {
                Optional<String> flag = codes.redFlag(concept);
                if (flag.isPresent()) {
                    flags.add(flag.get());
                } else if (codes.conditionFinding(concept) && !concept.equals(codes.episodeConcept().orElse(null))) {
                    found.add(concept.name());
                    episode.finding(concept.name(), true);
                } else {
                    continue;
                }
                decisions.add(Codes.ref(condition) + " gives " + concept + ": " + codes.matched(condition.getCode(), concept));
            }
        }
        episode.redFlags(flags);
        return found;
    }

    /** The findings Observations answer (valueBoolean), where no Condition already said they hold. */
    private void observations(List<FhirJson.Parsed> records, Episode.Builder episode, Set<String> fromConditions) {
        for (Concept finding : codes.findings("Observation")) {
            if (!fromConditions.contains(finding.name())) {
                latestAnswer(records, finding).ifPresent(value -> episode.finding(finding.name(), value));
            }
        }
    }

    /** The valueBoolean of the latest final Observation with a code of {@code concept}. */
    private Optional<Boolean> latestAnswer(List<FhirJson.Parsed> records, Concept concept) {
        Observation latest = null;
        LocalDate latestDate = null;
        for (FhirJson.Parsed record : records) {
            if (!(record.resource() instanceof Observation observation)
                    || !codes.concepts(observation.getCode()).contains(concept)) {
                continue;
            }
            String status = observation.hasStatus() ? observation.getStatus().toCode() : null;
            if (status == null || !OBSERVATION_DONE.contains(status) || !observation.hasValueBooleanType()) {
                decisions.add(Codes.ref(observation) + " ignored: " + (observation.hasValueBooleanType()
                        ? "status " + status + ", not final" : "no valueBoolean"));
                continue;
            }
            String when = observation.hasEffectiveDateTimeType() ? observation.getEffectiveDateTimeType().getValueAsString()
                    : observation.hasEffectivePeriod() ? observation.getEffectivePeriod().getStartElement().getValueAsString()
                    : observation.getIssuedElement().getValueAsString();
            LocalDate date = DateRange.parse(when).map(DateRange::earliest).orElse(LocalDate.MIN);
            if (latest == null || !date.isBefore(latestDate)) {
                latest = observation;
                latestDate = date;
            }
        }
        if (latest == null) {
            return Optional.empty();
        }
        boolean value = latest.getValueBooleanType().booleanValue();
        decisions.add(Codes.ref(latest) + " gives " + concept + " = " + value);
        return Optional.of(value);
    }

    /** FHIR R4's id: what decisions, the audit and cards name a resource by; anything else could carry markup. */
    private static final java.util.regex.Pattern FHIR_ID = java.util.regex.Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private void fhirId(org.hl7.fhir.r4.model.Resource resource) throws FhirInputException {
        String id = resource.getIdElement().getIdPart();
        if (id != null && !FHIR_ID.matcher(id).matches()) {
            throw new FhirInputException(source + ": " + resource.fhirType() + " id \""
                    + Identifiers.printable(id.length() > 80 ? id.substring(0, 80) + "…" : id)
                    + "\" is not a FHIR id (1 to 64 letters, digits, - and .)");
        }
    }

    private String checkedId(String id, String what) throws FhirInputException {
        String problem = Identifiers.problem(id);
        if (problem != null) {
            throw new FhirInputException(source + ": " + what + " id \"" + Identifiers.printable(id) + "\" " + problem);
        }
        return id;
    }

    private boolean means(FhirJson.Parsed record, Concept concept) {
        return codes.concepts(((Condition) record.resource()).getCode()).contains(concept);
    }

    private Optional<DateRange> date(FhirJson.Parsed record, String element, String value) throws FhirInputException {
        String invalid = record.invalidValues().get(element);
        if (invalid != null) {
            throw new FhirInputException(source + ": " + Codes.ref(record.resource()) + "." + element + ": \"" + invalid
                    + "\" is not a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)");
        }
        if (value == null) {
            return Optional.empty();
        }
        Optional<DateRange> range = DateRange.parse(value);
        if (range.isEmpty()) {
            throw new FhirInputException(source + ": " + Codes.ref(record.resource()) + "." + element + ": \"" + value
                    + "\" is not a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)");
        }
        if (range.get().earliest().isAfter(asOf)) {
            throw new FhirInputException(source + ": " + Codes.ref(record.resource()) + "." + element + ": \"" + value
                    + "\" is after the evaluation date " + asOf);
        }
        return range;
    }

}
