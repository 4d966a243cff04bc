package io.guidelinekb.fhir;

import io.guidelinekb.Case;
import io.guidelinekb.model.Episode;
import io.guidelinekb.model.Intervention;
import io.guidelinekb.model.PainLocation;
import io.guidelinekb.model.RedFlag;
import io.guidelinekb.terminology.Concept;
import io.guidelinekb.terminology.TerminologyBindings;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * One mapping of FHIR resources to a case, as {@code docs/point-of-care.md} §3 says. Every choice is
 * written down as a decision. Not thread-safe: one per mapping.
 */
final class CaseMapper {

    /** In scope up to day 84 after onset: a range of onset days that straddles it leaves the duration unknown. */
    private static final int SCOPE_DAYS = 84;
    private static final int SCOPE_AGE = 16;
    private static final Set<String> ACTIVE = Set.of("active", "recurrence", "relapse");
    private static final Set<String> NOT_TRUE = Set.of("refuted", "entered-in-error");
    private static final Set<String> OBSERVATION_DONE = Set.of("final", "amended", "corrected");

    private final TerminologyBindings bindings;
    private final LocalDate asOf;
    private final String source;
    private final List<String> decisions = new ArrayList<>();
    private final Map<Intervention, List<String>> orders = new EnumMap<>(Intervention.class);
    private final List<FhirJson.Parsed> all = new ArrayList<>();

    CaseMapper(TerminologyBindings bindings, LocalDate asOf, String source) {
        this.bindings = bindings;
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
        all.addAll(records);
        FhirJson.Parsed patient = patient(records, patientId);
        if (patient == null) {
            decisions.add("no Patient" + (patientId == null ? "" : " with id " + patientId) + ": no case");
            return new FhirMapping(Optional.empty(), decisions, orders);
        }
        String id = idOf(patient.resource());
        Optional<DateRange> birth = date(patient, "birthDate", ((Patient) patient.resource()).getBirthDateElement()
                .getValueAsString());
        io.guidelinekb.model.Patient person = person(id, birth);

        List<FhirJson.Parsed> considered = considered(orderCandidates, orderStatuses, selections);
        Set<Intervention> proposed = proposed(considered);
        List<FhirJson.Parsed> conditions = activeConditions(records, id);
        FhirJson.Parsed episodeCondition = episodeCondition(conditions);
        String episodeId;
        Set<PainLocation> location = EnumSet.noneOf(PainLocation.class);
        Optional<DateRange> onset = Optional.empty();
        if (episodeCondition != null) {
            episodeId = idOf(episodeCondition.resource());
            location.add(PainLocation.LOW_BACK);
            onset = onset(episodeCondition, birth);
            decisions.add(ref(episodeCondition.resource()) + " made the episode: " + matched(
                    ((Condition) episodeCondition.resource()).getCode(), Concept.LOW_BACK_PAIN)
                    + (conditions.stream().filter(c -> means(c, Concept.LOW_BACK_PAIN)).count() > 1
                    ? " (the most recent of several)" : ""));
        } else {
            FhirJson.Parsed reasonOrder = orderWithReason(orderCandidates, orderStatuses);
            if (reasonOrder == null) {
                decisions.add("no active low-back-pain Condition and no draft order whose reason is low back pain: "
                        + "no episode, the guideline is silent");
                return new FhirMapping(Optional.empty(), decisions, orders);
            }
            episodeId = idOf(reasonOrder.resource());
            location.add(PainLocation.LOW_BACK);
            decisions.add(ref(reasonOrder.resource()) + " made the episode: its reasonCode is low back pain; no "
                    + "Condition gives the onset, so the duration is not known");
        }
        Episode.Builder episode = Episode.builder(episodeId, id, asOf).proposedInterventions(proposed);
        duration(onset, episode);
        findings(conditions, location, episode);
        observations(records, episode);
        episode.painLocation(location);
        return new FhirMapping(Optional.of(new Case(person, episode.build())), decisions, orders);
    }

    private FhirJson.Parsed patient(List<FhirJson.Parsed> records, String patientId) throws FhirInputException {
        List<FhirJson.Parsed> patients = records.stream().filter(r -> r.resource() instanceof Patient)
                .filter(r -> patientId == null || patientId.equals(idOf(r.resource()))).toList();
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
        if ((youngest >= SCOPE_AGE) == (oldest >= SCOPE_AGE)) {
            decisions.add("Patient/" + id + ".birthDate " + range + " is partial; the age, " + youngest
                    + (youngest == oldest ? "" : " to " + oldest) + ", is on one side of 16 either way");
            return io.guidelinekb.model.Patient.aged(id, youngest >= SCOPE_AGE ? youngest : oldest);
        }
        decisions.add("Patient/" + id + ".birthDate " + range + " is partial and the age, " + youngest + " to " + oldest
                + ", may be either side of 16: age not known");
        return io.guidelinekb.model.Patient.ageUnknown(id);
    }

    private List<FhirJson.Parsed> considered(List<FhirJson.Parsed> candidates, Set<String> statuses,
                                             Set<String> selections) {
        List<FhirJson.Parsed> considered = new ArrayList<>();
        for (FhirJson.Parsed order : candidates) {
            Resource resource = order.resource();
            if (!(resource instanceof ServiceRequest) && !(resource instanceof MedicationRequest)) {
                continue;
            }
            String status = orderStatus(resource);
            if (status == null || !statuses.contains(status)) {
                decisions.add(ref(resource) + " ignored: status " + (status == null ? "missing" : status)
                        + ", not a proposed order (" + String.join(" or ", new java.util.TreeSet<>(statuses)) + ")");
            } else if (selections != null && !selections.contains(ref(resource))) {
                decisions.add(ref(resource) + " ignored: not among the order-select hook's selections");
            } else {
                considered.add(order);
            }
        }
        return considered;
    }

    private Set<Intervention> proposed(List<FhirJson.Parsed> considered) {
        Set<Intervention> proposed = EnumSet.noneOf(Intervention.class);
        for (FhirJson.Parsed order : considered) {
            Resource resource = order.resource();
            CodeableConcept code = orderCode(resource);
            Set<Intervention> found = EnumSet.noneOf(Intervention.class);
            for (Concept concept : concepts(code)) {
                concept.intervention().ifPresent(found::add);
            }
            if (found.isEmpty()) {
                decisions.add(ref(resource) + " ignored: " + codes(code) + " is in no intervention's set");
                continue;
            }
            for (Intervention intervention : found) {
                orders.computeIfAbsent(intervention, i -> new ArrayList<>()).add(ref(resource));
            }
            proposed.addAll(found);
            decisions.add(ref(resource) + " proposes " + found + ": " + codes(code));
        }
        return proposed;
    }

    private List<FhirJson.Parsed> activeConditions(List<FhirJson.Parsed> records, String patientId) {
        List<FhirJson.Parsed> active = new ArrayList<>();
        for (FhirJson.Parsed record : records) {
            if (!(record.resource() instanceof Condition condition) || concepts(condition.getCode()).isEmpty()) {
                continue;
            }
            String clinical = firstCode(condition.getClinicalStatus());
            String verification = firstCode(condition.getVerificationStatus());
            String subject = condition.getSubject().getReferenceElement().getIdPart();
            if (subject != null && !subject.equals(patientId)) {
                decisions.add(ref(condition) + " ignored: it is about Patient/" + subject);
            } else if (verification != null && NOT_TRUE.contains(verification)) {
                decisions.add(ref(condition) + " ignored: verificationStatus " + verification);
            } else if (clinical != null && !ACTIVE.contains(clinical)) {
                decisions.add(ref(condition) + " ignored: clinicalStatus " + clinical);
            } else {
                if (clinical == null) {
                    decisions.add(ref(condition) + " has no clinicalStatus: read as active");
                }
                active.add(record);
            }
        }
        return active;
    }

    /** The most recent low-back-pain Condition: by onset, else by recordedDate; of equals, the later given. */
    private FhirJson.Parsed episodeCondition(List<FhirJson.Parsed> conditions) {
        return conditions.stream().filter(c -> means(c, Concept.LOW_BACK_PAIN))
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
        String where = ref(condition);
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
            DateRange range = birth.get().plus(condition.getOnsetAge().getValue().longValue(), unit);
            decisions.add(where + ".onsetAge " + condition.getOnsetAge().getValue().toPlainString() + " " + unit
                    + " dates the onset " + range);
            return Optional.of(range);
        }
        decisions.add(where + " gives no onset date" + (condition.hasOnsetStringType() ? " (onsetString \""
                + condition.getOnsetStringType().getValue() + "\")" : "") + ": duration not known");
        return Optional.empty();
    }

    private void duration(Optional<DateRange> onset, Episode.Builder episode) throws FhirInputException {
        if (onset.isEmpty()) {
            return;
        }
        DateRange range = onset.get();
        if (range.earliest().isAfter(asOf)) {
            throw new FhirInputException(source + ": the onset " + range + " is after the evaluation date " + asOf);
        }
        LocalDate latest = range.latest().isAfter(asOf) ? asOf : range.latest();
        long longest = ChronoUnit.DAYS.between(range.earliest(), asOf);
        long shortest = ChronoUnit.DAYS.between(latest, asOf);
        if (longest <= SCOPE_DAYS) {
            episode.onset(range.earliest());
        } else if (shortest > SCOPE_DAYS) {
            episode.onset(latest);
        } else {
            decisions.add("the onset " + range + " is " + shortest + " to " + longest + " days ago, either side of "
                    + "day 84: duration not known");
        }
    }

    private void findings(List<FhirJson.Parsed> conditions, Set<PainLocation> location, Episode.Builder episode) {
        Set<RedFlag> flags = EnumSet.noneOf(RedFlag.class);
        boolean radiculopathy = false;
        boolean legRadiation = false;
        for (FhirJson.Parsed record : conditions) {
            Condition condition = (Condition) record.resource();
            for (Concept concept : concepts(condition.getCode())) {
                Optional<RedFlag> flag = concept.redFlag();
                if (flag.isPresent()) {
                    flags.add(flag.get());
                } else if (concept.equals(Concept.RADICULOPATHY)) {
                    radiculopathy = true;
                } else if (concept.equals(Concept.LEG_RADIATION)) {
                    legRadiation = true;
                } else if (concept.equals(Concept.BUTTOCK_PAIN)) {
                    location.add(PainLocation.BUTTOCK);
                } else {
                    continue;
                }
                decisions.add(ref(condition) + " gives " + concept + ": " + matched(condition.getCode(), concept));
            }
        }
        episode.redFlags(flags).radiculopathy(radiculopathy).legRadiation(legRadiation);
    }

    private void observations(List<FhirJson.Parsed> records, Episode.Builder episode) {
        latestAnswer(records, Concept.RED_FLAGS_SCREENED).ifPresentOrElse(episode::redFlagsScreened,
                () -> decisions.add("no final Observation says the red flags were screened: not screened"));
        latestAnswer(records, Concept.SELF_CARE_GAIN_EXPECTED).ifPresent(episode::selfCareGainExpected);
    }

    /** The valueBoolean of the latest final Observation with a code of {@code concept}. */
    private Optional<Boolean> latestAnswer(List<FhirJson.Parsed> records, Concept concept) {
        Observation latest = null;
        LocalDate latestDate = null;
        for (FhirJson.Parsed record : records) {
            if (!(record.resource() instanceof Observation observation)
                    || !concepts(observation.getCode()).contains(concept)) {
                continue;
            }
            String status = observation.hasStatus() ? observation.getStatus().toCode() : null;
            if (status == null || !OBSERVATION_DONE.contains(status) || !observation.hasValueBooleanType()) {
                decisions.add(ref(observation) + " ignored: " + (observation.hasValueBooleanType()
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
        decisions.add(ref(latest) + " gives " + concept + " = " + value);
        return Optional.of(value);
    }

    private FhirJson.Parsed orderWithReason(List<FhirJson.Parsed> candidates, Set<String> statuses) {
        for (FhirJson.Parsed order : candidates) {
            Resource resource = order.resource();
            List<CodeableConcept> reasons = resource instanceof ServiceRequest s ? s.getReasonCode()
                    : resource instanceof MedicationRequest m ? m.getReasonCode() : List.of();
            String status = orderStatus(resource);
            if (status != null && statuses.contains(status)
                    && reasons.stream().anyMatch(r -> concepts(r).contains(Concept.LOW_BACK_PAIN))) {
                return order;
            }
        }
        return null;
    }

    private static String orderStatus(Resource resource) {
        if (resource instanceof ServiceRequest s && s.hasStatus()) {
            return s.getStatus().toCode();
        }
        if (resource instanceof MedicationRequest m && m.hasStatus()) {
            return m.getStatus().toCode();
        }
        return null;
    }

    /** The code of an order: a ServiceRequest's, or a MedicationRequest's medication, resolved if referenced. */
    private CodeableConcept orderCode(Resource resource) {
        if (resource instanceof ServiceRequest request) {
            return request.getCode();
        }
        MedicationRequest request = (MedicationRequest) resource;
        if (request.hasMedicationCodeableConcept()) {
            return request.getMedicationCodeableConcept();
        }
        if (request.hasMedicationReference()) {
            Medication medication = medication(request, request.getMedicationReference());
            if (medication != null) {
                decisions.add(ref(request) + ".medicationReference resolved to " + describe(medication, request));
                return medication.getCode();
            }
            decisions.add(ref(request) + ".medicationReference " + request.getMedicationReference().getReference()
                    + " is neither contained nor in the input");
        }
        return new CodeableConcept();
    }

    private Medication medication(MedicationRequest request, Reference reference) {
        if (reference.getResource() instanceof Medication contained) {
            return contained;
        }
        String wanted = reference.getReference();
        if (wanted == null) {
            return null;
        }
        if (wanted.startsWith("#")) {
            return request.getContained().stream().filter(r -> r instanceof Medication)
                    .filter(r -> wanted.substring(1).equals(r.getIdElement().getIdPart())).map(r -> (Medication) r)
                    .findFirst().orElse(null);
        }
        String id = reference.getReferenceElement().getIdPart();
        return all.stream().map(FhirJson.Parsed::resource).filter(r -> r instanceof Medication)
                .filter(r -> id != null && id.equals(idOf(r))).map(r -> (Medication) r).findFirst().orElse(null);
    }

    private static String describe(Medication medication, MedicationRequest request) {
        return request.getContained().contains(medication) ? "a contained Medication" : ref(medication);
    }

    private Optional<DateRange> date(FhirJson.Parsed record, String element, String value) throws FhirInputException {
        String invalid = record.invalidValues().get(element);
        if (invalid != null) {
            throw new FhirInputException(source + ": " + ref(record.resource()) + "." + element + ": \"" + invalid
                    + "\" is not a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)");
        }
        if (value == null) {
            return Optional.empty();
        }
        Optional<DateRange> range = DateRange.parse(value);
        if (range.isEmpty()) {
            throw new FhirInputException(source + ": " + ref(record.resource()) + "." + element + ": \"" + value
                    + "\" is not a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)");
        }
        if (range.get().earliest().isAfter(asOf)) {
            throw new FhirInputException(source + ": " + ref(record.resource()) + "." + element + ": \"" + value
                    + "\" is after the evaluation date " + asOf);
        }
        return range;
    }

    private boolean means(FhirJson.Parsed record, Concept concept) {
        return concepts(((Condition) record.resource()).getCode()).contains(concept);
    }

    private Set<Concept> concepts(CodeableConcept code) {
        Set<Concept> concepts = new LinkedHashSet<>();
        for (Coding coding : code.getCoding()) {
            concepts.addAll(bindings.conceptsOf(coding.getSystem(), coding.getCode()));
        }
        return concepts;
    }

    private String matched(CodeableConcept code, Concept concept) {
        List<String> matched = new ArrayList<>();
        for (Coding coding : code.getCoding()) {
            if (bindings.conceptsOf(coding.getSystem(), coding.getCode()).contains(concept)) {
                boolean unconfirmed = bindings.match(coding.getSystem(), coding.getCode()).stream()
                        .anyMatch(io.guidelinekb.terminology.CodeBinding::unconfirmed);
                matched.add(coding.getSystem() + "|" + coding.getCode() + (unconfirmed ? " (⚠ unconfirmed code)" : ""));
            }
        }
        return String.join(", ", matched) + " → " + concept;
    }

    private static String codes(CodeableConcept code) {
        if (code.getCoding().isEmpty()) {
            return "no code";
        }
        return code.getCoding().stream().map(c -> c.getSystem() + "|" + c.getCode())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static String firstCode(CodeableConcept concept) {
        return concept.getCoding().stream().map(Coding::getCode).filter(java.util.Objects::nonNull).findFirst()
                .orElse(null);
    }

    private static String idOf(Resource resource) {
        String id = resource.getIdElement().getIdPart();
        return id == null ? resource.fhirType().toLowerCase(java.util.Locale.ROOT) : id;
    }

    private static String ref(Resource resource) {
        return resource.fhirType() + "/" + idOf(resource);
    }
}
