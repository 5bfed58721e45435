package dev.syncwright.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.SyncException;
import dev.syncwright.core.SyncResult;
import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.jdbc.SnapshotPublisher;
import dev.syncwright.jdbc.Snapshots;
import dev.syncwright.jdbc.SqliteClients;
import dev.syncwright.testing.CountingDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Served snapshots over real sockets (ADR 066): a new client downloads the scope as a ready file the
 * server's database takes no part in, adopts it, and its first sync brings only what changed since;
 * a server without a snapshot says so and the client takes the ordinary path; a damaged download
 * leaves nothing behind; the scope's rights apply as to a sync.
 */
class SnapshotOverHttpTest extends HttpFixture {
    private static final String TOKEN = "device-token-0123456789";
    private static final String OTHER = "other-token-0123456789";

    private SnapshotPublisher publisher;

    private SyncHttpServer serveSnapshots(AtomicLong statements) throws Exception {
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, TOKEN + " device shop\n" + OTHER + " other elsewhere\n");
        DataSource counted = CountingDataSource.wrap(pool(), statements);
        publisher = SnapshotPublisher.start(pool(), List.of(SCOPE), dir.resolve("snapshots"), Duration.ofHours(1));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (publisher.current(SCOPE).isEmpty()) { // the first snapshot, made in the background at start
            assertThat(System.nanoTime()).as("the first snapshot within a minute").isLessThan(deadline);
            Thread.sleep(20);
        }
        return serve(new SyncHttpHandler(JdbcScopes.of(counted).withSnapshots(publisher), BearerTokens.fromFile(tokens), 64 << 20, 8));
    }

    @Test
    void aNewClientStartsFromTheSnapshotAndItsFirstSyncBringsOnlyWhatChangedSince() throws Exception {
        AtomicLong statements = new AtomicLong();
        try (SyncHttpServer s = serveSnapshots(statements); SnapshotPublisher p = publisher) {
            exec(server.dataSource(), "UPDATE items SET name = 'since the snapshot' WHERE id IN (7, 8)");
            Path file = dir.resolve("device.db");
            long before = statements.get();
            FetchedSnapshot got = remote(s, TOKEN).startFromSnapshot(file, Duration.ofMinutes(1)).orElseThrow();
            assertThat(statements.get()).as("the server's database takes no part in the download").isEqualTo(before);
            assertThat(got.server()).isEqualTo(JdbcSyncProvider.open(server.dataSource(), SCOPE).replicaId());
            assertThat(got.bytes()).isEqualTo(Files.size(file)).isEqualTo(p.current(SCOPE).orElseThrow().bytes());
            assertThat(dir.resolve("device.db.part")).doesNotExist();

            try (var client = SqliteClients.file(file).open()) {
                JdbcSyncProvider local = JdbcSyncProvider.open(client, SCOPE);
                assertThat(local.replicaId()).isEqualTo(got.replica()).isNotEqualTo(got.server());
                assertThat(count(client)).isEqualTo(2000);
                SyncResult first = sync(client, remote(s, TOKEN));
                assertThat(first.download().sent()).as("what changed since the snapshot").isEqualTo(2);
                exec(client, "UPDATE items SET qty = -1 WHERE id = 9");
                sync(client, remote(s, TOKEN));
                assertThat(rows(client)).isEqualTo(rows(server.dataSource())).contains("9|item 9|-1", "7|since the snapshot|7");
            }
        }
    }

    @Test
    void theScopesRightsApplyAndAServerWithoutASnapshotSaysSo() throws Exception {
        try (SyncHttpServer s = serveSnapshots(new AtomicLong()); SnapshotPublisher p = publisher) {
            Path file = dir.resolve("refused.db");
            assertThatThrownBy(() -> remote(s, OTHER).startFromSnapshot(file, Duration.ofMinutes(1)))
                    .isInstanceOf(SyncException.class).hasMessageContaining("403");
            assertThatThrownBy(() -> remote(s, "not-a-token-0123456789").startFromSnapshot(file, Duration.ofMinutes(1)))
                    .isInstanceOf(SyncException.class).hasMessageContaining("401");
            assertThat(file).doesNotExist();
        }
        SyncHttpServer plain = serve(Authenticator.none());
        Path file = dir.resolve("none.db");
        assertThat(remote(plain, null).startFromSnapshot(file, Duration.ofMinutes(1))).isEmpty();
        assertThat(file).doesNotExist();
        assertThatThrownBy(() -> remote(plain, null).startFromSnapshot(dir.resolve("tokens"), Duration.ofMinutes(1)))
                .hasMessageContaining("exists");
    }

    @Test
    void aDamagedDownloadIsRefusedAndLeavesNoFileBehind() throws Exception {
        try (SnapshotPublisher p = SnapshotPublisher.start(pool(), List.of(SCOPE), dir.resolve("snapshots"), Duration.ofHours(1))) {
            Snapshots.Published real = p.refresh(SCOPE);
            // a resolver announcing another digest than the file's, as a file damaged on the server's disk would
            Snapshots.Published lying = new Snapshots.Published(real.file(), SCOPE, real.bytes(), real.sha256(), real.crc32c() ^ 1,
                    real.server(), real.preparedAt());
            ScopeResolver scopes = new ScopeResolver() {
                @Override
                public Optional<dev.syncwright.core.spi.SyncProvider> open(String scope, Principal principal) {
                    return Optional.empty();
                }

                @Override
                public Optional<Snapshots.Published> snapshot(String scope, Principal principal) {
                    return Optional.of(lying);
                }
            };
            SyncHttpServer s = serve(new SyncHttpHandler(scopes, Authenticator.none(), 1 << 20, 4));
            Path file = dir.resolve("damaged.db");
            assertThatThrownBy(() -> remote(s, null).startFromSnapshot(file, Duration.ofMinutes(1)))
                    .hasMessageContaining("after 1 attempt").hasMessageContaining("arrived damaged");
            assertThat(file).doesNotExist();
            assertThat(dir.resolve("damaged.db.part")).doesNotExist();
        }
    }
}
