package dev.syncwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.SyncDirection;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.dialect.Dialects;
import dev.syncwright.dialect.TableName;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's stall (ADR 055): after five executions pgjdbc prepares the tracking lookup
 * ({@code WHERE id IN (200 keys)}) on the server, and PostgreSQL caches a generic plan; made while
 * the tracking table was empty, it is a sequential scan and stays one after the table has filled.
 * Here one pooled server connection (as an application's pool reuses it) runs the lookup more than
 * ten times against an empty tracking table, the table is refilled, and an upload of changes must
 * find its rows through the index. Read from the database's scan counters; nothing is timed.
 */
class PostgresPlanCacheTest extends ReplicaHarness {
    /** Rows per upload: 15 lookups of 200 keys, more than pgjdbc's 5 plus PostgreSQL's 5 custom plans. */
    private static final int ROWS = 3000;
    private static final int REFILL = 100_000;
    private HikariDataSource pool;

    @Override
    TestDatabase createServer(String hint) {
        return TestDatabases.postgres(hint);
    }

    /** One connection, so every apply runs in the backend that cached the plan. */
    @Override
    DataSource serverDataSource(TestDatabase db) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(db.jdbcUrl());
        cfg.setMaximumPoolSize(1);
        cfg.setPoolName("plan-cache-server");
        pool = new HikariDataSource(cfg);
        return pool;
    }

    @AfterEach
    void closePool() {
        if (pool != null) {
            pool.close();
        }
    }

    @Test
    void aPlanCachedWhileTheTrackingTableWasEmptyDoesNotScanItOnceFilled() throws SQLException {
        assumeTrue(serverVersion() >= 150_000, "pg_stat_force_next_flush() needs PostgreSQL 15");
        String tracking = emptyItems(false);
        Client client = client();

        // every lookup of this upload runs before its writes: all of them find the tracking table empty
        exec(client.ds(), "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + ROWS + ") "
                + "INSERT INTO items (id, v) SELECT i, 'new' FROM n");
        assertThat(upload(client).upload().applied()).isEqualTo(ROWS);

        // refilled behind the provider's back (another connection, triggers tracking), no ANALYZE
        exec(server.dataSource(), "INSERT INTO items (id, v) SELECT g, 'server' FROM generate_series(" + (ROWS + 1) + ", "
                + (ROWS + REFILL) + ") g");
        exec(client.ds(), "UPDATE items SET v = 'changed'");
        long[] before = scans(tracking);
        assertThat(upload(client).upload().applied()).isEqualTo(ROWS);
        long[] after = scans(tracking);

        assertThat(rows(sds, "SELECT count(*) FROM items WHERE v = 'changed'")).containsExactly(String.valueOf(ROWS));
        assertThat(after[1] - before[1]).as("index scans of the tracking table by the upload's lookups")
                .isGreaterThanOrEqualTo(ROWS / 200);
        assertThat(after[0] - before[0]).as("sequential scans of the %d-row tracking table by the upload", ROWS + REFILL)
                .isZero();
    }

    /**
     * ADR 062: the apply's updates go 100 rows per statement, joined against a VALUES list, whose
     * generic plan on a table PostgreSQL believes empty is a hash join over a sequential scan. Two
     * uploads of updates (60 executions of each multi-row UPDATE) run while both tables' statistics
     * say empty, the tables are refilled without ANALYZE, and a third must update through the indexes.
     */
    @Test
    void multiRowUpdatesPlannedWhileTheTablesLookedEmptyDoNotScanThemOnceFilled() throws SQLException {
        assumeTrue(serverVersion() >= 150_000, "pg_stat_force_next_flush() needs PostgreSQL 15");
        String tracking = emptyItems(true);
        Client client = client();
        exec(client.ds(), "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + ROWS + ") "
                + "INSERT INTO items (id, v) SELECT i, 'new' FROM n");
        assertThat(upload(client).upload().applied()).isEqualTo(ROWS);
        for (String v : new String[] {"first", "second"}) {
            exec(client.ds(), "UPDATE items SET v = '" + v + "'");
            assertThat(upload(client).upload().applied()).isEqualTo(ROWS);
        }

        exec(server.dataSource(), "INSERT INTO items (id, v) SELECT g, 'server' FROM generate_series(" + (ROWS + 1) + ", "
                + (ROWS + REFILL) + ") g");
        exec(client.ds(), "UPDATE items SET v = 'changed'");
        long[] trackingBefore = scans(tracking);
        long[] baseBefore = scans("public.items");
        assertThat(upload(client).upload().applied()).isEqualTo(ROWS);
        long[] trackingAfter = scans(tracking);
        long[] baseAfter = scans("public.items");

        assertThat(rows(sds, "SELECT count(*) FROM items WHERE v = 'changed'")).containsExactly(String.valueOf(ROWS));
        assertThat(trackingAfter[0] - trackingBefore[0]).as("sequential scans of the %d-row tracking table", ROWS + REFILL).isZero();
        assertThat(baseAfter[0] - baseBefore[0]).as("sequential scans of the %d-row table", ROWS + REFILL).isZero();
    }

    /**
     * ADR 062: with current statistics of a 20,000-row table PostgreSQL would plan a 500-row
     * UPDATE … FROM (VALUES …) as a hash join over a scan of the table (2.4 ms per 100 rows instead
     * of 0.15 ms through the index, measured); the apply's writes join by key instead.
     */
    @Test
    void multiRowUpdatesOfAMidSizedTableGoThroughTheKey() throws SQLException {
        assumeTrue(serverVersion() >= 150_000, "pg_stat_force_next_flush() needs PostgreSQL 15");
        int rows = 20_000;
        exec(sds, "CREATE TABLE items (id BIGINT PRIMARY KEY, v VARCHAR(40))",
                "INSERT INTO items (id, v) SELECT g, 'server' FROM generate_series(1, " + rows + ") g");
        provision("items");
        String tracking = Dialects.detect(sds).names().trackingTable(TableName.of("public", "items"));
        exec(sds, "ANALYZE " + tracking, "ANALYZE items");
        Client client = client();
        SyncOrchestrator.between(client.provider(), serverProvider).direction(SyncDirection.DOWNLOAD).batchSizeRows(5000).run();
        exec(client.ds(), "UPDATE items SET v = 'changed' WHERE id % 7 = 0");
        long[] trackingBefore = scans(tracking);
        long[] baseBefore = scans("public.items");
        assertThat(upload(client).upload().applied()).isEqualTo(rows / 7);
        long[] trackingAfter = scans(tracking);
        long[] baseAfter = scans("public.items");

        assertThat(rows(sds, "SELECT count(*) FROM items WHERE v = 'changed'")).containsExactly(String.valueOf(rows / 7));
        assertThat(trackingAfter[0] - trackingBefore[0]).as("sequential scans of the %d-row tracking table", rows).isZero();
        assertThat(baseAfter[0] - baseBefore[0]).as("sequential scans of the %d-row table", rows).isZero();
    }

    /**
     * The table items, provisioned, its tracking table (with {@code base} the table too) with the
     * statistics of an emptied table once autovacuum (or a VACUUM ANALYZE) has seen it: reltuples 0.
     * No autovacuum from here on: a later ANALYZE would make PostgreSQL plan again. Returns the
     * tracking table's name.
     */
    private String emptyItems(boolean base) throws SQLException {
        exec(sds, "CREATE TABLE items (id BIGINT PRIMARY KEY, v VARCHAR(40))");
        provision("items");
        String tracking = Dialects.detect(sds).names().trackingTable(TableName.of("public", "items"));
        exec(sds, "ALTER TABLE " + tracking + " SET (autovacuum_enabled = false)", "ANALYZE " + tracking);
        if (base) {
            exec(sds, "ALTER TABLE items SET (autovacuum_enabled = false)", "ANALYZE items");
        }
        return tracking;
    }

    private SyncResult upload(Client client) {
        return SyncOrchestrator.between(client.provider(), serverProvider).direction(SyncDirection.UPLOAD).batchSizeRows(ROWS)
                .conflicts(ConflictPolicy.SERVER_WINS).run();
    }

    private int serverVersion() throws SQLException {
        return Integer.parseInt(rows(server.dataSource(), "SHOW server_version_num").get(0));
    }

    /**
     * Sequential and index scans of {@code table} so far, counting the provider's own backend: its
     * counts reach shared memory only when it flushes them (PostgreSQL 15 waits up to 10 s when
     * idle), so the pool's one connection is asked to flush first.
     */
    private long[] scans(String table) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_force_next_flush()"); // done before the server answers
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT seq_scan, idx_scan FROM pg_stat_user_tables WHERE relid = ?::regclass")) {
                p.setString(1, table);
                try (ResultSet rs = p.executeQuery()) {
                    assertThat(rs.next()).as("statistics of %s", table).isTrue();
                    return new long[] {rs.getLong(1), rs.getLong(2)};
                }
            }
        }
    }
}
