package io.guidelinekb.cli;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.guidelinekb.util.InvalidInputException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A key pair and a token to try {@code serve --trust} on this machine, as an EHR would call it: for
 * testing only. The issuer says so ({@code urn:guideline-kb:dev-only}), and no EHR sends it.
 */
@Command(name = "dev-token", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = {"FOR TESTING ONLY: makes a test key pair (once, in --keys) and prints a CDS Hooks token for "
                + "--url, valid 5 minutes, signed with it. Start the service trusting the test issuer:",
            "  serve --trust " + DevTokenCommand.ISSUER + "=KEYS/dev-jwks.json",
            "then call it with the header Authorization: Bearer TOKEN. Never trust this issuer in production."})
final class DevTokenCommand implements Callable<Integer> {

    static final String ISSUER = "urn:guideline-kb:dev-only";

    @Option(names = "--url", required = true, paramLabel = "URL", description = "The URL the token is for, as "
            + "called: a service (http://127.0.0.1:8080/cds-services/nkr-lbp-2016-order-select) or discovery.")
    String url;

    @Option(names = "--keys", paramLabel = "DIR", description = "Where the test key pair is kept (default: "
            + "$XDG_CONFIG_HOME/guideline-kb/dev-keys, else ~/.config/guideline-kb/dev-keys).")
    Path keys;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        URI audience;
        try {
            audience = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("dev-token: --url " + url + " is not a URL");
        }
        if (!audience.isAbsolute() || !("http".equals(audience.getScheme()) || "https".equals(audience.getScheme()))) {
            throw new InvalidInputException("dev-token: --url " + url + ": expected the http(s) URL the token is for");
        }
        Path folder = keys != null ? keys : defaultFolder();
        ECKey key = keyIn(folder);
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), new JWTClaimsSet.Builder().issuer(ISSUER).subject("dev-only")
                .audience(url).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString()).build());
        jwt.sign(new ECDSASigner(key));
        spec.commandLine().getOut().println(jwt.serialize());
        spec.commandLine().getErr().println("dev-token: FOR TESTING ONLY; valid 5 minutes, once (its jti); start the "
                + "service with --trust " + ISSUER + "=" + folder.resolve("dev-jwks.json"));
        return Main.OK;
    }

    private static Path defaultFolder() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("guideline-kb").resolve("dev-keys");
    }

    /** The folder's test key, made the first time: the private half readable by its owner alone. */
    private static ECKey keyIn(Path folder) throws IOException, JOSEException, InvalidInputException {
        Path secret = folder.resolve("dev-private-jwk.json");
        if (Files.isRegularFile(secret)) {
            try {
                return ECKey.parse(Files.readString(secret, StandardCharsets.UTF_8));
            } catch (java.text.ParseException e) {
                throw new InvalidInputException("dev-token: " + secret + " is not a private EC key (JWK): "
                        + e.getMessage() + "; remove the folder to make a new pair");
            }
        }
        Files.createDirectories(folder);
        ECKey key = new ECKeyGenerator(Curve.P_384).keyID("dev-" + UUID.randomUUID()).generate();
        Path made = Files.createTempFile(folder, ".dev-key.", ".tmp");
        try {
            if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(made, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(made, key.toJSONString(), StandardCharsets.UTF_8);
            Files.writeString(folder.resolve("dev-jwks.json"), new JWKSet(key.toPublicJWK()).toString(true),
                    StandardCharsets.UTF_8);
            Files.move(made, secret, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(made);
        }
        return key;
    }
}
