package io.guidelinekb.cdshooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cards this service issued lately, by uuid, with the service that issued each and what the
 * card was about: feedback must name one of them, so that the audit log holds outcomes of real
 * advice only. A card accepted or overridden in an encounter is acknowledged for its orders there:
 * order-sign does not repeat what order-select showed and the clinician answered. Bounded: the
 * oldest are forgotten first, and a restarted service (or another replica) has forgotten all.
 */
final class IssuedCards {

    static final int KEPT = 100_000;

    /**
     * One issued card: by which service, in which encounter (or none), about what and which orders,
     * with the uuids of its suggestions and the codes of the override reasons it offered.
     */
    record Issued(String serviceId, String encounter, String about, List<String> orders, Set<String> suggestions,
                  Set<String> reasons) {
        Issued {
            orders = List.copyOf(orders);
            suggestions = Set.copyOf(suggestions);
            reasons = Set.copyOf(reasons);
        }
    }

    private final Map<String, Issued> issued = bounded();
    /** {@code service|encounter|about|order} of every acknowledged card. */
    private final Map<String, Boolean> acknowledged = bounded();

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > KEPT;
            }
        };
    }

    synchronized void issued(String uuid, Issued card) {
        issued.put(uuid, card);
    }

    synchronized boolean issuedBy(String uuid, String serviceId) {
        Issued card = issued.get(uuid);
        return card != null && serviceId.equals(card.serviceId());
    }

    /** The card this service issued under {@code uuid}, or null. */
    synchronized Issued card(String uuid, String serviceId) {
        Issued card = issued.get(uuid);
        return card != null && serviceId.equals(card.serviceId()) ? card : null;
    }

    /** The outcomes recorded, by card and what was said: the same feedback twice is counted once. */
    private final Map<String, Boolean> answers = bounded();

    /** Whether this is the first time this card gets this answer. */
    synchronized boolean firstAnswer(String uuid, String answer) {
        return answers.putIfAbsent(uuid + "|" + answer, Boolean.TRUE) == null;
    }

    /** The clinician answered the card: in its encounter, its advice on its orders has been seen. */
    synchronized void acknowledge(String uuid) {
        Issued card = issued.get(uuid);
        if (card == null || card.encounter() == null) {
            return;
        }
        for (String key : keys(guidelineOf(card.serviceId()), card.encounter(), card.about(), card.orders())) {
            acknowledged.put(key, Boolean.TRUE);
        }
    }

    /** Whether every order of a card about {@code about} was answered in this encounter, by any of the guideline's hooks. */
    synchronized boolean acknowledged(String serviceId, String encounter, String about, List<String> orders) {
        if (encounter == null) {
            return false;
        }
        Set<String> keys = keys(guidelineOf(serviceId), encounter, about, orders);
        return keys.stream().allMatch(acknowledged::containsKey);
    }

    /**
     * Whether this is the first time a card about a patient is shown to this clinician for this
     * episode: patient-view opens the chart many times a day, and its card says nothing new after the first.
     */
    synchronized boolean firstShowing(String serviceId, String user, String episode) {
        if (user == null || episode == null) {
            return true;
        }
        return acknowledged.putIfAbsent(String.join("|", "shown", guidelineOf(serviceId), user, episode), Boolean.TRUE) == null;
    }

    private static Set<String> keys(String guideline, String encounter, String about, List<String> orders) {
        if (orders.isEmpty()) {
            return Set.of(String.join("|", guideline, encounter, about, ""));
        }
        Set<String> keys = new java.util.LinkedHashSet<>();
        orders.forEach(order -> keys.add(String.join("|", guideline, encounter, about, order)));
        return keys;
    }

    /** The guideline folder of a service id: order-select's answer counts at order-sign. */
    private static String guidelineOf(String serviceId) {
        for (String hook : ServiceCatalog.HOOKS) {
            if (serviceId.endsWith("-" + hook)) {
                return serviceId.substring(0, serviceId.length() - hook.length() - 1);
            }
        }
        return serviceId;
    }
}
