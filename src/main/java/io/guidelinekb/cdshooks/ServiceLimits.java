package io.guidelinekb.cdshooks;

import java.time.Duration;

/**
 * What the service spends on one caller and one call, so that neither a busy EHR gateway nor a slow
 * or hostile FHIR server takes it down (docs/deployment.md, "Under load and fault").
 *
 * @param connectionsPerClient connections one address may hold open at once: an EHR calls through one
 *                             integration engine, whose pool may hold hundreds
 * @param fetchDeadline        one deadline for every FHIR read and page a hook call makes, well under the
 *                             EHR's own timeout; past it the call gets no advice (412)
 * @param fetchingAtOnce       hook calls that may fetch from FHIR servers at once; one more waits briefly,
 *                             then gets 503 with Retry-After
 */
public record ServiceLimits(int connectionsPerClient, Duration fetchDeadline, int fetchingAtOnce) {

    /** An integration engine's pool, a deadline inside CDS Hooks' budget, a few dozen fetches. */
    public static final ServiceLimits DEFAULT = new ServiceLimits(1024, Duration.ofSeconds(3), 16);

    public ServiceLimits {
        if (connectionsPerClient < 1 || fetchingAtOnce < 1 || fetchDeadline.isNegative() || fetchDeadline.isZero()) {
            throw new IllegalArgumentException("service limits must be positive: " + connectionsPerClient + " connections, "
                    + fetchDeadline.toMillis() + " ms, " + fetchingAtOnce + " fetching");
        }
    }
}
