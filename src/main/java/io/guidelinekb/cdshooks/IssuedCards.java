package io.guidelinekb.cdshooks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cards this service issued lately, by uuid, with the service that issued each: feedback must
 * name one of them, so that the audit log holds outcomes of real advice only. Bounded: the oldest
 * are forgotten first, and a restarted service has forgotten all.
 */
final class IssuedCards {

    static final int KEPT = 100_000;

    private final Map<String, String> serviceOf = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > KEPT;
        }
    };

    synchronized void issued(String uuid, String serviceId) {
        serviceOf.put(uuid, serviceId);
    }

    synchronized boolean issuedBy(String uuid, String serviceId) {
        return serviceId.equals(serviceOf.get(uuid));
    }
}
