package io.guidelinekb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWKSet;
import io.guidelinekb.ReloadingKnowledgeBase;
import io.guidelinekb.RulesFolder;
import io.guidelinekb.cdshooks.CdsHooksServer;
import io.guidelinekb.cdshooks.ServiceOptions;
import io.guidelinekb.cdshooks.TrustedKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A newcomer tries {@code serve --trust} end to end: a test key pair and a token the service accepts. */
@io.guidelinekb.IntegrationTest
class DevTokenTest {

    @TempDir
    Path temp;

    private String token(Path keys, String url) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "dev-token", "--url", url, "--keys", keys.toString());
        assertEquals(0, code, err.toString());
        assertTrue(err.toString().contains("FOR TESTING ONLY"), err.toString());
        return out.toString().strip();
    }

    @Test
    void aTestTokenIsAcceptedByAServiceTrustingTheTestKeyAndByNoOther() throws Exception {
        Path keys = temp.resolve("dev-keys");
        ServiceOptions options = new ServiceOptions("127.0.0.1", 0, io.guidelinekb.model.Language.DANISH, null, Map.of(DevTokenCommand.ISSUER,
                TrustedKeys.of(JWKSet.load(prepared(keys).toFile()))), List.of(), List.of(), null, false);
        try (CdsHooksServer server = CdsHooksServer.start(options,
                ReloadingKnowledgeBase.load(RulesFolder.copyOfLbp(temp).root()), Clock.systemUTC())) {
            String discovery = server.uri() + "/cds-services";
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> trusted = http.send(HttpRequest.newBuilder(URI.create(discovery))
                    .header("Authorization", "Bearer " + token(keys, discovery)).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(URI.create(discovery))
                    .header("Authorization", "Bearer " + token(keys, server.uri() + "/cds-services/other")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(200, trusted.statusCode(), trusted.body());
            assertEquals(401, elsewhere.statusCode(), "a token is for the URL it names");
        }
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(keys.resolve("dev-private-jwk.json"))), "the private key is the user's alone");
        assertTrue(!Files.readString(keys.resolve("dev-jwks.json")).contains("\"d\""), "the JWK Set holds no private part");
    }

    /** The key pair, made by a first call. */
    private Path prepared(Path keys) {
        token(keys, "http://127.0.0.1/cds-services");
        return keys.resolve("dev-jwks.json");
    }

    @Test
    void aUrlThatIsNoUrlIsNamed() {
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "dev-token", "--url", "not a url",
                "--keys", temp.toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("--url not a url"), err.toString());
    }
}
