package dev.syncwright.it.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback in front of one or more servers (round robin per connection) that cuts
 * connections at random points: while cuts remain, each connection is given a random number of
 * bytes (either way) after which both of its sockets are closed abruptly (RST). Counts its cuts.
 */
final class CuttingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Integer> targets;
    private final Random random;
    private final int maxCuts;
    private final long maxBytesBeforeCut;
    private final AtomicInteger cuts = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * @param maxCuts           cut this many connections in all, then pass everything through
     * @param maxBytesBeforeCut a cut comes after a uniform random number of bytes below this
     */
    CuttingProxy(List<Integer> targetPorts, long seed, int maxCuts, long maxBytesBeforeCut) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targets = List.copyOf(targetPorts);
        this.random = new Random(seed);
        this.maxCuts = maxCuts;
        this.maxBytesBeforeCut = maxBytesBeforeCut;
        Thread accept = new Thread(this::accept, "cutting-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    int cuts() {
        return cuts.get();
    }

    int connections() {
        return connections.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                int n = connections.getAndIncrement();
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targets.get(n % targets.size())));
                long budget;
                synchronized (random) {
                    budget = cuts.get() < maxCuts ? 1 + (long) (random.nextDouble() * maxBytesBeforeCut) : Long.MAX_VALUE;
                }
                Connection c = new Connection(client, server, budget);
                open.add(client);
                open.add(server);
                start(() -> c.pipe(client, server));
                start(() -> c.pipe(server, client));
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException("proxy accept failed", e);
                }
            }
        }
    }

    private static void start(Runnable r) {
        Thread t = new Thread(r, "cutting-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    /** One proxied connection: both directions share its byte budget. */
    private final class Connection {
        private final Socket a;
        private final Socket b;
        private final AtomicLong left;
        private volatile boolean cut;

        Connection(Socket a, Socket b, long budget) {
            this.a = a;
            this.b = b;
            this.left = new AtomicLong(budget);
        }

        void pipe(Socket from, Socket to) {
            byte[] buf = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    long remaining = left.addAndGet(-n);
                    if (remaining < 0 && cutNow()) {
                        return; // the bytes before the cut point are lost with the connection, as on a dropped path
                    }
                    out.write(buf, 0, n);
                    out.flush();
                    bytes.addAndGet(n);
                }
            } catch (IOException e) {
                // the other direction closed or cut it
            } finally {
                if (!cut) {
                    closeQuietly(a);
                    closeQuietly(b);
                }
            }
        }

        /** @return whether it cut (false: the proxy's cuts ran out on other connections first: this one goes on) */
        private synchronized boolean cutNow() {
            if (cut) {
                return true;
            }
            if (cuts.incrementAndGet() > maxCuts) {
                cuts.decrementAndGet();
                left.set(Long.MAX_VALUE);
                return false;
            }
            cut = true;
            reset(a);
            reset(b);
            return true;
        }
    }

    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0); // an abrupt RST, not a clean FIN: as a dropped network path looks to both sides
        } catch (IOException ignored) {
            // closing anyway
        }
        closeQuietly(s);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        open.forEach(CuttingProxy::closeQuietly);
    }
}
