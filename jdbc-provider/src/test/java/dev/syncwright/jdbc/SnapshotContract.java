package dev.syncwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.ReplicaIdentityException;
import dev.syncwright.core.SyncResult;
import dev.syncwright.tracking.Provisioner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 066: a snapshot file, copied to any number of devices and adopted by each, makes replicas of
 * their own that start where the snapshot stopped and lose nothing afterwards. The oracle is a model
 * of the rows: every edit made on the server or on any adopted copy, in random order, arrives
 * everywhere. Seeds are printed and settable with {@code -Dsyncwright.seed=N}.
 */
abstract class SnapshotContract extends ReplicaHarness {
    @TempDir
    Path dir;

    /** The server's rows before the snapshot, as {@link BulkBootstrapContract} seeds them (parents and children). */
    void seed() throws SQLException {
        exec(sds, "CREATE TABLE parent (id INTEGER PRIMARY KEY, name VARCHAR(40), qty INTEGER)",
                "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id), note VARCHAR(40))");
        StringBuilder p = new StringBuilder("INSERT INTO parent (id, name, qty) VALUES ");
        for (int i = 1; i <= BulkBootstrapContract.ROWS; i++) {
            p.append(i > 1 ? ", " : "").append("(").append(i).append(", 'p").append(i).append("', ").append(i).append(")");
        }
        exec(sds, p.toString(), "INSERT INTO child (id, parent_id, note) VALUES (1, 1, 'c1'), (2, 2, NULL)");
        provision("parent", "child");
        exec(sds, "UPDATE parent SET qty = qty + 1 WHERE id % 7 = 0");
    }

    /** A copy of the snapshot file on a new device, adopted there, opened as every client is. */
    Client adoptedCopy(Snapshots.Published snapshot) throws IOException {
        Path file = dir.resolve("device" + clientPools.size() + ".db");
        Files.copy(snapshot.file(), file);
        HikariDataSource ds = SqliteClients.file(file).poolName("snapshot-device").minimumIdle(0).open();
        clientPools.add(ds);
        Snapshots.adopt(ds, SCOPE);
        return new Client(ds, JdbcSyncProvider.openClient(ds, serverProvider));
    }

    static Map<Integer, String> parents(DataSource ds) throws SQLException {
        Map<Integer, String> model = new TreeMap<>();
        rows(ds, "SELECT id, name, qty FROM parent").forEach(r -> model.put(Integer.parseInt(r.split("\\|")[0]), r));
        return model;
    }

    @Test
    void copiesOfOneSnapshotAreReplicasOfTheirOwnAndLoseNoEdit() throws Exception {
        long seed = Long.getLong("syncwright.seed", new Random().nextLong());
        System.out.println("[snapshot] seed=" + seed + " (-Dsyncwright.seed=" + seed + " repeats it)");
        Random rnd = new Random(seed);
        seed();
        Snapshots.Published snapshot = Snapshots.prepare(serverProvider, dir);
        assertThat(snapshot.server()).isEqualTo(serverProvider.replicaId());
        assertThat(Snapshots.digests(snapshot.file())).isEqualTo(new Snapshots.Digests(snapshot.sha256(), snapshot.crc32c()));
        exec(sds, "UPDATE parent SET name = 'after the snapshot' WHERE id IN (5, 6, 7)");

        Client a = adoptedCopy(snapshot);
        Client b = adoptedCopy(snapshot);
        Set<ReplicaId> ids = new HashSet<>(List.of(a.provider().replicaId(), b.provider().replicaId()));
        assertThat(ids).as("two devices, two replicas").hasSize(2).doesNotContain(serverProvider.replicaId());
        assertThat(a.provider().knowledge().keys().replicaIds()).as("the snapshot's id is kept as a former one").hasSize(3);
        SyncResult first = sync(a);
        assertThat(first.download().sent()).as("only what changed after the snapshot").isEqualTo(3);
        assertThat(a.provider().snapshot()).isEqualTo(serverProvider.snapshot());

        // b edits its copy before its first sync, without the server's edits made after the snapshot:
        // its edit of row 6's name is concurrent with the server's and loses (SERVER_WINS); its edit of
        // row 6's qty, which the server did not touch after the snapshot, merges; row 9 is b's alone.
        // (Until 2026-12-06 the random rounds below could make such an edit before b's first sync, and
        // their sequential model then expected b's value: a failure of about one seed in forty.)
        exec(b.ds(), "UPDATE parent SET name = 'b, before its first sync', qty = 606 WHERE id = 6",
                "UPDATE parent SET name = 'b alone' WHERE id = 9");
        SyncResult bFirst = sync(b);
        assertThat(bFirst.upload().conflicts()).as("b's name of row 6 against the server's").isNotEmpty();
        assertThat(rows(sds, "SELECT name, qty FROM parent WHERE id IN (6, 9) ORDER BY id")).containsExactly("after the snapshot|606", "b alone|9");
        assertThat(rows(b.ds(), "SELECT name, qty FROM parent WHERE id IN (6, 9) ORDER BY id")).containsExactly("after the snapshot|606", "b alone|9");

        Map<Integer, String> model = parents(sds);
        List<DataSource> sides = List.of(sds, a.ds(), b.ds());
        for (int round = 0; round < 4; round++) {
            for (int side = 0; side < 3; side++) {
                for (int k = 0; k < 12; k++) {
                    BulkBootstrapContract.edit(sides.get(side), side, rnd, model);
                }
            }
            for (Client c : rnd.nextBoolean() ? List.of(a, b) : List.of(b, a)) {
                sync(c);
            }
        }
        assertConverged(a, b);
        assertThat(parents(sds)).isEqualTo(model);
        assertThat(parents(b.ds())).isEqualTo(model);
    }

    @Test
    void onlyASnapshotWaitingToBeAdoptedIsAdoptedAndOnlyOnce() throws Exception {
        seed();
        Snapshots.Published snapshot = Snapshots.prepare(serverProvider, dir);
        Client a = adoptedCopy(snapshot);
        ReplicaId id = a.provider().replicaId();
        assertThatThrownBy(() -> Snapshots.adopt(a.ds(), SCOPE)).hasMessageContaining("not a Syncwright snapshot waiting to be adopted");
        Client ordinary = client();
        sync(ordinary);
        assertThatThrownBy(() -> Snapshots.adopt(ordinary.ds(), SCOPE)).hasMessageContaining("scope '" + SCOPE + "' keeps its replica id");
        assertThat(JdbcSyncProvider.open(a.ds(), SCOPE).replicaId()).as("a refused adoption changes nothing").isEqualTo(id);
        exec(a.ds(), "UPDATE parent SET name = 'from a' WHERE id = 1");
        sync(a);
        assertThat(rows(sds, "SELECT name FROM parent WHERE id = 1")).containsExactly("from a");
        assertConverged(a, ordinary);
    }

    /**
     * A snapshot taken before the scope was provisioned again belongs to a server that is gone: its
     * copy is refused at its first sync, as any client of that server is, and the next snapshot
     * starts its template afresh.
     */
    @Test
    void aSnapshotOfAnotherServerIsRefusedAndTheNextOneStartsAfresh() throws Exception {
        seed();
        Snapshots.Published old = Snapshots.prepare(serverProvider, dir);
        Provisioner.of(sds).deprovision(SCOPE);
        provision("parent", "child");
        Client stale = adoptedCopy(old);
        assertThatThrownBy(() -> sync(stale)).isInstanceOfSatisfying(ReplicaIdentityException.class,
                e -> assertThat(e.kind()).isEqualTo(ReplicaIdentityException.Kind.OTHER_REMOTE));
        Snapshots.Published fresh = Snapshots.prepare(serverProvider, dir);
        assertThat(fresh.server()).isEqualTo(serverProvider.replicaId()).isNotEqualTo(old.server());
        Client c = adoptedCopy(fresh);
        assertThat(sync(c).download().sent()).isZero();
        assertConverged(c);
    }

    /** The publisher refreshes incrementally, serves the newest file and keeps the one before it, no older one. */
    @Test
    void thePublisherKeepsTheNewestSnapshotAndTheOneBefore() throws Exception {
        seed();
        try (SnapshotPublisher publisher = SnapshotPublisher.start(sds, List.of(SCOPE), dir, Duration.ofHours(1))) {
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                exec(sds, "UPDATE parent SET qty = " + (1000 + i) + " WHERE id = 3");
                files.add(publisher.refresh(SCOPE).file());
            }
            assertThat(publisher.current(SCOPE).orElseThrow().file()).isEqualTo(files.get(2));
            try (Stream<Path> kept = Files.list(dir)) {
                assertThat(kept.filter(f -> Snapshots.isSnapshotOf(f, SCOPE))).containsExactlyInAnyOrder(files.get(1), files.get(2));
            }
            Client c = adoptedCopy(publisher.current(SCOPE).orElseThrow());
            assertThat(rows(c.ds(), "SELECT qty FROM parent WHERE id = 3")).containsExactly("1002");
            assertConverged(c);
        }
    }
}
