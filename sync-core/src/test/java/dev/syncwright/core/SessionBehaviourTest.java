package dev.syncwright.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.memory.MemoryReplica;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Policies, custom handlers, deferral, cancellation, progress, batching and the out-of-date path, on memory replicas. */
class SessionBehaviourTest {
    final MemoryReplica client = new MemoryReplica(ReplicaId.random(), 3);
    final MemoryReplica server = new MemoryReplica(ReplicaId.random(), 3);

    static ItemId id(int i) {
        return ItemId.ofLong(i);
    }

    SyncOrchestrator sync() {
        return SyncOrchestrator.between(client, server);
    }

    void seed(int rows) {
        for (int i = 0; i < rows; i++) {
            server.insert(id(i), "a" + i, "b" + i, "c" + i);
        }
        sync().run();
    }

    @Test
    void mergeTakesOneSidedColumnsAndSecondaryDecidesTheRest() {
        seed(1);
        client.update(id(0), 0, "client-a");
        client.update(id(0), 1, "client-b");
        server.update(id(0), 1, "server-b");
        server.update(id(0), 2, "server-c");
        SyncResult r = sync().conflicts(ConflictPolicy.merge(ConflictPolicy.SERVER_WINS)).run();
        assertThat(r.totalConflicts()).isEqualTo(1);
        Conflict c = r.upload().conflicts().get(0);
        assertThat(c.kind()).isEqualTo(ConflictKind.UPDATE_UPDATE);
        assertThat(c.changeUnits()).containsExactly(1);
        assertThat(c.resolution()).isEqualTo(ConflictResolution.MERGE);
        assertThat(client.get(id(0))).containsExactly("client-a", "server-b", "server-c");
        assertThat(server.get(id(0))).containsExactly("client-a", "server-b", "server-c");
    }

    @Test
    void customHandlerSeesBothSidesAndItsValuesReachEveryone() {
        seed(1);
        client.update(id(0), 0, "3");
        server.update(id(0), 0, "4");
        List<Conflict> seen = new ArrayList<>();
        SyncResult r = sync().conflicts(ConflictPolicy.custom(c -> {
            seen.add(c);
            int sum = Integer.parseInt((String) c.localValues()[0]) + Integer.parseInt((String) c.remoteValues()[0]);
            return ConflictDecision.values(Map.of(0, String.valueOf(sum)));
        })).run();
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).localValues()[0]).isEqualTo("3");
        assertThat(seen.get(0).remoteValues()[0]).isEqualTo("4");
        assertThat(r.upload().conflictsByResolution()).containsEntry(ConflictResolution.CUSTOM, 1L);
        assertThat(server.get(id(0))[0]).isEqualTo("7");
        assertThat(client.get(id(0))[0]).isEqualTo("7");
    }

    @Test
    void deferredConflictIsLoggedAndRetriedOnALaterSync() {
        seed(1);
        client.update(id(0), 0, "client");
        server.update(id(0), 0, "server");
        SyncResult first = sync().direction(SyncDirection.UPLOAD).conflicts(ConflictPolicy.defer()).run();
        assertThat(first.hasDeferredConflicts()).isTrue();
        assertThat(server.get(id(0))[0]).isEqualTo("server");
        assertThat(server.metadata().conflictLog()).hasSize(1);
        assertThat(server.metadata().conflictLog().get(0).resolved()).isFalse();
        // Deferred: the server does not claim to know the client's version, so it comes again.
        SyncResult second = sync().direction(SyncDirection.UPLOAD).conflicts(ConflictPolicy.CLIENT_WINS).run();
        assertThat(second.upload().sent()).isEqualTo(1);
        assertThat(second.upload().conflictCount()).isEqualTo(1);
        assertThat(server.get(id(0))[0]).isEqualTo("client");
        assertThat(server.metadata().conflictLog().get(0).resolved()).isTrue();
        sync().run();
        assertThat(client.get(id(0))[0]).isEqualTo("client");
    }

    @Test
    void insertInsertIsDetectedAndResolved() {
        client.insert(id(5), "c1", "c2", "c3");
        server.insert(id(5), "s1", "s2", "s3");
        SyncResult r = sync().conflicts(ConflictPolicy.SERVER_WINS).run();
        assertThat(r.upload().conflicts()).extracting(Conflict::kind).containsExactly(ConflictKind.INSERT_INSERT);
        assertThat(client.get(id(5))).containsExactly("s1", "s2", "s3");
        assertThat(server.get(id(5))).containsExactly("s1", "s2", "s3");
        assertThat(sync().run().totalConflicts()).isZero();
    }

    @Test
    void updateDeleteWithDeleteWinning() {
        seed(1);
        client.update(id(0), 2, "edited");
        server.delete(id(0));
        SyncResult r = sync().conflicts(ConflictPolicy.SERVER_WINS).run();
        assertThat(r.upload().conflicts()).extracting(Conflict::kind).containsExactly(ConflictKind.DELETE_UPDATE);
        assertThat(server.get(id(0))).isNull();
        assertThat(client.get(id(0))).isNull();
    }

    @Test
    void batchesAreCountedAndProgressIsReported() {
        seed(0);
        for (int i = 0; i < 10; i++) {
            server.insert(id(i), "a", "b", "c");
        }
        List<SyncProgress> progress = new ArrayList<>();
        SyncResult r = sync().direction(SyncDirection.DOWNLOAD).batchSizeRows(3).onProgress(progress::add).run();
        assertThat(r.download().batches()).isEqualTo(4);
        assertThat(r.download().sent()).isEqualTo(10);
        assertThat(r.download().applied()).isEqualTo(10);
        assertThat(progress).hasSize(4);
        assertThat(progress.get(3).changesApplied()).isEqualTo(10);
        assertThat(client.rows()).hasSize(10);
    }

    @Test
    void cancellationStopsBetweenBatchesAndTheNextSyncResumes() {
        for (int i = 0; i < 10; i++) {
            server.insert(id(i), "a", "b", "c");
        }
        SyncCancellation cancel = new SyncCancellation();
        SyncResult r = sync().direction(SyncDirection.DOWNLOAD).batchSizeRows(2).cancellation(cancel)
                .onProgress(p -> {
                    if (p.batches() == 2) {
                        cancel.cancel();
                    }
                }).run();
        assertThat(r.cancelled()).isTrue();
        assertThat(client.rows()).hasSize(4);
        SyncResult resumed = sync().direction(SyncDirection.DOWNLOAD).batchSizeRows(2).run();
        assertThat(resumed.download().sent()).isEqualTo(6);
        assertThat(client.rows()).hasSize(10);
    }

    /** The server's enumeration runs on a thread of its own, reading ahead of the client's applies. */
    SyncOrchestrator syncReadingAhead() {
        return SyncOrchestrator.between(client, new dev.syncwright.core.spi.ForwardingSyncProvider(server) {
            @Override
            public boolean supportsConcurrentEnumeration() {
                return true;
            }
        });
    }

    @Test
    void readingAheadSendsTheSameChangesAndACancelledSessionResumesWithTheRest() {
        for (int i = 0; i < 10; i++) {
            server.insert(id(i), "a" + i, "b", "c");
        }
        SyncCancellation cancel = new SyncCancellation();
        SyncResult r = syncReadingAhead().direction(SyncDirection.DOWNLOAD).batchSizeRows(2).cancellation(cancel)
                .onProgress(p -> {
                    if (p.batches() == 2) {
                        cancel.cancel();
                    }
                }).run();
        assertThat(r.cancelled()).isTrue();
        assertThat(r.download().batches()).isEqualTo(2);
        assertThat(client.rows()).hasSize(4);
        SyncResult resumed = syncReadingAhead().direction(SyncDirection.DOWNLOAD).batchSizeRows(2).run();
        assertThat(resumed.download().sent()).isEqualTo(6);
        assertThat(client.rows()).hasSize(10);
        assertThat(client.get(id(9))).containsExactly("a9", "b", "c");
    }

    @Test
    void aDestinationOutOfDateWithForgottenDeletesIsReinitialized() {
        seed(5);
        server.delete(id(1));
        server.delete(id(2));
        server.cleanupTombstones(server.metadata().tickCount());
        assertThat(server.metadata().forgottenKnowledge().isSimple()).isTrue();
        SyncResult r = sync().direction(SyncDirection.DOWNLOAD).run();
        assertThat(r.download().fullEnumeration()).isTrue();
        assertThat(client.rows().keySet()).containsExactly(id(0), id(3), id(4));
        assertThat(sync().direction(SyncDirection.DOWNLOAD).run().download().fullEnumeration()).isFalse();
    }

    @Test
    void aReplicaCannotSyncWithItself() {
        assertThatThrownBy(() -> SyncOrchestrator.between(client, client).run())
                .isInstanceOf(SyncException.class).hasMessageContaining("cannot sync with itself");
    }

    @Test
    void impossibleSettingsAreRefusedByName() {
        assertThatThrownBy(() -> sync().batchSizeRows(0)).hasMessageContaining("batchSizeRows");
        assertThatThrownBy(() -> sync().batchSizeBytes(10)).hasMessageContaining("batchSizeBytes");
        assertThatThrownBy(() -> ConflictPolicy.merge(ConflictPolicy.merge(ConflictPolicy.SERVER_WINS)))
                .hasMessageContaining("secondary policy");
    }
}
