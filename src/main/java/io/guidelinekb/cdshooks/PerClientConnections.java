package io.guidelinekb.cdshooks;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Connection;

/**
 * At most {@link #MAX_PER_CLIENT} open connections from one address: one client holding hundreds
 * (trickling a byte at a time) would otherwise take every thread, and {@code /health} with them.
 * An EHR's hooks need a handful of connections; a load test on loopback, a few dozen.
 */
final class PerClientConnections implements Connection.Listener {

    static final int MAX_PER_CLIENT = 64;

    private final ConcurrentHashMap<InetAddress, AtomicInteger> open = new ConcurrentHashMap<>();

    @Override
    public void onOpened(Connection connection) {
        InetAddress client = client(connection);
        if (client != null && open.computeIfAbsent(client, c -> new AtomicInteger()).incrementAndGet() > MAX_PER_CLIENT) {
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress client = client(connection);
        if (client != null) {
            open.computeIfPresent(client, (c, count) -> count.decrementAndGet() <= 0 ? null : count);
        }
    }

    private static InetAddress client(Connection connection) {
        SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress address ? address.getAddress() : null;
    }
}
