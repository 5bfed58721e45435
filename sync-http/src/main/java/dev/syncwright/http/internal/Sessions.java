package dev.syncwright.http.internal;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions this server instance is serving, for two things that are not needed for
 * correctness (the protocol is stateless, ADR 046) but that operators need: one client replica syncs
 * in one session at a time here (a second gets 409 {@code SESSION_ACTIVE}), and each session ends
 * with one log line. A session is named by the client ({@code Syncwright-Session}, with its replica
 * in {@code Syncwright-Replica}, and the client process in {@code Syncwright-Client}: a process
 * starting a session again after one cut off is not kept waiting); it ends with the {@code end} request or after
 * {@link #IDLE_NANOS} without a request in flight (logged as abandoned). A session cut off before
 * its end holds its replica that long: the 409 carries {@code Retry-After} and the client waits.
 * Each instance knows only the requests it served: behind a load balancer each logs its part of a
 * session, and two sessions of one replica on two instances are not refused (they stay correct:
 * every apply is a transaction its knowledge makes idempotent). Bounded: at most {@link #MAX}
 * sessions are tracked; beyond that, sessions are served untracked.
 */
public final class Sessions {
    private static final Logger LOG = LoggerFactory.getLogger("dev.syncwright.http.session");
    // long enough for the gaps between the requests of a live session (a client enumerating its next
    // batch), short enough that a session cut off before its end delays the replica's next one little
    static final long IDLE_NANOS = 3_000_000_000L;
    static final int MAX = 100_000;
    private final Map<String, Tally> byId = new ConcurrentHashMap<>();
    private final Map<String, String> leases = new ConcurrentHashMap<>(); // scope + replica -> session id
    private final long idleNanos;
    private volatile long sweptNanos = System.nanoTime();

    public Sessions() {
        this(IDLE_NANOS);
    }

    Sessions(long idleNanos) {
        this.idleNanos = idleNanos;
    }

    /** What one session did on this instance. Counters are updated by the requests of the session. */
    public static final class Tally {
        final String id;
        final String scope;
        final String principal;
        volatile String replica;
        final long startNanos = System.nanoTime();
        volatile long lastNanos = startNanos;
        public final AtomicInteger batchesDown = new AtomicInteger();
        public final AtomicLong rowsDown = new AtomicLong();
        public final AtomicInteger batchesUp = new AtomicInteger();
        public final AtomicLong rowsUp = new AtomicLong();
        public final AtomicInteger conflicts = new AtomicInteger();
        public final AtomicLong bytesIn = new AtomicLong();
        public final AtomicLong bytesOut = new AtomicLong();
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        /** A {@code state} of this session was answered here: its provider checked that tracking is whole. */
        volatile boolean stateServed;
        /** The session's probe was answered quiet (ADR 059): if nothing follows it, the sync is over, not abandoned. */
        volatile boolean quiet;
        /** The principal and client replica the server found this session may write as (ADR 064). */
        private volatile String admitted;
        /** Whether the session holds its replica's lease (a quiet answer gives it up; a later request takes it again). */
        volatile boolean leased;

        final String process;

        /**
         * Whether {@code principal} was found allowed to write as {@code replica} in this session. Both
         * are compared: the session's id is the client's word, so a request naming another's session
         * is checked as any other.
         */
        public boolean admitted(String principal, String replica) {
            return (principal + "\u0000" + replica).equals(admitted);
        }

        public void admit(String principal, String replica) {
            admitted = principal + "\u0000" + replica;
        }

        Tally(String id, String scope, String principal, String process) {
            this.id = id;
            this.process = process;
            this.scope = scope;
            this.principal = principal;
        }
    }

    /** Refused: another session of the same client replica is live on this instance. */
    public record Busy(String otherSession, long idleSeconds, long retryAfterSeconds) {}

    /**
     * Enters a request of session {@code id} (null: an untracked request, answered with null).
     * @return the session's tally, or a {@link Busy} when its replica is in another live session
     */
    public Object enter(String id, String scope, String replica, String principal, String process) {
        sweep();
        if (id == null || id.isEmpty() || id.length() > 64) {
            return null;
        }
        Tally t = byId.get(id);
        if (t == null) {
            if (byId.size() >= MAX) {
                return null;
            }
            t = byId.computeIfAbsent(id, k -> new Tally(k, scope, principal, process == null ? "" : process));
        }
        if (!t.scope.equals(scope)) {
            return null; // a client reusing a session id across scopes: served, not tracked
        }
        if (replica != null && (t.replica == null || !t.leased)) {
            String key = scope + "\u0000" + replica;
            Tally mine = t;
            String holder = leases.compute(key, (k, other) -> {
                Tally o = other == null ? null : byId.get(other);
                // the same client process starting again (its last session cut off before its end) takes over at once
                return o == null || o == mine || !live(o) || (!mine.process.isEmpty() && mine.process.equals(o.process)) ? mine.id
                        : other;
            });
            if (!holder.equals(t.id)) {
                Tally o = byId.get(holder);
                long idle = o == null ? 0 : System.nanoTime() - o.lastNanos;
                long wait = o == null || o.inFlight.get() > 0 ? 2 : Math.max(1, (idleNanos - idle + 999_999_999L) / 1_000_000_000L);
                return new Busy(holder, idle / 1_000_000_000L, wait);
            }
            t.replica = replica;
            t.leased = true;
        }
        t.lastNanos = System.nanoTime();
        t.requests.incrementAndGet();
        t.inFlight.incrementAndGet();
        return t;
    }

    /** The request of a session {@link #enter}ed has been answered. */
    public void exit(Tally t) {
        t.lastNanos = System.nanoTime();
        t.inFlight.decrementAndGet();
    }

    private boolean live(Tally t) {
        return t.inFlight.get() > 0 || System.nanoTime() - t.lastNanos <= idleNanos;
    }

    /** Whether requests of this session need the tracking check again (none of its states was answered here yet). */
    public static boolean verifyTracking(Tally t) {
        return t == null || !t.stateServed;
    }

    /**
     * The session's probe was answered quiet (ADR 059): the client may send nothing more, so its
     * replica is free at once; should the session go on, its next request takes the replica again.
     */
    public void quiet(Tally t) {
        t.quiet = true;
        release(t);
    }

    /** Ends a session: its log line, and its replica may sync again at once. */
    public void end(Tally t, boolean success) {
        if (byId.remove(t.id, t)) {
            release(t);
            log(t, success ? "ok" : "failed");
        }
    }

    private void release(Tally t) {
        if (t.replica != null) {
            leases.remove(t.scope + "\u0000" + t.replica, t.id);
        }
        t.leased = false;
    }

    private void sweep() {
        long now = System.nanoTime();
        if (now - sweptNanos < 1_000_000_000L) {
            return; // at most once a second: a request does not pay for every other session
        }
        sweptNanos = now;
        for (Iterator<Tally> it = byId.values().iterator(); it.hasNext();) {
            Tally t = it.next();
            if (!live(t) && byId.remove(t.id, t)) {
                release(t);
                log(t, t.quiet && t.requests.get() == 1 ? "quiet" : "abandoned");
            }
        }
    }

    private static void log(Tally t, String outcome) {
        if (LOG.isInfoEnabled()) {
            LOG.info(line(t, outcome));
        }
    }

    /** The session's log line: key=value pairs, one line, for people and log pipelines alike. */
    static String line(Tally t, String outcome) {
        String direction = t.batchesUp.get() > 0 && t.batchesDown.get() > 0 ? "upload+download"
                : t.batchesUp.get() > 0 ? "upload" : t.batchesDown.get() > 0 ? "download" : "none";
        return "sync session=" + t.id + " scope=" + t.scope + " principal=" + t.principal + " client=" + t.replica + " direction="
                + direction + " requests=" + t.requests.get() + " batches=" + (t.batchesUp.get() + t.batchesDown.get()) + " rows="
                + (t.rowsUp.get() + t.rowsDown.get()) + " bytes_in=" + t.bytesIn.get() + " bytes_out=" + t.bytesOut.get()
                + " conflicts=" + t.conflicts.get() + " duration_ms=" + (t.lastNanos - t.startNanos) / 1_000_000L + " outcome=" + outcome;
    }

    /** Sessions live on this instance (for tests and health reporting). */
    public int live() {
        return byId.size();
    }
}
