package dev.realtime.chat.testsupport.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A small TCP proxy for fault tests: listens on an ephemeral port of 127.0.0.1 and forwards every connection to
 * {@code targetHost:targetPort}.
 *
 * <ul>
 * <li>{@link #cut()} closes every open connection and refuses new ones (accepted, then closed at once), until
 * {@link #restore()}: clients see resets and "connection closed" errors quickly, as when a server dies.</li>
 * <li>{@link #blackhole()} keeps connections open but forwards nothing, and accepts new connections that never
 * answer: clients see timeouts, as with a network partition.</li>
 * <li>{@link #latency(Duration)} delays every chunk of bytes in both directions (bandwidth is unchanged).</li>
 * </ul>
 * Clients that learn server addresses from the server itself (the Cassandra driver reads {@code system.local} and
 * {@code system.peers}) must be told to keep using the proxy: see {@link ProxyAddressTranslator}.
 */
public final class TcpProxy implements AutoCloseable {

    private enum Mode { OPEN, CUT, BLACKHOLE }

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket server;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicLong acceptedConnections = new AtomicLong();
    private final AtomicLong forwardedBytes = new AtomicLong();
    private volatile Mode mode = Mode.OPEN;
    private volatile long latencyNanos;
    private volatile boolean closed;

    private TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = Objects.requireNonNull(targetHost, "targetHost");
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a proxy to {@code targetHost:targetPort} on an ephemeral port of the loopback interface. */
    public static TcpProxy start(String targetHost, int targetPort) {
        try {
            return new TcpProxy(targetHost, targetPort);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a proxy port", e);
        }
    }

    /** Starts a proxy to {@code "host:port"}. */
    public static TcpProxy start(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected host:port, got " + hostAndPort);
        }
        return start(hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)));
    }

    public String host() {
        return server.getInetAddress().getHostAddress();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code host:port} of the proxy, e.g. for {@code spring.cassandra.contact-points}. */
    public String address() {
        return host() + ":" + port();
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(host(), port());
    }

    public String target() {
        return targetHost + ":" + targetPort;
    }

    /** Closes every open connection and refuses new ones until {@link #restore()}. */
    public TcpProxy cut() {
        mode = Mode.CUT;
        closeLinks();
        return this;
    }

    /** Forwards nothing (open and new connections hang) until {@link #restore()}. */
    public TcpProxy blackhole() {
        mode = Mode.BLACKHOLE;
        return this;
    }

    /** Forwards again; connections made from now on work. Connections closed by {@link #cut()} stay closed. */
    public TcpProxy restore() {
        mode = Mode.OPEN;
        return this;
    }

    /** Delays every chunk of bytes by {@code latency} in each direction; {@link Duration#ZERO} for none. */
    public TcpProxy latency(Duration latency) {
        latencyNanos = latency.toNanos();
        return this;
    }

    public boolean isCut() {
        return mode == Mode.CUT;
    }

    /** Connections accepted since start, including the refused ones: proof that clients really use the proxy. */
    public long acceptedConnections() {
        return acceptedConnections.get();
    }

    /** Bytes forwarded since start, both directions. */
    public long forwardedBytes() {
        return forwardedBytes.get();
    }

    public int openConnections() {
        return links.size();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        closeLinks();
    }

    private void closeLinks() {
        for (Link link : links) {
            link.close();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            acceptedConnections.incrementAndGet();
            if (mode == Mode.CUT) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(targetHost, targetPort), 5_000);
                Link link = new Link(client, upstream);
                links.add(link);
                link.start();
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.setSoLinger(true, 0); // reset, like a dead server
        } catch (SocketException ignored) {
            // closing anyway
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** One proxied connection: a reader and a writer thread per direction (the writer applies the latency). */
    private final class Link {

        private final Socket client;
        private final Socket upstream;
        private volatile boolean linkClosed;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void start() throws IOException {
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            pipe(client.getInputStream(), upstream.getOutputStream(), "up");
            pipe(upstream.getInputStream(), client.getOutputStream(), "down");
        }

        private void pipe(InputStream in, OutputStream out, String direction) {
            BlockingQueue<Chunk> chunks = new LinkedBlockingQueue<>();
            String name = "tcp-proxy-" + port() + "-" + direction + "-" + THREADS.incrementAndGet();
            Thread reader = new Thread(() -> read(in, chunks), name + "-read");
            Thread writer = new Thread(() -> write(out, chunks), name + "-write");
            reader.setDaemon(true);
            writer.setDaemon(true);
            reader.start();
            writer.start();
        }

        private void read(InputStream in, BlockingQueue<Chunk> chunks) {
            byte[] buffer = new byte[64 * 1024];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (mode == Mode.BLACKHOLE) {
                        continue; // swallowed
                    }
                    chunks.add(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime() + latencyNanos));
                }
                chunks.add(Chunk.END); // the writer forwards what is queued, then closes the link
            } catch (IOException e) {
                chunks.add(Chunk.END);
                close();
            }
        }

        private void write(OutputStream out, BlockingQueue<Chunk> chunks) {
            try {
                while (!linkClosed) {
                    Chunk chunk = chunks.poll(200, TimeUnit.MILLISECONDS);
                    if (chunk == null) {
                        continue;
                    }
                    if (chunk == Chunk.END) {
                        close();
                        return;
                    }
                    long wait;
                    while ((wait = chunk.dueNanos() - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    if (mode == Mode.BLACKHOLE) {
                        continue;
                    }
                    out.write(chunk.bytes());
                    out.flush();
                    forwardedBytes.addAndGet(chunk.bytes().length);
                }
            } catch (IOException e) {
                close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
            }
        }

        void close() {
            if (linkClosed) {
                return;
            }
            linkClosed = true;
            links.remove(this);
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    private record Chunk(byte[] bytes, long dueNanos) {
        static final Chunk END = new Chunk(new byte[0], 0);
    }
}
