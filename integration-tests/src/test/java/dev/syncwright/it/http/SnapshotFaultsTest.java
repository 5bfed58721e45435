package dev.syncwright.it.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.http.Authenticator;
import dev.syncwright.http.FetchedSnapshot;
import dev.syncwright.http.HttpSyncProvider;
import dev.syncwright.http.JdbcScopes;
import dev.syncwright.http.SyncHttpHandler;
import dev.syncwright.http.SyncHttpServer;
import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.jdbc.SnapshotPublisher;
import dev.syncwright.jdbc.Snapshots;
import dev.syncwright.jdbc.SqliteClients;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import dev.syncwright.tracking.Provisioner;
import dev.syncwright.tracking.SyncScope;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot downloaded through a proxy that cuts connections at random points (ADR 066): each cut
 * download goes on where it stopped instead of starting again, and the file that arrives is the
 * server's to the byte, adopted and in sync; a download that makes no progress at all fails with
 * a clear error and leaves nothing behind. {@code -Dsyncwright.it.http.seed} replays a run.
 */
class SnapshotFaultsTest {
    final long seed = Long.getLong("syncwright.it.http.seed", System.nanoTime());

    @TempDir
    Path dir;

    @Test
    void aDownloadCutManyTimesGoesOnWhereItStopped() throws Exception {
        System.out.println("[snapshot-faults] seed=" + seed);
        try (TestDatabase server = TestDatabases.postgres("snapshot_faults")) {
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE items (id BIGINT PRIMARY KEY, name VARCHAR(40), note TEXT)");
                s.execute("INSERT INTO items SELECT g, 'item ' || g, repeat(md5(g::text), 4) FROM generate_series(1, 20000) g");
            }
            Provisioner.of(server.dataSource()).provision(SyncScope.named("shop").tables("items").build());
            try (SnapshotPublisher publisher = SnapshotPublisher.start(server.dataSource(), List.of("shop"), dir.resolve("served"),
                    Duration.ofHours(1));
                    SyncHttpServer http = SyncHttpServer.start(new InetSocketAddress("127.0.0.1", 0), new SyncHttpHandler(
                            JdbcScopes.of(server.dataSource()).withSnapshots(publisher), Authenticator.none(), 1 << 20, 4), 4)) {
                Snapshots.Published snap = publisher.refresh("shop");
                int cuts = 8;
                // each connection is cut within its first tenth of the file, so the eight cuts let through
                // at most 80 % of it and all fall on the download (with half the file, the download
                // could finish first: a CI run saw 7 cuts)
                try (CuttingProxy proxy = new CuttingProxy(List.of(http.port()), seed, cuts, snap.bytes() / 10)) {
                    HttpSyncProvider remote = HttpSyncProvider.connect(URI.create("http://127.0.0.1:" + proxy.port()), "shop", null,
                            Duration.ofSeconds(20));
                    Path file = dir.resolve("device.db");
                    FetchedSnapshot got = remote.startFromSnapshot(file, Duration.ofSeconds(20)).orElseThrow();
                    assertThat(proxy.cuts()).as("every cut fell on the download").isEqualTo(cuts);
                    assertThat(got.resumes()).as("cut downloads went on where they stopped").isPositive();
                    assertThat(got.sha256()).isEqualTo(snap.sha256());
                    assertThat(dir.resolve("device.db.part")).doesNotExist();
                    try (var ds = SqliteClients.file(file).open()) {
                        JdbcSyncProvider local = JdbcSyncProvider.open(ds, "shop");
                        SyncOrchestrator.between(local, HttpSyncProvider.connect(URI.create("http://127.0.0.1:" + http.port()), "shop",
                                null, Duration.ofSeconds(20))).run();
                        assertThat(local.snapshot()).isEqualTo(JdbcSyncProvider.open(server.dataSource(), "shop").snapshot());
                    }
                }
                // every connection cut before the first byte of the body: no attempt gets further, so it gives up
                try (CuttingProxy dead = new CuttingProxy(List.of(http.port()), seed, 1000, 1)) {
                    HttpSyncProvider remote = HttpSyncProvider.connect(URI.create("http://127.0.0.1:" + dead.port()), "shop", null,
                            Duration.ofSeconds(5));
                    Path file = dir.resolve("never.db");
                    assertThatThrownBy(() -> remote.startFromSnapshot(file, Duration.ofSeconds(5))).hasMessageContaining("snapshot");
                    assertThat(file).doesNotExist();
                    assertThat(dir.resolve("never.db.part")).doesNotExist();
                }
            }
        }
    }
}
