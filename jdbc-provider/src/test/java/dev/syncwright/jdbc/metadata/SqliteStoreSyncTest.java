package dev.syncwright.jdbc.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.ConflictKind;
import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.ItemId;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.SyncDirection;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.core.memory.MemoryReplica;
import dev.syncwright.core.spi.ApplyPlan;
import dev.syncwright.core.spi.ForwardingSyncProvider;
import dev.syncwright.core.spi.BatchApplier;
import dev.syncwright.core.spi.ChangeBatch;
import dev.syncwright.core.spi.ChangeEnumeration;
import dev.syncwright.core.spi.EnumerationRequest;
import dev.syncwright.core.spi.FetchedItem;
import dev.syncwright.core.spi.ReplicaState;
import dev.syncwright.core.spi.SyncProvider;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: a provider with its metadata in a SQLite-file {@link JdbcMetadataStore} syncs with a
 * {@link MemoryReplica} both ways through the orchestrator, survives a "restart" (the store reopened
 * from its file; the data map kept, as the application's own store would be), and resumes an
 * interrupted session without re-sending what was committed.
 */
class SqliteStoreSyncTest {
    @TempDir
    Path dir;

    Path file;
    final Map<ItemId, Object[]> clientRows = new HashMap<>();
    StoredReplica client;
    final MemoryReplica server = new MemoryReplica(ReplicaId.random(), 3);

    @BeforeEach
    void open() {
        file = dir.resolve("client.sync.db");
        client = new StoredReplica(JdbcMetadataStore.sqliteFile(file, null), clientRows, 3);
    }

    @AfterEach
    void close() {
        client.metadataStore().close();
    }

    /** A process restart: the metadata store is closed and opened again from its file. */
    void restart() {
        ReplicaId id = client.replicaId();
        client.metadataStore().close();
        client = new StoredReplica(JdbcMetadataStore.sqliteFile(file, null), clientRows, 3);
        assertThat(client.replicaId()).isEqualTo(id);
    }

    SyncResult sync(SyncProvider local, SyncDirection d, int batchRows) {
        return SyncOrchestrator.between(local, server).direction(d).conflicts(ConflictPolicy.SERVER_WINS).batchSizeRows(batchRows).run();
    }

    static ItemId id(int i) {
        return ItemId.ofLong(i);
    }

    Map<ItemId, String> clientData() {
        Map<ItemId, String> m = new TreeMap<>();
        clientRows.forEach((k, v) -> m.put(k, Arrays.toString(v)));
        return m;
    }

    Map<ItemId, String> serverData() {
        Map<ItemId, String> m = new TreeMap<>();
        server.rows().forEach((k, v) -> m.put(k, Arrays.toString(v)));
        return m;
    }

    @Test
    void syncsBothWaysConvergesAndNeverEchoesAcrossARestart() {
        server.insert(id(1), "s1", "a", "b");
        server.insert(id(2), "s2", "a", "b");
        client.insert(id(3), "c3", "a", "b");
        SyncResult r = sync(client, SyncDirection.UPLOAD_AND_DOWNLOAD, 1000);
        assertThat(r.upload().sent()).isEqualTo(1);
        assertThat(r.download().sent()).isEqualTo(2);
        assertThat(clientData()).isEqualTo(serverData()).hasSize(3);

        restart();
        SyncResult again = sync(client, SyncDirection.UPLOAD_AND_DOWNLOAD, 1000);
        assertThat(again.upload().sent()).as("nothing echoes after a restart").isZero();
        assertThat(again.download().sent()).isZero();

        // different columns merge; the same column is a conflict the server wins; deletes travel
        client.update(id(1), 1, "client");
        server.update(id(1), 2, "server");
        client.update(id(2), 0, "client wants");
        server.update(id(2), 0, "server wants");
        client.delete(id(3));
        restart();
        SyncResult edits = sync(client, SyncDirection.UPLOAD_AND_DOWNLOAD, 1000);
        assertThat(edits.totalConflicts()).isEqualTo(1);
        assertThat(edits.upload().conflicts().get(0).kind()).isEqualTo(ConflictKind.UPDATE_UPDATE);
        assertThat(clientData()).isEqualTo(serverData());
        assertThat(clientRows.get(id(1))).containsExactly("s1", "client", "server");
        assertThat(clientRows.get(id(2))).containsExactly("server wants", "a", "b");
        assertThat(clientRows).doesNotContainKey(id(3));

        restart();
        SyncResult quiet = sync(client, SyncDirection.UPLOAD_AND_DOWNLOAD, 1000);
        assertThat(quiet.upload().sent() + quiet.download().sent()).isZero();
    }

    @Test
    void aDownloadInterruptedAfterOneBatchResumesAfterARestart() {
        for (int i = 1; i <= 10; i++) {
            server.insert(id(i), "v" + i, "a", "b");
        }
        FailAfter wrapped = new FailAfter(client, 1);
        assertThatThrownBy(() -> sync(wrapped, SyncDirection.DOWNLOAD, 3)).hasRootCauseInstanceOf(StoredReplica.InjectedFailure.class);
        assertThat(clientRows).hasSize(3);

        restart();
        assertThat(client.metadataStore().items(null, null)).toIterable().hasSize(3);
        SyncResult resumed = sync(client, SyncDirection.DOWNLOAD, 3);
        assertThat(resumed.download().sent()).as("the committed batch is not sent again").isEqualTo(7);
        assertThat(clientData()).isEqualTo(serverData()).hasSize(10);
        SyncResult quiet = sync(client, SyncDirection.UPLOAD_AND_DOWNLOAD, 3);
        assertThat(quiet.upload().sent() + quiet.download().sent()).isZero();
    }

    @Test
    void aBatchThatFailsHalfWayIsRolledBackInTheFileAndComesAgain() {
        for (int i = 1; i <= 10; i++) {
            server.insert(id(i), "v" + i, "a", "b");
        }
        client.failAtWrite = 5; // the second write of the second batch, inside its transaction
        assertThatThrownBy(() -> sync(client, SyncDirection.DOWNLOAD, 3)).hasRootCauseInstanceOf(StoredReplica.InjectedFailure.class);
        assertThat(clientRows).hasSize(3);
        long ticks = client.metadataStore().tickCount();

        restart();
        assertThat(client.metadataStore().tickCount()).isEqualTo(ticks);
        assertThat(client.metadataStore().items(null, null)).toIterable().extracting(m -> m.itemId())
                .containsExactly(id(1), id(2), id(3));
        SyncResult resumed = sync(client, SyncDirection.DOWNLOAD, 3);
        assertThat(resumed.download().sent()).isEqualTo(7);
        assertThat(clientData()).isEqualTo(serverData());
    }

    @Test
    void anUploadInterruptedAfterOneBatchResumesAfterARestart() {
        for (int i = 1; i <= 10; i++) {
            client.insert(id(i), "c" + i, "a", "b");
        }
        SyncProvider failingServer = new FailAfter(server, 1);
        assertThatThrownBy(() -> SyncOrchestrator.between(client, failingServer).direction(SyncDirection.UPLOAD)
                .batchSizeRows(3).run()).hasRootCauseInstanceOf(StoredReplica.InjectedFailure.class);
        assertThat(server.rows()).hasSize(3);

        restart();
        SyncResult resumed = sync(client, SyncDirection.UPLOAD, 3);
        assertThat(resumed.upload().sent()).isEqualTo(7);
        assertThat(serverData()).isEqualTo(clientData()).hasSize(10);
        SyncResult quiet = sync(client, SyncDirection.UPLOAD_AND_DOWNLOAD, 3);
        assertThat(quiet.upload().sent() + quiet.download().sent()).isZero();
    }

    /** Delegates, but fails every batch after the first {@code okBatches}. */
    static final class FailAfter extends ForwardingSyncProvider {
        private final int okBatches;
        private int applied;

        FailAfter(SyncProvider delegate, int okBatches) {
            super(delegate);
            this.okBatches = okBatches;
        }

        @Override
        public ApplyPlan applyChanges(ChangeBatch batch, BatchApplier applier) {
            if (applied >= okBatches) {
                throw new StoredReplica.InjectedFailure("injected failure before batch " + (applied + 1));
            }
            ApplyPlan p = delegate.applyChanges(batch, applier);
            applied++;
            return p;
        }
    }
}
