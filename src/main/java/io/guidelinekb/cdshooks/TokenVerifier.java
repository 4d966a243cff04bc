package io.guidelinekb.cdshooks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies a CDS Hooks bearer token (CDS Hooks 2.0.1, "Trusting CDS Clients") with nimbus-jose-jwt:
 * signed with ES384 or RS384 (never {@code none} or HMAC) by a key of a trusted issuer, for the URL
 * that was called, not expired, not issued in the future, and not seen before. Extra claims
 * ({@code nbf}, {@code sub}, {@code tenant}) are tolerated. The reason a token is refused is for
 * the service's own log; the client gets a bare 401.
 */
final class TokenVerifier {

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES384, JWSAlgorithm.RS384);
    private static final Duration SKEW = Duration.ofSeconds(60);
    /** CDS Hooks: a token's exp should be no more than five minutes ahead; a longer one is a token to steal. */
    private static final Duration MAX_AHEAD = Duration.ofMinutes(5);
    private static final Duration MAX_LIFETIME = Duration.ofMinutes(60);

    private final Map<String, TrustedKeys> trusted;
    private final Clock clock;
    /** jti → when it may be forgotten (its token's expiry). */
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();

    TokenVerifier(Map<String, TrustedKeys> trusted, Clock clock) {
        this.trusted = Map.copyOf(trusted);
        this.clock = clock;
    }

    /** Why the token is refused, or empty when it is good for {@code audience}. */
    Optional<String> refuse(String authorization, String audience) {
        // the scheme is case-insensitive (RFC 7235)
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, "Bearer ".length())) {
            return Optional.of("no bearer token");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(authorization.substring("Bearer ".length()).strip());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            return Optional.of("not a signed JWT");
        }
        JWSHeader header = jwt.getHeader();
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            return Optional.of("algorithm " + ServiceLog.escape(String.valueOf(header.getAlgorithm()))
                    + " is not ES384 or RS384");
        }
        TrustedKeys trustedKeys = claims.getIssuer() == null ? null : trusted.get(claims.getIssuer());
        if (trustedKeys == null) {
            return Optional.of("issuer " + ServiceLog.escape(claims.getIssuer()) + " is not trusted");
        }
        List<JWK> keys;
        try {
            keys = trustedKeys.keys(header.getKeyID());
        } catch (com.nimbusds.jose.KeySourceException e) {
            return Optional.of("the issuer's keys cannot be had from " + trustedKeys.from() + ": "
                    + ServiceLog.escape(e.getMessage()));
        }
        if (!signedByOneOf(jwt, keys)) {
            return Optional.of("bad signature");
        }
        List<String> audiences = claims.getAudience();
        if (audiences == null || !audiences.contains(audience)) {
            return Optional.of("aud " + ServiceLog.escape(String.valueOf(audiences)) + " is not " + audience);
        }
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        if (expires == null) {
            return Optional.of("no exp");
        }
        if (expires.toInstant().plus(SKEW).isBefore(now)) {
            return Optional.of("expired");
        }
        Date issued = claims.getIssueTime();
        if (issued == null || issued.toInstant().minus(SKEW).isAfter(now)) {
            return Optional.of("iat in the future or missing");
        }
        if (expires.toInstant().isAfter(now.plus(MAX_AHEAD).plus(SKEW))) {
            return Optional.of("exp is more than " + MAX_AHEAD.toMinutes() + " minutes ahead");
        }
        if (Duration.between(issued.toInstant(), expires.toInstant()).compareTo(MAX_LIFETIME) > 0) {
            return Optional.of("a lifetime (iat to exp) over " + MAX_LIFETIME.toMinutes() + " minutes");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && notBefore.toInstant().minus(SKEW).isAfter(now)) {
            return Optional.of("nbf in the future");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank()) {
            return Optional.of("no jti");
        }
        seen.values().removeIf(until -> until.isBefore(now));
        if (seen.putIfAbsent(claims.getIssuer() + " " + jti, expires.toInstant().plus(SKEW)) != null) {
            return Optional.of("jti replayed");
        }
        return Optional.empty();
    }

    private static boolean signedByOneOf(SignedJWT jwt, List<JWK> keys) {
        String kid = jwt.getHeader().getKeyID();
        for (JWK key : keys) {
            if (kid != null && key.getKeyID() != null && !kid.equals(key.getKeyID())) {
                continue;
            }
            try {
                JWSVerifier verifier = key instanceof ECKey ec ? new ECDSAVerifier(ec.toECPublicKey())
                        : key instanceof RSAKey rsa ? new RSASSAVerifier(rsa.toRSAPublicKey()) : null;
                if (verifier != null && verifier.supportedJWSAlgorithms().contains(jwt.getHeader().getAlgorithm())
                        && jwt.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException | IllegalStateException e) {
                // a key that cannot verify this token: try the next
            }
        }
        return false;
    }
}
