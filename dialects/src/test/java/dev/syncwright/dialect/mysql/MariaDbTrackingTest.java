package dev.syncwright.dialect.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.dialect.SchemaException;
import dev.syncwright.dialect.SqlStatement;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tracking state on a real MariaDB, statement by statement. Interim until the SPI owner's abstract
 * contract tests exist (then {@code MariaDbContractTest} subclasses them); the cases here are the
 * MySQL-specific ones: pending rows, stamping, collations, SKIP LOCKED.
 */
class MariaDbTrackingTest {
    static MariaDbTestDb db;
    static MySqlDialect dialect;
    Connection c;

    @BeforeAll
    static void createDatabase() throws SQLException {
        db = MariaDbTestDb.create("tracking");
        dialect = db.dialect();
    }

    @AfterAll
    static void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void reset() throws SQLException {
        c = db.connect();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")) {
            List<String> all = new java.util.ArrayList<>();
            while (rs.next()) {
                all.add(rs.getString(1));
            }
            for (String t : all) {
                s.execute("SET FOREIGN_KEY_CHECKS = 0");
                s.execute("DROP TABLE " + dialect.names().quote(t));
            }
        }
        run(dialect.tracking().createSyncObjects());
    }

    @org.junit.jupiter.api.AfterEach
    void closeConnection() throws SQLException {
        c.close();
    }

    @Test
    void backfillGivesEveryExistingRowOneCreationVersion() throws SQLException {
        exec("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50), qty INT)");
        exec("INSERT INTO items VALUES (1, 'a', 1), (2, 'b', 2), (3, 'c', 3)");
        provision("items");
        long w = watermark();
        assertThat(count("syncwright_trk_items")).isEqualTo(3);
        Map<String, Object> r = row("syncwright_trk_items", 2);
        assertThat(r).containsEntry("sw_tick", w).containsEntry("sw_cv", w).containsEntry("sw_pend", null)
                .containsEntry("sw_dv", null).containsEntry("sw_v0", null).containsEntry("sw_v1", null);
    }

    @Test
    void insertUpdateSameValueDeleteReinsert() throws SQLException {
        exec("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50) COLLATE utf8mb4_general_ci, qty INT)");
        provision("items");
        exec("INSERT INTO items VALUES (1, 'apple', 5)");
        assertThat(row("syncwright_trk_items", 1)).containsEntry("sw_pend", 1).containsEntry("sw_cv", -1L).containsEntry("sw_tick", null);
        long t1 = watermark();
        assertThat(row("syncwright_trk_items", 1)).containsEntry("sw_tick", t1).containsEntry("sw_cv", t1)
                .containsEntry("sw_pend", null).containsEntry("sw_v0", null).containsEntry("sw_v1", null);

        exec("UPDATE items SET qty = 6 WHERE id = 1");
        Map<String, Object> pending = row("syncwright_trk_items", 1);
        // pending: the old tick stays (the row's stamped versions are still readable), qty's version is due
        assertThat(pending).containsEntry("sw_tick", t1).containsEntry("sw_pend", 1).containsEntry("sw_v1", -1L).containsEntry("sw_v0", null);
        long t2 = watermark();
        assertThat(row("syncwright_trk_items", 1)).containsEntry("sw_tick", t2).containsEntry("sw_cv", t1)
                .containsEntry("sw_v0", null).containsEntry("sw_v1", t2);

        Map<String, Object> before = row("syncwright_trk_items", 1);
        exec("UPDATE items SET qty = 6, name = 'apple' WHERE id = 1");
        assertThat(row("syncwright_trk_items", 1)).isEqualTo(before);
        assertThat(watermark()).isEqualTo(t2);

        // a case-only change is a change, even where the collation calls the values equal
        exec("UPDATE items SET name = 'APPLE' WHERE id = 1");
        long t3 = watermark();
        assertThat(row("syncwright_trk_items", 1)).containsEntry("sw_v0", t3).containsEntry("sw_v1", t2);

        exec("DELETE FROM items WHERE id = 1");
        long t4 = watermark();
        assertThat(row("syncwright_trk_items", 1)).containsEntry("sw_tick", t4).containsEntry("sw_dv", t4)
                .containsEntry("sw_cv", t1).containsEntry("sw_v0", t3);

        exec("INSERT INTO items VALUES (1, 'pear', 1)");
        long t5 = watermark();
        assertThat(row("syncwright_trk_items", 1)).containsEntry("sw_tick", t5).containsEntry("sw_cv", t5)
                .containsEntry("sw_dv", null).containsEntry("sw_v0", null).containsEntry("sw_v1", null);
        assertThat(t5).isGreaterThan(t4);
    }

    @Test
    void keyUpdateIsADeleteAndAnInsert() throws SQLException {
        exec("CREATE TABLE items (id INT PRIMARY KEY, qty INT)");
        exec("INSERT INTO items VALUES (1, 1)");
        provision("items");
        long t0 = watermark();
        exec("UPDATE items SET id = 2 WHERE id = 1");
        long t1 = watermark();
        assertThat(row("syncwright_trk_items", 1)).containsEntry("sw_dv", t1).containsEntry("sw_cv", t0);
        assertThat(row("syncwright_trk_items", 2)).containsEntry("sw_cv", t1).containsEntry("sw_dv", null);
    }

    @Test
    void suppressedWritesLeaveNoLocalChange() throws SQLException {
        exec("CREATE TABLE items (id INT PRIMARY KEY, qty INT)");
        provision("items");
        long w = watermark();
        dialect.suppressTracking(c, dev.syncwright.dialect.TableName.of(null, "items"));
        exec("INSERT INTO items VALUES (7, 1)");
        exec("UPDATE items SET qty = 2 WHERE id = 7");
        dialect.suppressTracking(c, null);
        assertThat(count("syncwright_trk_items")).isZero();
        assertThat(watermark()).isEqualTo(w);
        exec("UPDATE items SET qty = 3 WHERE id = 7");
        assertThat(count("syncwright_trk_items")).isOne();
    }

    @Test
    void rowsOfOpenTransactionsAreStampedOnlyAfterTheyCommit() throws SQLException {
        exec("CREATE TABLE items (id INT PRIMARY KEY, qty INT)");
        provision("items");
        try (Connection writer = db.connect()) {
            writer.setAutoCommit(false);
            try (Statement s = writer.createStatement()) {
                s.execute("INSERT INTO items VALUES (1, 1)");
            }
            exec("INSERT INTO items VALUES (2, 2)");
            long w1 = watermark();
            assertThat(row("syncwright_trk_items", 2)).containsEntry("sw_tick", w1);
            writer.commit();
            assertThat(row("syncwright_trk_items", 1)).containsEntry("sw_pend", 1);
            long w2 = watermark();
            assertThat(w2).isGreaterThan(w1);
            assertThat(row("syncwright_trk_items", 1)).containsEntry("sw_tick", w2).containsEntry("sw_cv", w2);
        }
    }

    @Test
    void rolledBackWritesAreNeverStamped() throws SQLException {
        exec("CREATE TABLE items (id INT PRIMARY KEY, qty INT)");
        provision("items");
        long w = watermark();
        c.setAutoCommit(false);
        exec("INSERT INTO items VALUES (1, 1)");
        c.rollback();
        c.setAutoCommit(true);
        assertThat(watermark()).isEqualTo(w);
        assertThat(count("syncwright_trk_items")).isZero();
    }

    @Test
    void hostileIdentifiersAndCompositeKeys() throws SQLException {
        String table = "Tab `x` 'q' \"d\" select ünï.%s";
        exec("CREATE TABLE " + q(table) + " (" + q("K`1") + " VARCHAR(20) COLLATE utf8mb4_bin, " + q("order") + " INT, "
                + q("va lue'") + " TEXT, " + q("Ünï \"c\"") + " DOUBLE, PRIMARY KEY (" + q("K`1") + ", " + q("order") + "))");
        exec("INSERT INTO " + q(table) + " VALUES ('a', 1, 'x', 1.5)");
        TableDefinition def = provision(table);
        String trk = dialect.names().trackingTableName(def.name()).name();
        assertThat(trk).startsWith("syncwright_trk_Tab");
        exec("INSERT INTO " + q(table) + " VALUES ('A', 1, 'y', 2.5)");
        exec("UPDATE " + q(table) + " SET " + q("Ünï \"c\"") + " = 3 WHERE " + q("K`1") + " = 'a'");
        long w = watermark();
        assertThat(count(trk)).isEqualTo(2);
        try (PreparedStatement ps = c.prepareStatement("SELECT `sw_v1`, `sw_cv` FROM " + q(trk) + " WHERE " + q("K`1") + " = ?")) {
            ps.setString(1, "a");
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(w);
                assertThat(rs.getLong(2)).isLessThan(w);
            }
        }
        run(dialect.tracking().deprovisionTable(def));
        run(dialect.tracking().dropSyncObjects());
        assertThat(syncObjects()).isEmpty();
    }

    @Test
    void deprovisionLeavesNoTrace() throws SQLException {
        exec("CREATE TABLE items (id INT PRIMARY KEY, qty INT)");
        TableDefinition def = provision("items");
        run(dialect.tracking().deprovisionTable(def));
        run(dialect.tracking().dropSyncObjects());
        assertThat(syncObjects()).isEmpty();
        exec("INSERT INTO items VALUES (1, 1)"); // triggers are gone: this must not fail
    }

    @Test
    void tableWithoutPrimaryKeyIsRefusedByName() throws SQLException {
        exec("CREATE TABLE loose (a INT, b INT)");
        TableDefinition def = dialect.schema().read(c, dialect.schema().resolve(c, "loose").orElseThrow());
        assertThatThrownBy(() -> dialect.tracking().provisionTable(def)).isInstanceOf(SchemaException.class)
                .hasMessageContaining("loose").hasMessageContaining("primary key");
    }

    @Test
    void driftAddsTheNewChangeUnitAndKeepsTrackingRows() throws SQLException {
        exec("CREATE TABLE items (id INT PRIMARY KEY, qty INT)");
        exec("INSERT INTO items VALUES (1, 1)");
        TableDefinition before = provision("items");
        long t0 = watermark();
        exec("ALTER TABLE items ADD COLUMN color VARCHAR(10)");
        TableDefinition after = dialect.schema().read(c, before.name());
        assertThat(after.changeUnitCount()).isEqualTo(2);
        run(dialect.tracking().alterTable(before, after));
        assertThat(row("syncwright_trk_items", 1)).containsEntry("sw_cv", t0).containsEntry("sw_v1", null);
        exec("UPDATE items SET color = 'red' WHERE id = 1");
        long t1 = watermark();
        assertThat(row("syncwright_trk_items", 1)).containsEntry("sw_cv", t0).containsEntry("sw_v0", null).containsEntry("sw_v1", t1);
    }

    @Test
    void readsTypesAndKeys() throws SQLException {
        exec("CREATE TABLE parent (id BIGINT UNSIGNED PRIMARY KEY)");
        exec("CREATE TABLE typed (id CHAR(36) CHARACTER SET ascii COLLATE ascii_bin PRIMARY KEY, flag TINYINT(1), n DECIMAL(12,3),"
                + " j JSON, ts TIMESTAMP(3) NULL, dt DATETIME(6), b VARBINARY(10), p BIGINT UNSIGNED, g INT AS (n * 2) VIRTUAL,"
                + " UNIQUE KEY uq (b), CONSTRAINT fk FOREIGN KEY (p) REFERENCES parent (id))");
        TableDefinition t = dialect.schema().read(c, dialect.schema().resolve(c, "TYPED").orElseThrow());
        assertThat(t.primaryKey()).singleElement().satisfies(k ->
                assertThat(k.nativeType()).isEqualTo("char(36) CHARACTER SET ascii COLLATE ascii_bin"));
        assertThat(t.changeUnits()).extracting(col -> col.name() + ":" + col.type())
                .containsExactly("flag:BOOLEAN", "n:NUMERIC(12,3)", "j:JSON", "ts:TIMESTAMPTZ", "dt:TIMESTAMP", "b:BYTES", "p:NUMERIC(20,0)",
                        "g:INTEGER");
        // a generated column travels (its computed value) but is never written
        assertThat(t.changeUnits()).filteredOn(ColumnDefinition::generated).extracting(ColumnDefinition::name).containsExactly("g");
        assertThat(t.foreignKeys()).singleElement().satisfies(f -> assertThat(f.referenced().name()).isEqualTo("parent"));
        assertThat(t.uniqueConstraints()).singleElement().satisfies(u -> assertThat(u.columns()).containsExactly("b"));
    }

    // ---- helpers

    private TableDefinition provision(String table) {
        TableName name = dialect.schema().resolve(c, table).orElseThrow();
        TableDefinition def = dialect.schema().read(c, name);
        run(dialect.tracking().provisionTable(def));
        return def;
    }

    private long watermark() {
        return dialect.ticks().safeWatermark(c);
    }

    private void run(List<SqlStatement> statements) {
        for (SqlStatement s : statements) {
            dev.syncwright.dialect.Jdbc.execute(c, s);
        }
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private String q(String id) {
        return dialect.names().quote(id);
    }

    private long count(String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + q(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<String> syncObjects() throws SQLException {
        List<String> out = new java.util.ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT TABLE_NAME FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'syncwright%' UNION ALL SELECT TRIGGER_NAME"
                + " FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private Map<String, Object> row(String trackingTable, int id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + q(trackingTable) + " WHERE id = ?")) {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("tracking row %s", id).isTrue();
                ResultSetMetaData md = rs.getMetaData();
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    if (v instanceof Number n && !md.getColumnName(i).equals("sw_pend")) {
                        v = n.longValue();
                    } else if (v instanceof Number n) {
                        v = n.intValue();
                    }
                    m.put(md.getColumnName(i), md.getColumnName(i).equals("sw_at") ? "<time>" : v);
                }
                return m;
            }
        }
    }
}
