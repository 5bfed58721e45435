package dev.syncwright.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.core.memory.MemoryReplica;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MemorySyncTest {
    static final ItemId A = ItemId.ofString("a");
    static final ItemId B = ItemId.ofString("b");

    MemoryReplica client = new MemoryReplica(ReplicaId.random(), 3);
    MemoryReplica server = new MemoryReplica(ReplicaId.random(), 3);

    SyncResult sync(ConflictPolicy p) {
        return SyncOrchestrator.between(client, server).conflicts(p).run();
    }

    static Map<ItemId, String> data(MemoryReplica r) {
        Map<ItemId, String> m = new TreeMap<>();
        r.rows().forEach((k, v) -> m.put(k, Arrays.toString(v)));
        return m;
    }

    @Test
    void insertsTravelBothWaysAndNothingEchoes() {
        server.insert(A, "a1", "a2", "a3");
        client.insert(B, "b1", "b2", "b3");
        SyncResult r = sync(ConflictPolicy.SERVER_WINS);
        assertThat(r.upload().sent()).isEqualTo(1);
        assertThat(r.download().sent()).isEqualTo(1);
        assertThat(data(client)).isEqualTo(data(server)).hasSize(2);
        SyncResult again = sync(ConflictPolicy.SERVER_WINS);
        assertThat(again.upload().sent()).isZero();
        assertThat(again.download().sent()).isZero();
    }

    @Test
    void editsToDifferentColumnsMergeWithoutConflict() {
        server.insert(A, "x", "y", "z");
        sync(ConflictPolicy.SERVER_WINS);
        client.update(A, 0, "client");
        server.update(A, 1, "server");
        SyncResult r = sync(ConflictPolicy.SERVER_WINS);
        assertThat(r.totalConflicts()).isZero();
        assertThat(client.get(A)).containsExactly("client", "server", "z");
        assertThat(server.get(A)).containsExactly("client", "server", "z");
    }

    @Test
    void sameColumnConflictServerWins() {
        server.insert(A, "x", "y", "z");
        sync(ConflictPolicy.SERVER_WINS);
        client.update(A, 0, "client");
        server.update(A, 0, "server");
        SyncResult r = sync(ConflictPolicy.SERVER_WINS);
        assertThat(r.totalConflicts()).isEqualTo(1);
        assertThat(r.upload().conflicts().get(0).kind()).isEqualTo(ConflictKind.UPDATE_UPDATE);
        assertThat(client.get(A)).containsExactly("server", "y", "z");
        assertThat(server.get(A)).containsExactly("server", "y", "z");
        SyncResult again = sync(ConflictPolicy.SERVER_WINS);
        assertThat(again.totalConflicts()).isZero();
        assertThat(again.upload().sent() + again.download().sent()).isZero();
    }

    @Test
    void sameColumnConflictClientWins() {
        server.insert(A, "x", "y", "z");
        sync(ConflictPolicy.SERVER_WINS);
        client.update(A, 0, "client");
        server.update(A, 0, "server");
        sync(ConflictPolicy.CLIENT_WINS);
        assertThat(client.get(A)).containsExactly("client", "y", "z");
        assertThat(server.get(A)).containsExactly("client", "y", "z");
    }

    @Test
    void deleteTravelsAndUpdateDeleteConflictResolves() {
        server.insert(A, "x", "y", "z");
        server.insert(B, "x", "y", "z");
        sync(ConflictPolicy.SERVER_WINS);
        server.delete(A);
        sync(ConflictPolicy.SERVER_WINS);
        assertThat(client.get(A)).isNull();
        client.update(B, 2, "client");
        server.delete(B);
        SyncResult r = sync(ConflictPolicy.CLIENT_WINS);
        assertThat(r.upload().conflicts()).extracting(Conflict::kind).containsExactly(ConflictKind.DELETE_UPDATE);
        assertThat(server.get(B)).containsExactly("x", "y", "client");
        assertThat(data(client)).isEqualTo(data(server));
    }
}
