package dev.syncwright.http;

import dev.syncwright.core.Knowledge;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.spi.PeerRecord;
import dev.syncwright.core.spi.Probe;
import dev.syncwright.core.spi.SyncProvider;
import dev.syncwright.http.internal.Codings;
import dev.syncwright.http.internal.CountingExchange;
import dev.syncwright.http.internal.Errors;
import dev.syncwright.http.internal.Operations;
import dev.syncwright.http.internal.Protocol;
import dev.syncwright.http.internal.Sessions;
import dev.syncwright.http.internal.SnapshotServing;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of the sync protocol (docs/protocol.md, ADR 046), knowing no HTTP library: an
 * adapter ({@link SyncHttpServer}, or a servlet or Spring endpoint) hands it each request. It keeps
 * no session state: every request carries what it needs, and a provider is opened for it, so any
 * instance behind a load balancer answers any request.
 *
 * <p>Order of checks: authentication (401, nothing read), protocol version (400 naming both),
 * scope rights (403), admission (503 with {@code Retry-After}), one session per client replica
 * (409 {@code SESSION_ACTIVE}, {@link Sessions}), body size (413), then the
 * operation; a malformed body is 400 with what was wrong, nothing applied; an unexpected failure
 * is 500 with a generic message (the cause is logged here, never sent).
 */
public final class SyncHttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SyncHttpHandler.class);
    private final ScopeResolver scopes;
    private final Authenticator authenticator;
    private final long maxBodyBytes;
    private final Semaphore admission;
    private final Sessions sessions = new Sessions();
    private final boolean relays;

    /**
     * A server whose clients may upload their own changes only (ADR 058).
     * @param maxBodyBytes    the largest request body accepted (after decompression)
     * @param maxConcurrent   requests served at once; more get 503 with {@code Retry-After}
     */
    public SyncHttpHandler(ScopeResolver scopes, Authenticator authenticator, long maxBodyBytes, int maxConcurrent) {
        this(scopes, authenticator, maxBodyBytes, maxConcurrent, false);
    }

    /**
     * @param relays whether a client may also bring changes of other replicas it synced with (a mesh of
     *               trusted peers); without it, an upload carrying a version of another replica that
     *               the server does not hold is refused (400), since its knowledge would become every
     *               client's (ADR 058)
     */
    public SyncHttpHandler(ScopeResolver scopes, Authenticator authenticator, long maxBodyBytes, int maxConcurrent, boolean relays) {
        this.relays = relays;
        this.scopes = Objects.requireNonNull(scopes, "scopes");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        if (maxBodyBytes < 1024 || maxConcurrent < 1) {
            throw new SyncException("maxBodyBytes must be at least 1024 and maxConcurrent at least 1");
        }
        this.maxBodyBytes = maxBodyBytes;
        this.admission = new Semaphore(maxConcurrent);
    }

    /** Answers one request. Never throws for a request it can answer; I/O failures of the connection propagate. */
    public void handle(Exchange ex) {
        String path = ex.path();
        if (path.equals(Protocol.HEALTH) || path.equals(Protocol.READY)) {
            // health: the process serves; ready: it can serve syncs now (its database answers)
            boolean up = path.equals(Protocol.HEALTH) || scopes.ready();
            try (OutputStream out = ex.respond(up ? 200 : 503, "text/plain")) {
                out.write((up ? "ok\n" : "not ready: the database does not answer\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        if (!path.startsWith(Protocol.BASE)) {
            Errors.send(ex, 404, "NOT_FOUND", "No such endpoint: " + path);
            return;
        }
        Optional<Principal> who = authenticator.authenticate(ex.header("Authorization"));
        if (who.isEmpty()) {
            Errors.send(ex, 401, "UNAUTHORIZED", "A valid bearer token is required", "WWW-Authenticate", "Bearer");
            return;
        }
        String version = ex.header(Protocol.VERSION_HEADER);
        if (!String.valueOf(Protocol.VERSION).equals(version)) {
            Errors.send(ex, 400, "PROTOCOL_VERSION", "This server speaks sync protocol " + Protocol.VERSION + "; the client sent "
                    + (version == null ? "no version" : "version " + version) + " (upgrade the older side)");
            return;
        }
        String[] parts = path.substring(Protocol.BASE.length()).split("/");
        boolean snapshot = parts.length == 2 && parts[1].equals(Protocol.SNAPSHOT) && ex.method().equals("GET");
        if (parts.length != 2 || !(snapshot || ex.method().equals("POST"))) {
            Errors.send(ex, 404, "NOT_FOUND", "No such endpoint: " + ex.method() + " " + path);
            return;
        }
        String scope = parts[0];
        if (!who.get().may(scope)) {
            Errors.send(ex, 403, "FORBIDDEN", who.get().name() + " may not sync scope '" + scope + "'");
            return;
        }
        if (!admission.tryAcquire()) {
            Errors.send(ex, 503, "BUSY", "The server is serving as many syncs as it may; retry shortly", "Retry-After", "1");
            return;
        }
        try {
            if (snapshot) {
                SnapshotServing.serve(ex, scopes.snapshot(scope, who.get()), scope);
                return;
            }
            String replica = ex.header(Protocol.REPLICA_HEADER);
            if (replica != null && !replica.matches("[0-9a-fA-F-]{36}")) {
                Errors.send(ex, 400, "BAD_REQUEST", Protocol.REPLICA_HEADER + " must be a replica id (a UUID)");
                return;
            }
            Object session = sessions.enter(ex.header(Protocol.SESSION_HEADER), scope, replica, who.get().name(),
                    ex.header(Protocol.CLIENT_HEADER));
            if (session instanceof Sessions.Busy busy) {
                Errors.send(ex, 409, "SESSION_ACTIVE", "Replica " + replica + " is already syncing scope '" + scope + "' with this server"
                        + " (session " + busy.otherSession() + ", last request " + busy.idleSeconds() + " s ago); a replica syncs in one "
                        + "session at a time: retry when that one ends", "Retry-After", String.valueOf(busy.retryAfterSeconds()));
                return;
            }
            Sessions.Tally tally = (Sessions.Tally) session;
            long t0 = System.nanoTime();
            try {
                serve(tally == null ? ex : new CountingExchange(ex, tally), scope, parts[1], who.get(), tally);
            } finally {
                if (LOG.isDebugEnabled()) {
                    LOG.debug("{} {} for replica {}: {} us", scope, parts[1], replica, (System.nanoTime() - t0) / 1000);
                }
                if (tally != null) {
                    sessions.exit(tally);
                }
            }
        } finally {
            admission.release();
        }
    }

    private void serve(Exchange ex, String scope, String op, Principal who, Sessions.Tally tally) {
        if (op.equals("end")) {
            run(new Opening(scope, who, tally), ex, op, tally); // the end of a session touches no replica
            return;
        }
        try (Opening target = new Opening(scope, who, tally)) {
            if (!op.equals("probe")) {
                target.open(); // before the body is read, as it always was: a refusal is answered when the operation asks
            }
            run(target, ex, op, tally);
        }
    }

    /** The request's scope: a provider opened on first use and closed with the request, or a probe answered without one. */
    private final class Opening implements Operations.Target, AutoCloseable {
        private final String scope;
        private final Principal who;
        private final Sessions.Tally tally;
        private SyncProvider provider;
        private Operations.Unavailable refused;

        Opening(String scope, Principal who, Sessions.Tally tally) {
            this.scope = scope;
            this.who = who;
            this.tally = tally;
        }

        /** Opens the provider once: afterwards either it or the refusal is set. */
        void open() {
            if (provider != null || refused != null) {
                return;
            }
            try {
                provider = scopes.open(scope, who, Sessions.verifyTracking(tally)).orElse(null);
                if (provider == null) {
                    refused = new Operations.Unavailable(404, "UNKNOWN_SCOPE", "This server does not serve scope '" + scope + "'");
                }
            } catch (RuntimeException e) {
                LOG.warn("Opening scope '{}' for {} failed", scope, who.name(), e);
                refused = new Operations.Unavailable(500, "SERVER_ERROR", "The server cannot open scope '" + scope + "': " + e.getMessage());
            }
        }

        @Override
        public SyncProvider provider() {
            open();
            if (refused != null) {
                throw refused;
            }
            return provider;
        }

        @Override
        public Optional<Probe> probe(ReplicaId asker, PeerRecord askersRecord, Knowledge askersKnowledge) {
            if (!Sessions.verifyTracking(tally)) {
                return Optional.empty(); // not the session's first request: the provider answers as it always did
            }
            try {
                return scopes.probe(scope, who, asker, askersRecord, askersKnowledge);
            } catch (RuntimeException e) {
                LOG.warn("Probing scope '{}' in one read failed; asking a provider", scope, e);
                return Optional.empty();
            }
        }

        @Override
        public void admit(ReplicaId replica) {
            if (!who.authenticated() || (tally != null && tally.admitted(who.name(), replica.toString()))) {
                return;
            }
            Optional<String> other = scopes.bind(provider(), replica, who);
            if (other.isPresent()) {
                LOG.warn("Refused {} writing as client replica {} of scope '{}', which syncs as {}", who.name(), replica, scope, other.get());
                throw new Operations.Unavailable(403, "FORBIDDEN", "Client replica " + replica + " of scope '" + scope + "' syncs as "
                        + "another principal; " + who.name() + " may not write as it (a device whose principal changed syncs from "
                        + "a new replica: a fresh client database, or `syncwright reidentify` of its file)");
            }
            if (tally != null) {
                tally.admit(who.name(), replica.toString()); // once per session and instance
            }
        }

        @Override
        public void close() {
            if (provider != null) {
                provider.close();
            }
        }
    }

    private void run(Operations.Target p, Exchange ex, String op, Sessions.Tally tally) {
        String coding = ex.header("Content-Encoding");
        Optional<InputStream> decoded;
        try {
            decoded = Codings.decompress(coding, ex.body());
        } catch (IOException e) {
            // a damaged header (or one that ends early) is the body's fault; were it the connection's, the answer is lost with it
            Errors.send(ex, 400, "BAD_REQUEST", "The body is not valid " + coding + " (" + (e instanceof java.io.EOFException
                    ? "it ends too early" : e.getMessage()) + ")");
            return;
        }
        if (decoded.isEmpty()) {
            Errors.send(ex, 415, "UNSUPPORTED_ENCODING", "This server reads bodies in " + Codings.accepted() + ", not " + coding);
            return;
        }
        try (InputStream body = decoded.get()) {
            new Operations(p, scopes, maxBodyBytes, sessions, tally, relays).run(op, body, ex);
        } catch (java.util.zip.ZipException e) {
            Errors.send(ex, 400, "BAD_REQUEST", "The body is not valid " + coding + " (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
