package dev.syncwright.jdbc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a snapshot of each of a server's scopes ready for new devices (ADR 066): one at start, then
 * one every {@code refreshEvery}, each an incremental download into the scope's template followed by
 * a compact copy. The snapshot being replaced stays on disk until the next one replaces it, so a
 * device still downloading it finishes; older ones are deleted. A refresh that fails is logged and
 * the current snapshot stays served: a device starting from an older snapshot only downloads more.
 * While a scope has no snapshot yet (its first failed: the scope not provisioned yet, the database
 * not reachable), the next attempt comes sooner: after {@value #FIRST_RETRY_SECONDS} s, doubling up
 * to the period.
 */
public final class SnapshotPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotPublisher.class);
    static final long FIRST_RETRY_SECONDS = 5;
    private final DataSource server;
    private final List<String> scopes;
    private final Path directory;
    private final ScheduledExecutorService timer;
    private final Map<String, Snapshots.Published> current = new ConcurrentHashMap<>();
    private final Duration every;
    private long retrySeconds = FIRST_RETRY_SECONDS;

    private SnapshotPublisher(DataSource server, List<String> scopes, Path directory, Duration every) {
        this.every = every;
        this.server = Objects.requireNonNull(server, "server");
        this.scopes = List.copyOf(scopes);
        this.directory = Objects.requireNonNull(directory, "directory");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "syncwright-snapshots");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts publishing snapshots of {@code scopes} (each provisioned in {@code server}) into
     * {@code directory}, the first ones now, in the background.
     */
    public static SnapshotPublisher start(DataSource server, List<String> scopes, Path directory, Duration refreshEvery) {
        if (refreshEvery.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("refreshEvery must be at least a second, not " + refreshEvery);
        }
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("name at least one scope to publish snapshots of");
        }
        SnapshotPublisher p = new SnapshotPublisher(server, scopes, directory, refreshEvery);
        p.timer.execute(p::refreshAll);
        return p;
    }

    /** The snapshot of {@code scope} to serve now; empty until its first one is ready, or when it is not published. */
    public Optional<Snapshots.Published> current(String scope) {
        return Optional.ofNullable(current.get(scope));
    }

    /** Prepares a new snapshot of {@code scope} now (on the caller's thread; not while the timer prepares one). */
    public synchronized Snapshots.Published refresh(String scope) {
        if (!scopes.contains(scope)) {
            throw new IllegalArgumentException("scope '" + scope + "' is not published here");
        }
        long t0 = System.nanoTime();
        JdbcSyncProvider provider = JdbcSyncProvider.open(server, scope);
        Snapshots.Published made;
        try {
            made = Snapshots.prepare(provider, directory);
        } finally {
            provider.close();
        }
        Snapshots.Published before = current.put(scope, made);
        deleteOlder(scope, made, before);
        LOG.info("Snapshot of scope '{}' ready: {} ({} bytes) in {} ms", scope, made.file().getFileName(), made.bytes(),
                (System.nanoTime() - t0) / 1_000_000);
        return made;
    }

    private synchronized void refreshAll() {
        boolean missing = false;
        for (String scope : scopes) {
            try {
                refresh(scope);
            } catch (RuntimeException e) {
                missing |= !current.containsKey(scope);
                LOG.warn("Preparing a snapshot of scope '{}' failed; {}", scope, current.containsKey(scope)
                        ? "the previous one is still served" : "new devices download the scope row by row meanwhile", e);
            }
        }
        long nextMs = every.toMillis();
        if (missing) {
            nextMs = Math.min(nextMs, TimeUnit.SECONDS.toMillis(retrySeconds));
            retrySeconds = Math.min(retrySeconds * 2, every.toSeconds());
        } else {
            retrySeconds = FIRST_RETRY_SECONDS;
        }
        try {
            timer.schedule(this::refreshAll, nextMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // closed meanwhile
        }
    }

    /** Keeps the new snapshot and the one it replaces (a device may still be downloading it). */
    private void deleteOlder(String scope, Snapshots.Published kept, Snapshots.Published previous) {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Snapshots.isSnapshotOf(f, scope) && !f.equals(kept.file()) && (previous == null || !f.equals(previous.file()))) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            LOG.warn("Deleting older snapshots of scope '{}' in {} failed", scope, directory, e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
