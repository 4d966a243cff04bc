package io.guidelinekb.cdshooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The CDS Hooks specification's own token and keys are the test vector; every refusal has a test. */
@io.guidelinekb.IntegrationTest
class TokenVerifierTest {

    static final String ISSUER = "https://fhir-ehr.example.com/";
    static final String SPEC_AUDIENCE = "https://cds.example.org/cds-services/some-service";
    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    static String resource(String name) throws Exception {
        try (InputStream in = TokenVerifierTest.class.getResourceAsStream("/cds-hooks/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    static JWKSet specKeys() throws Exception {
        return JWKSet.parse(resource("spec-example-jwks.json"));
    }

    static ECKey specPrivateKey() throws Exception {
        return ECKey.parse(resource("spec-example-private-jwk.json"));
    }

    /** A token signed with the specification's private key, issued now for {@code audience}. */
    static String token(String audience, Instant issued, Instant expires, String jti) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).type(JOSEObjectType.JWT)
                .keyID("example-kid").build(), claims(ISSUER, audience, issued, expires, jti));
        jwt.sign(new ECDSASigner(specPrivateKey()));
        return jwt.serialize();
    }

    static JWTClaimsSet claims(String issuer, String audience, Instant issued, Instant expires, String jti) {
        return new JWTClaimsSet.Builder().issuer(issuer).audience(audience).issueTime(Date.from(issued))
                .expirationTime(Date.from(expires)).jwtID(jti).claim("tenant", "t-1").subject("client").build();
    }

    private static TokenVerifier verifier(Instant now) throws Exception {
        return new TokenVerifier(Map.of(ISSUER, TrustedKeys.of(specKeys())), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void theSpecificationsExampleTokenHasAValidSignatureButLivesForYearsAndExpiredIn2015() throws Exception {
        String bearer = "Bearer " + resource("spec-example-token.txt");

        // refused only after its signature and audience were checked: the signature is good
        assertEquals(Optional.of("exp is more than 5 minutes ahead"),
                verifier(Instant.parse("2014-06-01T00:00:00Z")).refuse(bearer, SPEC_AUDIENCE));
        assertEquals(Optional.of("expired"), verifier(NOW).refuse(bearer, SPEC_AUDIENCE));
    }

    private static String signed(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID("example-kid").build(), claims);
        jwt.sign(new ECDSASigner(specPrivateKey()));
        return jwt.serialize();
    }

    @Test
    void tokensThatLiveTooLongOrAreNotYetValidOrHaveNoIdAreRefused() throws Exception {
        TokenVerifier verifier = verifier(NOW);
        String aud = "https://cds/x";
        JWTClaimsSet good = claims(ISSUER, aud, NOW, NOW.plusSeconds(240), "g");

        assertEquals("exp is more than 5 minutes ahead", verifier.refuse("Bearer " + signed(claims(ISSUER, aud,
                Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("3000-01-01T00:00:00Z"), "forever")), aud).orElseThrow());
        assertEquals("a lifetime (iat to exp) over 60 minutes", verifier.refuse("Bearer " + signed(claims(ISSUER, aud,
                NOW.minusSeconds(7200), NOW.plusSeconds(240), "old")), aud).orElseThrow());
        assertEquals("nbf in the future", verifier.refuse("Bearer " + signed(new JWTClaimsSet.Builder(good)
                .jwtID("n").notBeforeTime(java.util.Date.from(NOW.plusSeconds(86_400))).build()), aud).orElseThrow());
        assertEquals("no jti", verifier.refuse("Bearer " + signed(claims(ISSUER, aud, NOW, NOW.plusSeconds(240), "")),
                aud).orElseThrow());
        assertEquals("no exp", verifier.refuse("Bearer " + signed(new JWTClaimsSet.Builder(good).jwtID("x")
                .expirationTime(null).build()), aud).orElseThrow());
        assertEquals(Optional.empty(), verifier.refuse("bearer " + signed(good), aud), "the scheme is case-insensitive");
    }

    @Test
    void aClaimThatWouldForgeALogLineIsEscaped() throws Exception {
        String forged = verifier(NOW).refuse("Bearer " + signed(claims("https://x/\ncds-hooks: 200 for /cds-services\u2028",
                "https://cds/x", NOW, NOW.plusSeconds(240), "f")), "https://cds/x").orElseThrow();

        assertEquals("issuer https://x/\\u000Acds-hooks: 200 for /cds-services\\u2028 is not trusted", forged);
    }

    @Test
    void aGoodTokenIsAcceptedOnceAndRefusedWhenReplayed() throws Exception {
        TokenVerifier verifier = verifier(NOW);
        String bearer = "Bearer " + token("https://cds/x", NOW, NOW.plusSeconds(300), "j-1");

        assertEquals(Optional.empty(), verifier.refuse(bearer, "https://cds/x"));
        assertEquals(Optional.of("jti replayed"), verifier.refuse(bearer, "https://cds/x"));
    }

    @Test
    void everyBadTokenIsRefused() throws Exception {
        TokenVerifier verifier = verifier(NOW);
        String aud = "https://cds/x";
        String none = new PlainJWT(new PlainHeader(), claims(ISSUER, aud, NOW, NOW.plusSeconds(300), "n")).serialize();
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(ISSUER, aud, NOW, NOW.plusSeconds(300), "h"));
        hmac.sign(new MACSigner("a-shared-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8)));
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("example-kid").generate();
        SignedJWT badSignature = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID("example-kid").build(),
                claims(ISSUER, aud, NOW, NOW.plusSeconds(300), "b"));
        badSignature.sign(new RSASSASigner(stranger));
        SignedJWT unknownIssuer = new SignedJWT(new JWSHeader(JWSAlgorithm.ES384),
                claims("https://other.example.com/", aud, NOW, NOW.plusSeconds(300), "u"));
        unknownIssuer.sign(new ECDSASigner(specPrivateKey()));

        assertEquals("no bearer token", verifier.refuse(null, aud).orElseThrow());
        assertEquals("not a signed JWT", verifier.refuse("Bearer " + none, aud).orElseThrow());
        assertEquals("algorithm HS256 is not ES384 or RS384", verifier.refuse("Bearer " + hmac.serialize(), aud).orElseThrow());
        assertEquals("bad signature", verifier.refuse("Bearer " + badSignature.serialize(), aud).orElseThrow());
        assertEquals("issuer https://other.example.com/ is not trusted",
                verifier.refuse("Bearer " + unknownIssuer.serialize(), aud).orElseThrow());
        assertEquals("aud [https://cds/x] is not https://cds/y",
                verifier.refuse("Bearer " + token(aud, NOW, NOW.plusSeconds(300), "a"), "https://cds/y").orElseThrow());
        assertEquals("expired", verifier.refuse("Bearer " + token(aud, NOW.minusSeconds(900), NOW.minusSeconds(600), "e"),
                aud).orElseThrow());
        assertEquals("iat in the future or missing", verifier.refuse("Bearer " + token(aud, NOW.plusSeconds(600),
                NOW.plusSeconds(900), "f"), aud).orElseThrow());
    }

    @Test
    void keysFromAJwksUrlNamedInTrustAreFetchedOnceThenCachedAndNothingElseIsFetched() throws Exception {
        AtomicInteger fetched = new AtomicInteger();
        byte[] jwks = resource("spec-example-jwks.json").getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks.json", exchange -> {
            fetched.incrementAndGet();
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/jwks.json");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            TokenVerifier verifier = new TokenVerifier(Map.of(ISSUER, TrustedKeys.fromUrl(base + "/jwks.json")),
                    Clock.fixed(NOW, ZoneOffset.UTC));
            for (int i = 0; i < 5; i++) {
                assertEquals(Optional.empty(), verifier.refuse("Bearer " + token("https://cds/x", NOW, NOW.plusSeconds(300),
                        "url-" + i), "https://cds/x"));
            }
            assertEquals(1, fetched.get(), "fetched once, at start, then cached");

            String redirected = assertThrows(IllegalArgumentException.class,
                    () -> TrustedKeys.fromUrl(base + "/moved")).getMessage();
            assertTrue(redirected.endsWith("/moved: cannot fetch its JWK Set: HTTP 302"), redirected);
            assertEquals(1, fetched.get(), "a redirect is not followed");
            String missing = assertThrows(IllegalArgumentException.class, () -> TrustedKeys.fromUrl(base + "/none")).getMessage();
            assertTrue(missing.endsWith("/none: cannot fetch its JWK Set: HTTP 404"), missing);
            // refused before any connection: plain http is for loopback only (192.0.2.1 is a documentation address)
            assertEquals("http://192.0.2.1/jwks.json: a JWK Set is fetched over https only (http only on loopback)",
                    assertThrows(IllegalArgumentException.class, () -> TrustedKeys.fromUrl("http://192.0.2.1/jwks.json"))
                            .getMessage());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void rs384KeysAreTrustedToo() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        TokenVerifier verifier = new TokenVerifier(Map.of("https://rsa.example/", TrustedKeys.of(new JWKSet(key.toPublicJWK()))),
                Clock.fixed(NOW, ZoneOffset.UTC));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID("rsa-1").build(),
                claims("https://rsa.example/", "https://cds/x", NOW, NOW.plusSeconds(60), UUID.randomUUID().toString()));
        jwt.sign(new RSASSASigner(key));

        assertEquals(Optional.empty(), verifier.refuse("Bearer " + jwt.serialize(), "https://cds/x"));
    }

    @Test
    void aJwksUrlThatStallsAfterItsHeadersStopsTheStartWithinThreeSeconds() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        java.util.concurrent.CountDownLatch over = new java.util.concurrent.CountDownLatch(1);
        server.createContext("/stall", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (java.io.OutputStream body = exchange.getResponseBody()) {
                for (int i = 0; i < 60; i++) {      // a byte a second, at most a minute
                    body.write(' ');
                    body.flush();
                    if (over.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
                        break;
                    }
                }
            } catch (java.io.IOException | InterruptedException e) {
                // the service hung up
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/stall";
            String refused = assertThrows(IllegalArgumentException.class, () -> TrustedKeys.fromUrl(url)).getMessage();

            // the deadline, not the stub's end a minute on, is what stopped it
            assertEquals(url + ": cannot fetch its JWK Set: no whole answer within 3000 ms", refused);
        } finally {
            over.countDown();
            server.stop(0);
        }
    }
}
