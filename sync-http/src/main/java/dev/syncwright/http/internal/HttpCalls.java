package dev.syncwright.http.internal;

import dev.syncwright.core.SyncException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The client's requests: one POST per operation, the body gzipped, the protocol version and token
 * in headers; retried with exponential backoff and full jitter on connection failures, timeouts,
 * 5xx, 429 and 503 (a {@code Retry-After} in seconds is honoured); any other answer becomes a
 * {@link SyncException} carrying the server's code and message.
 */
public final class HttpCalls {
    /** The most one response part (the whole of a small answer, one batch of a stream) may hold. */
    public static final long MAX_PART_BYTES = 512L << 20;
    private static final int ATTEMPTS = 6;
    private static final long BACKOFF_MS = 200;
    private static final long MAX_BACKOFF_MS = 10_000;
    /**
     * One client for the process, as java.net.http intends: its connection pool and selector thread
     * serve every provider (a client per provider kept hundreds of idle connections open, and a
     * server reaping them left requests waiting for their timeout). Timeouts are per request.
     */
    private static final HttpClient SHARED = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final HttpClient client;
    private final URI base;
    private final String scope;
    private final Supplier<String> token;
    private final Duration timeout;
    /** This process, for the server's admission: a session of it that was cut off does not hold back its next one. */
    private static final String PROCESS = java.util.UUID.randomUUID().toString();
    /** The server answered in zstd, so it reads zstd: requests are sent in it. */
    private volatile boolean zstdServer;
    private volatile String session;
    private volatile String replica;
    /** Calls made in the current session (each counted once, however often it was retried). */
    private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

    public HttpCalls(URI base, String scope, Supplier<String> token, Duration timeout) {
        this.base = endpoints(base, scope);
        this.scope = scope;
        this.token = token;
        this.timeout = timeout;
        this.client = SHARED;
    }

    /**
     * The operations' base under the server's URL, path included: an application that serves the
     * protocol under a context path (e.g. {@code https://host/app}) is reached at {@code /app/syncwright/v1/}.
     */
    static URI endpoints(URI server, String scope) {
        if (server.getRawQuery() != null || server.getRawFragment() != null) {
            throw new SyncException("The server's URL " + server + " must not have a query or fragment: give its scheme, host, port "
                    + "and the path the application serves under, if any");
        }
        String path = server.getRawPath() == null ? "" : server.getRawPath().replaceAll("/+$", "");
        return server.resolve(path + Protocol.BASE + scope + "/");
    }

    /** The session the following calls belong to, and the client replica syncing (null: not yet known). */
    public void session(String sessionId, String clientReplica) {
        if (!java.util.Objects.equals(sessionId, session)) {
            calls.set(0);
        }
        this.session = sessionId;
        this.replica = clientReplica;
    }

    /** How many calls the current session made. */
    public int calls() {
        return calls.get();
    }

    public String scope() {
        return scope;
    }

    public String session() {
        return session;
    }

    public interface Body {
        void write(WireWriter w);
    }

    /** A call whose whole answer is read by {@code reader}. */
    public <T> T call(String op, Body body, Function<WireReader, T> reader) {
        return call(op, body, reader, ATTEMPTS);
    }

    /** A call tried once: for what is not worth a retry's wait (the end of a session). */
    public <T> T callOnce(String op, Body body, Function<WireReader, T> reader) {
        return call(op, body, reader, 1);
    }

    /**
     * Sends {@code op} and reads its whole answer. An answer cut off on its way (the connection broke
     * after the status line) is a connection failure like any other: the call is made again, as
     * every operation is safe to repeat (an apply the server committed applies nothing the second time).
     */
    private <T> T call(String op, Body body, Function<WireReader, T> reader, int attempts) {
        calls.incrementAndGet();
        int reads = Math.min(attempts, 3); // each send retries on its own too
        for (int attempt = 1; ; attempt++) {
            InputStream in = send(op, body, attempts);
            try (in) {
                WireReader r = new WireReader(in, MAX_PART_BYTES);
                T result = reader.apply(r);
                if (!r.atEnd()) {
                    throw new SyncException("The server's answer to " + op + " goes on after its last field: is it a Syncwright server "
                            + "of protocol " + Protocol.VERSION + "?");
                }
                return result;
            } catch (IOException | java.io.UncheckedIOException e) {
                if (attempt >= reads) {
                    throw new SyncException("Reading the server's answer to " + op + " of scope '" + scope + "' failed: "
                            + e.getMessage(), e);
                }
            } catch (dev.syncwright.http.WireFormatException e) {
                if (attempt >= reads || !(e.getCause() instanceof IOException)) {
                    throw e; // an answer that is whole but malformed is not worth asking again
                }
            }
            sleep(backoff(attempt));
        }
    }

    /** A call whose answer is a stream, handed over unread (the caller closes it). */
    public InputStream stream(String op, Body body) {
        calls.incrementAndGet();
        return send(op, body, ATTEMPTS);
    }

    /** The answer's body, decoded. */
    private InputStream send(String op, Body body, int attempts) {
        String coding = zstdServer ? Codings.ZSTD : Codings.GZIP;
        byte[] payload = encode(body, coding);
        return decoded(op, answer(op, attempts, HttpRequest.newBuilder(base.resolve(op)).timeout(timeout)
                .header("Content-Type", Protocol.CONTENT_TYPE).header("Content-Encoding", coding)
                .header("Accept-Encoding", Codings.accepted()).POST(HttpRequest.BodyPublishers.ofByteArray(payload))));
    }

    /**
     * A GET of {@code op} whose 200 answer is handed over unread (the caller closes its body), retried
     * as a call is; {@code timeout} for the whole answer (a file takes longer than a call).
     */
    public HttpResponse<InputStream> get(String op, Duration timeout, String... headerNamesAndValues) {
        calls.incrementAndGet();
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(op)).timeout(timeout).GET();
        for (int i = 0; i + 1 < headerNamesAndValues.length; i += 2) {
            b.header(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
        }
        return answer(op, ATTEMPTS, b);
    }

    /** Sends {@code request} with the protocol's headers; its 200 answer, else retried or refused as the class comment says. */
    private HttpResponse<InputStream> answer(String op, int attempts, HttpRequest.Builder request) {
        request.header(Protocol.VERSION_HEADER, String.valueOf(Protocol.VERSION));
        SyncException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            long retryAfterMs = -1;
            try {
                HttpRequest.Builder b = request.copy();
                String s = session;
                String rep = replica;
                if (s != null) {
                    b.header(Protocol.SESSION_HEADER, s).header(Protocol.CLIENT_HEADER, PROCESS);
                }
                if (rep != null) {
                    b.header(Protocol.REPLICA_HEADER, rep);
                }
                String t = token == null ? null : token.get();
                if (t != null) {
                    b.header("Authorization", "Bearer " + t);
                }
                HttpResponse<InputStream> r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
                if (r.statusCode() == 200 || r.statusCode() == 206) { // 206: the rest of a file asked for by a GET with Range
                    return r;
                }
                String[] error = error(r);
                String message = "The server at " + base + " answered " + op + " with " + r.statusCode() + " " + error[0] + ": " + error[1];
                // a session of this replica cut off before its end holds the replica a few seconds: wait, as for 503
                boolean retryable = r.statusCode() >= 500 || r.statusCode() == 429
                        || (r.statusCode() == 409 && error[0].equals("SESSION_ACTIVE"));
                if (!retryable) {
                    throw new ServerRefusal(message, r.statusCode(), error[0]);
                }
                last = new SyncException(message);
                retryAfterMs = r.headers().firstValue("Retry-After").map(HttpCalls::seconds).orElse(-1L);
            } catch (HttpTimeoutException e) {
                last = new SyncException("The server at " + base + " did not answer " + op + " within " + timeout.toSeconds() + " s", e);
            } catch (ConnectException e) {
                last = new SyncException("Cannot connect to the server at " + base + ": " + e.getMessage(), e);
            } catch (IOException e) {
                last = new SyncException("The connection to the server at " + base + " failed during " + op + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SyncException("Interrupted while waiting for the server at " + base, e);
            }
            if (attempt < attempts) {
                sleep(retryAfterMs >= 0 ? retryAfterMs : backoff(attempt));
            }
        }
        throw new SyncException(last.getMessage() + (attempts > 1 ? " (" + attempts + " attempts)" : ""), last);
    }

    private static long backoff(int attempt) {
        long cap = Math.min(MAX_BACKOFF_MS, BACKOFF_MS << (attempt - 1));
        return ThreadLocalRandom.current().nextLong(cap / 2, cap + 1); // jitter: retrying clients do not arrive together
    }

    private static long seconds(String header) {
        try {
            return Math.min(60_000, Long.parseLong(header.strip()) * 1000);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String[] error(HttpResponse<InputStream> r) {
        try (InputStream in = r.body()) {
            return Errors.parse(in.readNBytes(64 * 1024));
        } catch (IOException e) {
            return new String[] {"HTTP", "(the body could not be read: " + e.getMessage() + ")"};
        }
    }

    private InputStream decoded(String op, HttpResponse<InputStream> r) {
        String coding = r.headers().firstValue("Content-Encoding").orElse(null);
        try {
            java.util.Optional<InputStream> in = Codings.decompress(coding, r.body());
            if (in.isEmpty()) {
                close(r.body());
                throw new SyncException("The server answered " + op + " in " + coding + ", which this client cannot read ("
                        + Codings.accepted() + ")");
            }
            if (Codings.ZSTD.equals(coding)) {
                zstdServer = true; // it reads zstd too: the following requests are sent in it
            }
            return in.get();
        } catch (IOException e) {
            close(r.body());
            throw new SyncException("Reading the server's answer to " + op + " of scope '" + scope + "' failed: " + e.getMessage(), e);
        }
    }

    private static byte[] encode(Body body, String coding) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.io.OutputStream z = Codings.compress(coding, bytes, false)) {
            WireWriter w = new WireWriter(z);
            body.write(w);
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncException("Interrupted while waiting to retry", e);
        }
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // already failing
        }
    }
}
