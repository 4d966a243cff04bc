package io.guidelinekb.fhir;

import io.guidelinekb.model.Case;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What FHIR input says as a case, and every decision taken on the way: which Condition made the
 * episode, which code matched which concept, which resources were ignored and why.
 *
 * @param input     the case, or empty when nothing makes an episode (no
 *                  Condition and no draft order's reason in the set): the guideline is silent
 * @param decisions one readable line per decision, naming the resource
 * @param orders    the proposed orders behind each intervention ({@code ServiceRequest/mri-1}), so
 *                  that an alert can offer to remove the one that goes against a recommendation
 * @param unboundOrders the codes ({@code system|code}) of proposed orders that no binding names: an
 *                  order the guideline may concern, coded in a system the bindings do not know yet
 */
public record FhirMapping(Optional<Case> input, List<String> decisions, Map<String, List<String>> orders,
                          List<String> unboundOrders, Map<String, String> displays, Map<String, String> codes) {

    /**
     * Checks and copies the components.
     *
     * @param input     the case, or empty when nothing makes an episode of low back pain (no Condition and no draft order's reason in the set): the guideline is silent
     * @param decisions one readable line per decision, naming the resource
     * @param orders    the proposed orders behind each intervention ({@code ServiceRequest/mri-1}), so that an alert can offer to remove the one that goes against a recommendation
     * @param unboundOrders the codes of proposed orders that no binding names
     * @param displays  each proposed order's own text or display, by its id
     * @param codes     each proposed order's codes, {@code system|code}, by its id
     */
    public FhirMapping {
        decisions = List.copyOf(decisions);
        unboundOrders = List.copyOf(unboundOrders);
        Map<String, List<String>> copy = new java.util.LinkedHashMap<>();
        orders.forEach((intervention, ids) -> copy.put(intervention, List.copyOf(ids)));
        orders = java.util.Collections.unmodifiableMap(copy);
        displays = Map.copyOf(displays);
        codes = Map.copyOf(codes);
    }

    /**
     * A mapping whose orders carry their own words but no codes kept.
     *
     * @param input         the case, or empty when nothing makes an episode
     * @param decisions     one readable line per decision
     * @param orders        the proposed orders behind each intervention
     * @param unboundOrders the codes of proposed orders that no binding names
     * @param displays      each proposed order's own text or display, by its id
     */
    public FhirMapping(Optional<Case> input, List<String> decisions, Map<String, List<String>> orders,
                       List<String> unboundOrders, Map<String, String> displays) {
        this(input, decisions, orders, unboundOrders, displays, Map.of());
    }

    /**
     * The codes an order was sent with, as {@code system|code}, comma-separated: what the audit names.
     *
     * @param order the order's id, {@code Type/id}
     * @return its codes, or empty when none was kept
     */
    public Optional<String> codesOf(String order) {
        return Optional.ofNullable(codes.get(order));
    }

    /**
     * A mapping whose orders carry no display of their own.
     *
     * @param input         the case, or empty when nothing makes an episode
     * @param decisions     one readable line per decision
     * @param orders        the proposed orders behind each intervention
     * @param unboundOrders the codes of proposed orders that no binding names
     */
    public FhirMapping(Optional<Case> input, List<String> decisions, Map<String, List<String>> orders,
                       List<String> unboundOrders) {
        this(input, decisions, orders, unboundOrders, Map.of(), Map.of());
    }

    /**
     * What an order says it is, as the EHR displays it ({@code Tramadol 50 mg}).
     *
     * @param order the order's id, {@code Type/id}
     * @return its text or its code's display, or empty when it carries neither
     */
    public Optional<String> displayOf(String order) {
        return Optional.ofNullable(displays.get(order));
    }

    /**
     * A mapping in which every proposed order's code is bound.
     *
     * @param input     the case, or empty when nothing makes an episode
     * @param decisions one readable line per decision
     * @param orders    the proposed orders behind each intervention
     */
    public FhirMapping(Optional<Case> input, List<String> decisions, Map<String, List<String>> orders) {
        this(input, decisions, orders, List.of());
    }

    /**
     * The orders that proposed an intervention.
     *
     * @param intervention the intervention's id
     * @return their ids, as {@code Type/id}, e.g. {@code ServiceRequest/mri-1}
     */
    public List<String> ordersFor(String intervention) {
        return orders.getOrDefault(intervention, List.of());
    }
}
