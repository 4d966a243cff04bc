package io.guidelinekb.cdshooks;

import io.guidelinekb.model.Language;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How the CDS Hooks service runs.
 *
 * @param publicUrl  the base URL as the EHR calls it (tokens' {@code aud} are built from it); when
 *                   {@code null}, {@code http://HOST:PORT}
 * @param trusted    JWKS per trusted issuer ({@code iss}); empty only with {@code noAuth}
 * @param fhirServers base URLs whose {@code fhirServer} the service may call for missing prefetch
 * @param audit      where the audit log's JSON lines go, or {@code null} for none
 * @param limits     what one caller and one call may take
 */
public record ServiceOptions(String host, int port, Language language, String publicUrl, Map<String, TrustedKeys> trusted,
                             List<String> fhirServers, List<String> corsOrigins, Path audit, boolean noAuth,
                             ServiceLimits limits) {

    /** The most a request body may be: a request of one patient's records is far smaller. */
    public static final int MAX_BODY = 1 << 20;

    public ServiceOptions {
        trusted = Map.copyOf(trusted);
        fhirServers = fhirServers.stream().map(ServiceOptions::withoutSlash).toList();
        corsOrigins = List.copyOf(corsOrigins);
        if (!noAuth && trusted.isEmpty()) {
            throw new IllegalArgumentException("no trusted issuer: give --trust ISSUER=JWKS, or --no-auth for a test");
        }
    }

    /** The options with the default limits. */
    public ServiceOptions(String host, int port, Language language, String publicUrl, Map<String, TrustedKeys> trusted,
                          List<String> fhirServers, List<String> corsOrigins, Path audit, boolean noAuth) {
        this(host, port, language, publicUrl, trusted, fhirServers, corsOrigins, audit, noAuth, ServiceLimits.DEFAULT);
    }

    /** The same options with other limits. */
    public ServiceOptions withLimits(ServiceLimits other) {
        return new ServiceOptions(host, port, language, publicUrl, trusted, fhirServers, corsOrigins, audit, noAuth, other);
    }

    static String withoutSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
