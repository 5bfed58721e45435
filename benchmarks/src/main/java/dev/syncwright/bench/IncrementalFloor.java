package dev.syncwright.bench;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The floor under the {@code incremental} ratio (issue 14 item 3): the same spread changes written
 * into an untracked SQLite table of each size, as a hand-written client would write them (one
 * prepared UPDATE per row, one transaction, WAL at {@code synchronous=NORMAL}, as the client's apply
 * commits). Spread over N rows, each change dirties a leaf page of its own, however it is tracked; its
 * ratio between the two sizes is what no tracking layout can go below.
 */
final class IncrementalFloor {
    private IncrementalFloor() {
    }

    /** Adds {@code rawSmallSeconds}, {@code rawBigSeconds} and {@code rawRatio} to the incremental scenario's figures. */
    static void measure(Config cfg, Map<String, Object> figures) throws SQLException {
        try (TestDatabase small = TestDatabases.sqlite("bench_floor_small"); TestDatabase big = TestDatabases.sqlite("bench_floor_big");
                Connection s = open(small, cfg.smallRows); Connection b = open(big, cfg.rows)) {
            List<Double> ts = new ArrayList<>();
            List<Double> tb = new ArrayList<>();
            for (int i = 0; i < cfg.warmups + cfg.reps; i++) {
                double x = update(s, cfg.smallRows, cfg.changes, i);
                double y = update(b, cfg.rows, cfg.changes, i);
                if (i >= cfg.warmups) {
                    ts.add(x);
                    tb.add(y);
                }
            }
            double ms = Bench.median(ts);
            double mb = Bench.median(tb);
            figures.put("rawSmallSeconds", Bench.round(ms));
            figures.put("rawBigSeconds", Bench.round(mb));
            figures.put("rawRatio", Bench.round(mb / ms));
            Bench.log("incremental floor (untracked SQLite UPDATE of the same spread rows): N=%,d %.4f s, N=%,d %.4f s, ratio %.2f",
                    cfg.smallRows, ms, cfg.rows, mb, mb / ms);
        }
    }

    private static Connection open(TestDatabase db, int rows) throws SQLException {
        Connection c = DriverManager.getConnection(db.jdbcUrl());
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode = WAL");
            st.execute("PRAGMA synchronous = NORMAL");
            st.execute(Bench.SQLITE_ITEMS_DDL);
            st.execute("WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < " + rows + ") INSERT INTO items "
                    + "SELECT n, 'item ' || n, printf('%.40c', 'x'), n % 1000, (n % 10000) / 100.0, n * 0.5, n % 2, '2024-01-01', "
                    + "'2024-01-01 00:00:00', printf('%032x', n) FROM g");
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        c.setAutoCommit(false);
        return c;
    }

    /** The {@code changes} rows spread over the table, as the incremental scenario picks them on the server. */
    private static double update(Connection c, int rows, int changes, int round) throws SQLException {
        int step = Math.max(1, rows / changes);
        long t0 = System.nanoTime();
        try (PreparedStatement p = c.prepareStatement("UPDATE items SET qty = ?, updated = ? WHERE id = ?")) {
            for (int k = 1; k <= changes; k++) {
                p.setInt(1, round);
                p.setString(2, "2024-01-02 00:00:0" + (round % 10));
                p.setLong(3, (long) k * step);
                p.executeUpdate();
            }
        }
        c.commit();
        return (System.nanoTime() - t0) / 1e9;
    }
}
