package io.guidelinekb.cdshooks;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Resource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * A trusted issuer's keys: a JWK Set from a file, or from a URL the operator named in {@code --trust}.
 * Those URLs are the allow-list: the service fetches no other (never a token's {@code jku} or
 * {@code x5u}), follows no redirect, and reads at most 64 KiB within 3 s. A fetched set is cached
 * for five minutes; a token with an unknown key id makes it fetch again, at most once a minute.
 */
public final class TrustedKeys {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final int MAX_BYTES = 64 * 1024;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final JWKSource<SecurityContext> source;
    private final String from;

    private TrustedKeys(JWKSource<SecurityContext> source, String from) {
        this.source = source;
        this.from = from;
    }

    /** Keys given as they are, e.g. read from a file. */
    public static TrustedKeys of(JWKSet keys) {
        return new TrustedKeys(new ImmutableJWKSet<>(keys), "a file");
    }

    /**
     * Keys fetched from {@code url}, which must be https (or http on this machine's loopback, for
     * tests); fetched once here, so that a wrong URL stops the service from starting.
     *
     * @throws IllegalArgumentException when the URL is not allowed or its keys cannot be fetched
     */
    public static TrustedKeys fromUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(url + " is not a URL");
        }
        boolean https = "https".equals(uri.getScheme()) && uri.getHost() != null;
        if (!https && !("http".equals(uri.getScheme()) && isLoopback(uri.getHost()))) {
            throw new IllegalArgumentException(url + ": a JWK Set is fetched over https only (http only on loopback)");
        }
        try {
            URL located = uri.toURL();
            JWKSource<SecurityContext> source = JWKSourceBuilder.<SecurityContext>create(located, TrustedKeys::fetch)
                    .cache(Duration.ofMinutes(5).toMillis(), TIMEOUT.toMillis()).rateLimited(Duration.ofMinutes(1).toMillis())
                    .retrying(false).refreshAheadCache(false).build();
            TrustedKeys keys = new TrustedKeys(source, url);
            if (keys.keys(null).isEmpty()) {
                throw new IllegalArgumentException(url + ": the JWK Set there holds no key");
            }
            return keys;
        } catch (KeySourceException | java.net.MalformedURLException e) {
            throw new IllegalArgumentException(url + ": cannot fetch its JWK Set: " + rootMessage(e));
        }
    }

    /** The keys that may have signed a token with this key id (all of them when it has none). */
    List<JWK> keys(String kid) throws KeySourceException {
        JWKMatcher.Builder matcher = new JWKMatcher.Builder();
        if (kid != null) {
            matcher.keyID(kid);
        }
        return source.get(new JWKSelector(matcher.build()), null);
    }

    /** Whether the keys are at hand now: from the cache, or fetched again when it has expired. */
    boolean available() {
        try {
            return !keys(null).isEmpty();
        } catch (KeySourceException | RuntimeException e) {
            return false;
        }
    }

    /** Where the keys come from, for the start-up line. */
    public String from() {
        return from;
    }

    private static Resource fetch(URL url) throws IOException {
        try {
            HttpResponse<byte[]> response = BoundedGet.send(HTTP, HttpRequest.newBuilder(url.toURI()).timeout(TIMEOUT)
                    .header("Accept", "application/json").GET().build(), MAX_BYTES, TIMEOUT);
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            return new Resource(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8),
                    response.headers().firstValue("Content-Type").orElse(null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        try {
            // a literal address or localhost: no name lookup that could be made to point elsewhere
            return (host.equals("localhost") || host.matches("[0-9.]+|\\[[0-9a-fA-F:]+\\]"))
                    && InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
