package dev.syncwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.ConflictKind;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.SyncResult;
import dev.syncwright.core.spi.PeerRecord;
import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.Dialects;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Tracking that is not whole (issue 11): rows and tracking rows removed behind the provider's back,
 * a trigger dropped, a table rebuilt. Every write the provider intends either happens or is healed
 * and reported; a session refuses to run on tracking that has a hole, and provisioning repairs it.
 */
abstract class IntegrityContract extends ReplicaHarness {

    /** A statement that drops the update trigger of {@code table}. */
    abstract String dropUpdateTrigger(String table);

    @Test
    void rowsAndTrackingRowsRemovedBehindTheProvidersBackAreHealedNotReportedApplied() throws SQLException {
        exec(sds, "CREATE TABLE items (id BIGINT PRIMARY KEY, v VARCHAR(40))");
        for (int i = 1; i <= 6; i++) {
            exec(sds, "INSERT INTO items (id, v) VALUES (" + i + ", 'v" + i + "')");
        }
        provision("items");
        Client a = client();
        sync(a);
        // on the client, behind the provider's back: rows deleted with tracking suppressed, tracking rows deleted
        Dialect lite = Dialects.detect(a.ds());
        try (Connection c = a.ds().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            lite.suppressTracking(c, lite.schema().resolve(c, "items").orElseThrow());
            s.execute("DELETE FROM items WHERE id IN (1, 2, 3)");
            lite.suppressTracking(c, null);
            s.execute("DELETE FROM " + lite.names().trackingTable(lite.schema().resolve(c, "items").orElseThrow()) + " WHERE id IN (4, 5)");
            c.commit();
        }
        exec(sds, "UPDATE items SET v = 'changed on the server'");
        SyncResult r = sync(a);
        // none of the five is reported applied as if nothing had happened: each is healed (the deletion, the untracked
        // row recorded as the client's own), logged with what was found, then met as a conflict by the sync's next pass
        assertThat(r.download().conflictsByKind()).as(r.download().toString()).containsEntry(ConflictKind.DELETE_UPDATE, 5L);
        assertThat(a.provider().conflicts(false)).filteredOn(c -> c.kind() == ConflictKind.CONSTRAINT)
                .extracting(ConflictRecord::message).hasSize(5)
                .filteredOn(m -> m.contains("not there to update")).hasSize(3);
        assertThat(rows(a.ds(), "SELECT id, v FROM items ORDER BY id")).hasSize(6).allSatisfy(row -> assertThat(row).endsWith("changed on the server"));
        assertThat(a.provider().conflicts(true)).as("nothing left open").isEmpty();
        assertThat(a.provider().conflicts(false)).allSatisfy(c -> assertThat(c.detectedAt())
                .isBetween(java.time.Instant.now().minusSeconds(120), java.time.Instant.now().plusSeconds(5)));
        assertConverged(a);
    }

    /**
     * The pair's epoch moves only over the record a session read (ADR 057): a stale or absent
     * expectation is refused, and of two sessions racing over one record on two connections exactly
     * one wins, every round.
     */
    @Test
    void aPeerRecordIsReplacedOnlyOverTheRecordRead() throws Exception {
        exec(sds, "CREATE TABLE items (id BIGINT PRIMARY KEY, v VARCHAR(40))");
        provision("items");
        ReplicaId peer = ReplicaId.random();
        PeerRecord first = new PeerRecord(1, "n1", 0, false);
        assertThat(serverProvider.replacePeer(peer, Optional.empty(), first)).isTrue();
        assertThat(serverProvider.replacePeer(peer, Optional.empty(), new PeerRecord(1, "other", 0, false))).as("taken").isFalse();
        assertThat(serverProvider.replacePeer(peer, Optional.of(new PeerRecord(1, "stale", 0, false)), new PeerRecord(2, "n2", 0, false)))
                .isFalse();
        assertThat(serverProvider.peer(peer)).contains(first);
        // the delivered mark and the role are not part of the comparison: a later mark of the same epoch is the same record
        PeerRecord second = new PeerRecord(2, "n2", 7, false);
        assertThat(serverProvider.replacePeer(peer, Optional.of(first.withDelivered(5)), second)).isTrue();
        assertThat(serverProvider.peer(peer)).contains(second);
        JdbcSyncProvider otherInstance = JdbcSyncProvider.open(sds, SCOPE);
        PeerRecord held = second;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                PeerRecord expected = held;
                PeerRecord mine = new PeerRecord(expected.epoch() + 1, "a" + round, 0, false);
                PeerRecord theirs = new PeerRecord(expected.epoch() + 1, "b" + round, 0, false);
                java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
                var x = pool.submit(() -> {
                    start.await();
                    return serverProvider.replacePeer(peer, Optional.of(expected), mine);
                });
                var y = pool.submit(() -> {
                    start.await();
                    return otherInstance.replacePeer(peer, Optional.of(expected), theirs);
                });
                start.countDown();
                assertThat(x.get() ^ y.get()).as("round " + round + ": exactly one session moves the epoch").isTrue();
                held = serverProvider.peer(peer).orElseThrow();
                assertThat(held).isEqualTo(x.get() ? mine : theirs);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSessionRefusesTrackingWithAHoleAndProvisioningRepairsIt() throws SQLException {
        exec(sds, "CREATE TABLE items (id BIGINT PRIMARY KEY, v VARCHAR(40))", "INSERT INTO items (id, v) VALUES (1, 'one')");
        provision("items");
        Client a = client();
        sync(a);
        exec(sds, dropUpdateTrigger("items"));
        exec(sds, "UPDATE items SET v = 'while no trigger watched' WHERE id = 1", "INSERT INTO items (id, v) VALUES (2, 'two')");
        assertThatThrownBy(() -> sync(a)).isInstanceOf(SyncException.class).hasMessageContaining("is not whole")
                .hasMessageContaining("items").hasMessageContaining("syncwright provision");
        exec(sds, "ALTER TABLE items ADD COLUMN extra INT");
        assertThatThrownBy(() -> sync(a)).hasMessageContaining("extra was added");
        provision("items");
        Client b = reopen(a);
        sync(b);
        // the insert made meanwhile is tracked by the repair; the update is what verify finds
        assertThat(rows(b.ds(), "SELECT id FROM items ORDER BY id")).containsExactly("1", "2");
        exec(sds, "UPDATE items SET v = 'tracked again' WHERE id = 1");
        assertConverged(b);
    }

    /**
     * A provider kept between sessions skips the check while the catalog is as it was when the check
     * passed (ADR 056): a trigger dropped on either side between two syncs still stops the next one.
     */
    @Test
    void aTriggerDroppedBetweenTwoSyncsOfLongLivedProvidersStopsTheNext() throws SQLException {
        exec(sds, "CREATE TABLE items (id BIGINT PRIMARY KEY, v VARCHAR(40))", "INSERT INTO items (id, v) VALUES (1, 'one')");
        provision("items");
        Client a = client();
        sync(a);
        sync(a);
        exec(a.ds(), "DROP TRIGGER syncwright_upd_items");
        assertThatThrownBy(() -> sync(a)).isInstanceOf(SyncException.class).hasMessageContaining("is not whole")
                .hasMessageContaining("syncwright_upd_items");
        Client b = client();
        sync(b);
        sync(b);
        exec(sds, dropUpdateTrigger("items"));
        assertThatThrownBy(() -> sync(b)).isInstanceOf(SyncException.class).hasMessageContaining("is not whole");
    }

    @Test
    void aClientTableRebuiltTheSqliteWayIsRepairedOnItsNextSync() throws SQLException {
        exec(sds, "CREATE TABLE items (id BIGINT PRIMARY KEY, v VARCHAR(40))", "INSERT INTO items (id, v) VALUES (1, 'one')");
        provision("items");
        Client a = client();
        sync(a);
        // the usual SQLite rebuild: create, copy, drop, rename; the new table spells its key type otherwise
        exec(a.ds(), "CREATE TABLE items_new (id bigint NOT NULL PRIMARY KEY, v VARCHAR(40))",
                "INSERT INTO items_new SELECT id, v FROM items", "DROP TABLE items", "ALTER TABLE items_new RENAME TO items",
                "INSERT INTO items (id, v) VALUES (2, 'inserted before the repair')");
        Client b = reopen(a);
        assertThat(b.provider().definition().tables()).hasSize(1);
        exec(b.ds(), "UPDATE items SET v = 'after the repair' WHERE id = 1");
        sync(b);
        assertThat(rows(sds, "SELECT id, v FROM items ORDER BY id")).containsExactly("1|after the repair", "2|inserted before the repair");
        assertConverged(b);
        assertThat(rows(b.ds(), "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'items'")).containsExactly("4");
    }
}
