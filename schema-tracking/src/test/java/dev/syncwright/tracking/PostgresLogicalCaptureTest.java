package dev.syncwright.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.ChangeCapture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Logical capture (ADR 065) on a PostgreSQL with wal_level = logical: the tracking rows a drain writes
 * are those the triggers would have written; the provider's own writes are left out; a crash between
 * the drain's commit and the slot's advance neither loses nor repeats a change; a lost slot is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresLogicalCaptureTest extends PostgresLogicalSupport {
    private int n;
    private String scope;
    /** The highest tick right after provisioning: versions above it are new ("n"), others old ("o"). */
    private long base;

    private ChangeCapture capture() {
        return dialect.changeCapture().orElseThrow();
    }

    @BeforeEach
    void table() throws SQLException {
        n++;
        scope = "s" + n;
        sql("CREATE TABLE t" + n + " (id int PRIMARY KEY, a text, b int, big text)", "INSERT INTO t" + n + " VALUES (1, 'x', 1, NULL)");
        provisioner.provision(SyncScope.named(scope).tables("t" + n).build(), "logical");
        base = count("SELECT max(sw_tick) FROM syncwright.\"public.t" + n + "\"");
    }

    private long drain() throws SQLException {
        try (Connection c = db.connect()) {
            return capture().drain(c, scope, provisioner.definition(scope).orElseThrow().tables());
        }
    }

    /** id, sw_cv, sw_dv, sw_v0, sw_v1, sw_v2 of every tracking row, by id: "n" above {@link #base}, "o" at or below, "-" null. */
    private List<String> tracking() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT id, sw_cv, sw_dv, sw_v0, sw_v1, sw_v2 FROM syncwright.\"public.t" + n + "\" ORDER BY id")) {
            while (rs.next()) {
                StringBuilder b = new StringBuilder().append(rs.getInt(1));
                for (int i = 2; i <= 6; i++) {
                    long v = rs.getLong(i);
                    b.append(' ').append(rs.wasNull() ? "-" : v > base ? "n" : "o");
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    @Test
    void writesCarryNoTriggerAndADrainTracksThemPerColumn() throws SQLException {
        assertThat(count("SELECT count(*) FROM pg_trigger WHERE tgrelid = 't" + n + "'::regclass AND NOT tgisinternal"))
                .as("the TRUNCATE guard only").isEqualTo(1);
        sql("INSERT INTO t" + n + " VALUES (2, 'y', 2, NULL), (3, 'z', 3, NULL)", "UPDATE t" + n + " SET b = 10 WHERE id = 1",
                "DELETE FROM t" + n + " WHERE id = 3");
        assertThat(tracking()).containsExactly("1 o - - - -"); // not yet: nothing drained
        assertThat(drain()).isEqualTo(4);
        assertThat(tracking()).containsExactly("1 o - - n -", "2 n - - - -", "3 n n - - -");
        assertThat(drain()).isZero();
    }

    @Test
    void anUnchangedToastedValueIsNoChangeOfItsColumn() throws SQLException {
        sql("UPDATE t" + n + " SET big = (SELECT string_agg(md5(i::text), '') FROM generate_series(1, 5000) i) WHERE id = 1");
        drain();
        sql("UPDATE t" + n + " SET a = 'changed' WHERE id = 1");
        drain();
        assertThat(tracking()).containsExactly("1 o - n - n");
    }

    @Test
    void theProvidersOwnWritesAreNotCaptured() throws SQLException {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO t" + n + " VALUES (5, 'user', 5, NULL)");
                capture().ownWrites(c, table("t" + n));
                s.executeUpdate("INSERT INTO t" + n + " VALUES (6, 'provider', 6, NULL)");
                capture().ownWrites(c, null);
                s.executeUpdate("UPDATE t" + n + " SET a = 'user again' WHERE id = 1");
            }
            c.commit();
        }
        drain();
        assertThat(tracking()).containsExactly("1 o - n - -", "5 n - - - -");
    }

    @Test
    void aCrashBetweenTheCommitAndTheSlotAdvanceRepeatsNothing() throws SQLException {
        sql("UPDATE t" + n + " SET a = 'one' WHERE id = 1");
        // a copy of the slot where it stands now stands for the slot a crash left unadvanced
        String slot = capture().status(db.connect(), scope).slot();
        sql("SELECT pg_copy_logical_replication_slot('" + slot + "', '" + slot + "_copy')");
        drain();
        List<String> once = tracking();
        long tick = count("SELECT sw_tick FROM syncwright.\"public.t" + n + "\" WHERE id = 1");
        sql("UPDATE syncwright.capture SET slot_name = '" + slot + "_copy' WHERE scope_name = '" + scope + "'");
        sql("INSERT INTO t" + n + " VALUES (7, 'after', 7, NULL)");
        assertThat(drain()).as("only the change after the crash").isEqualTo(1);
        assertThat(count("SELECT sw_tick FROM syncwright.\"public.t" + n + "\" WHERE id = 1")).isEqualTo(tick);
        assertThat(tracking()).containsExactly(once.get(0), "7 n - - - -");
        sql("UPDATE syncwright.capture SET slot_name = '" + slot + "' WHERE scope_name = '" + scope + "'",
                "SELECT pg_drop_replication_slot('" + slot + "_copy')");
    }

    @Test
    void aLostSlotIsRefusedUntilProvisionedAgainAndThenEveryRowIsStamped() throws SQLException {
        String slot = capture().status(db.connect(), scope).slot();
        sql("SELECT pg_drop_replication_slot('" + slot + "')", "UPDATE t" + n + " SET a = 'unseen' WHERE id = 1");
        assertThatThrownBy(this::drain).isInstanceOf(SyncException.class).hasMessageContaining(slot)
                .hasMessageContaining("missing").hasMessageContaining("--capture logical");
        provisioner.provision(SyncScope.named(scope).tables("t" + n).build());
        assertThat(drain()).isZero();
        assertThat(tracking()).containsExactly("1 o - n n n");
    }

    @Test
    void deprovisionDropsSlotAndPublication() throws SQLException {
        String slot = capture().status(db.connect(), scope).slot();
        provisioner.deprovision(scope);
        assertThat(count("SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "'")).isZero();
        assertThat(count("SELECT count(*) FROM pg_publication WHERE pubname = '" + slot + "'")).isZero();
    }
}
