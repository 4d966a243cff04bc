package io.guidelinekb.cdshooks;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Connection;

/**
 * At most so many open connections from one address ({@link ServiceLimits#connectionsPerClient()}):
 * one client holding thousands (trickling a byte at a time) would otherwise take every thread, and
 * the probes with them. Each connection is counted down by the address it was counted up by: once
 * closed, a connection's remote address may no longer be read, and a count read from it then never
 * fell (after 64 calls one after another, an address was shut out for good). A refusal is counted,
 * and logged at most once a minute.
 */
final class PerClientConnections implements Connection.Listener {

    private static final long LOG_EVERY_NANOS = 60_000_000_000L;

    private final int limit;
    private final ServiceMetrics metrics;
    private final ConcurrentHashMap<InetAddress, AtomicInteger> open = new ConcurrentHashMap<>();
    /** The address each open connection was counted under. */
    private final Map<Connection, InetAddress> counted = new ConcurrentHashMap<>();
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
    private final AtomicLong refusedSinceLog = new AtomicLong();

    PerClientConnections(int limit, ServiceMetrics metrics) {
        this.limit = limit;
        this.metrics = metrics;
    }

    @Override
    public void onOpened(Connection connection) {
        InetAddress client = client(connection);
        if (client == null) {
            return;
        }
        counted.put(connection, client);
        int now = open.computeIfAbsent(client, c -> new AtomicInteger()).incrementAndGet();
        if (now > limit) {
            refused(client);
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress client = counted.remove(connection);
        if (client != null) {
            open.computeIfPresent(client, (c, count) -> count.decrementAndGet() <= 0 ? null : count);
        }
    }

    /** Connections open from an address now (for tests and the curious). */
    int openFrom(InetAddress client) {
        AtomicInteger count = open.get(client);
        return count == null ? 0 : count.get();
    }

    private void refused(InetAddress client) {
        metrics.connectionRefused();
        long refusedNow = refusedSinceLog.incrementAndGet();
        long last = lastLogged.get();
        long now = System.nanoTime();
        if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            refusedSinceLog.addAndGet(-refusedNow);
            ServiceLog.connectionsRefused(client.getHostAddress(), limit, refusedNow);
        }
    }

    private static InetAddress client(Connection connection) {
        SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress address ? address.getAddress() : null;
    }
}
