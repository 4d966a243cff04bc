package io.guidelinekb.cdshooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guidelinekb.ReloadingKnowledgeBase;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One address, many connections: what an EHR's integration engine sends. Every connection counted
 * open is counted closed, so an address is refused only while it holds its limit, and the probes of
 * another address answer meanwhile. All on loopback (127.0.0.1 and 127.0.0.2).
 */
@io.guidelinekb.IntegrationTest
class ConnectionsTest {

    @TempDir
    static Path temp;

    private static CdsHooksServer start(ServiceLimits limits) throws Exception {
        ServiceOptions options = new ServiceOptions("127.0.0.1", 0, io.guidelinekb.model.Language.DANISH, null, Map.of(), List.of(), List.of(), null, true)
                .withLimits(limits);
        return CdsHooksServer.start(options, ReloadingKnowledgeBase.load(io.guidelinekb.RulesFolder.copyOfLbp(
                temp.resolve(String.valueOf(System.nanoTime()))).root()), Clock.systemUTC());
    }

    /** The status line of one GET on a new connection from {@code from}, which the server then closes. */
    private static String get(CdsHooksServer server, InetAddress from, String path) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.uri().getPort()), 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(12);
            in.readAllBytes();   // to the server's close: the connection is over when this returns
            return head.length == 0 ? "closed" : new String(head, StandardCharsets.US_ASCII);
        }
    }

    @Test
    void fiveHundredConnectionsOneAfterAnotherAndAHundredAtOnceFromOneAddressAreAllAnswered() throws Exception {
        try (CdsHooksServer server = start(ServiceLimits.DEFAULT)) {
            InetAddress gateway = InetAddress.getLoopbackAddress();
            for (int i = 0; i < 500; i++) {
                assertEquals("HTTP/1.1 200", get(server, gateway, "/health/live"), "connection " + (i + 1));
            }
            ExecutorService clients = Executors.newFixedThreadPool(100);
            try {
                CountDownLatch ready = new CountDownLatch(100);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    answers.add(clients.submit(() -> {
                        ready.countDown();
                        go.await();
                        return get(server, gateway, "/health/live");
                    }));
                }
                assertTrue(ready.await(30, TimeUnit.SECONDS));
                go.countDown();
                for (Future<String> answer : answers) {
                    assertEquals("HTTP/1.1 200", answer.get(30, TimeUnit.SECONDS));
                }
            } finally {
                clients.shutdownNow();
            }
        }
    }

    @Test
    void anAddressAtItsLimitIsRefusedOnlyWhileItHoldsItAndAnotherAddressIsAnswered() throws Exception {
        try (CdsHooksServer server = start(new ServiceLimits(20, Duration.ofSeconds(3), 16))) {
            InetAddress holder = InetAddress.getByName("127.0.0.2");
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    Socket socket = new Socket();
                    socket.bind(new InetSocketAddress(holder, 0));
                    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.uri().getPort()), 5000);
                    held.add(socket);
                }
                // the server counts a connection when it opens it: a request answered on one of them says it has
                held.get(19).getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                held.get(19).setSoTimeout(10_000);
                assertEquals("HTTP/1.1 200", new String(held.get(19).getInputStream().readNBytes(12), StandardCharsets.US_ASCII));

                assertEquals("closed", get(server, holder, "/health/live"), "the 21st from the same address");
                assertEquals("HTTP/1.1 200", get(server, InetAddress.getLoopbackAddress(), "/health/live"),
                        "another address meanwhile");
                assertEquals("HTTP/1.1 200", get(server, InetAddress.getLoopbackAddress(), "/health/ready"));
            } finally {
                for (Socket socket : held) {
                    socket.close();
                }
            }
            // closed by the client, counted down by the server; answered again, as often as it likes
            String answer = "closed";
            long until = System.nanoTime() + 10_000_000_000L;
            while (!answer.equals("HTTP/1.1 200") && System.nanoTime() < until) {
                answer = get(server, holder, "/health/live");
            }
            assertEquals("HTTP/1.1 200", answer, "the address is answered once it holds fewer");
            for (int i = 0; i < 60; i++) {
                assertEquals("HTTP/1.1 200", get(server, holder, "/health/live"), "connection " + (i + 1) + " after");
            }
            String metrics = get(server, InetAddress.getLoopbackAddress(), "/metrics");
            assertEquals("HTTP/1.1 200", metrics);
        }
    }
}
