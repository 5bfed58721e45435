package dev.syncwright.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.jdbc.SqliteClients;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import dev.syncwright.tracking.Provisioner;
import dev.syncwright.tracking.SyncScope;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/** What the scenarios share: the items table, the set-up of databases and clients, statistics, logging. */
final class Bench {
    static final String SCOPE = "bench";
    static final String ITEMS_DDL = """
            CREATE TABLE %s (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL, description TEXT, qty INTEGER,
              price NUMERIC(12,2), weight DOUBLE PRECISION, active BOOLEAN, created DATE, updated TIMESTAMP, code UUID)""";
    static final String COLUMNS = "id, name, description, qty, price, weight, active, created, updated, code";
    /** The raw copy's target: the plain SQLite table a hand-written copy would create. */
    static final String SQLITE_ITEMS_DDL = "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, description TEXT,"
            + " qty INTEGER, price NUMERIC, weight REAL, active INTEGER, created TEXT, updated TEXT, code TEXT)";

    private Bench() {
    }

    static void createPgItems(DataSource ds, String table, int rows) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(String.format(Locale.ROOT, ITEMS_DDL, table));
            s.execute("INSERT INTO " + table + " SELECT g, 'item ' || g, repeat('x', 40), g % 1000, (g % 10000) / 100.0, g * 0.5,"
                    + " g % 2 = 0, DATE '2024-01-01' + (g % 365), TIMESTAMP '2024-01-01' + g * INTERVAL '1 second',"
                    + " md5(g::text)::uuid FROM generate_series(1, " + rows + ") g");
            s.execute("ANALYZE " + table);
        }
    }

    static double provision(DataSource ds, String table) {
        long t0 = System.nanoTime();
        Provisioner.of(ds).provision(SyncScope.named(SCOPE).tables(table).build());
        return (System.nanoTime() - t0) / 1e9;
    }

    static HikariDataSource pool(TestDatabase db) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(db.jdbcUrl());
        if (db.user() != null) {
            hc.setUsername(db.user());
        }
        if (db.password() != null) {
            hc.setPassword(db.password());
        }
        hc.setMaximumPoolSize(4);
        hc.setPoolName("bench-" + db.kind());
        return new HikariDataSource(hc);
    }

    /**
     * A client replica: a fresh SQLite file opened as the command line opens one (SqliteClients: a
     * small pool, WAL journal, foreign keys). A pool matters with WAL: the last connection to close checkpoints.
     */
    static final class Client implements AutoCloseable {
        final TestDatabase db;
        final HikariDataSource ds;
        JdbcSyncProvider provider;

        Client(String hint) {
            db = TestDatabases.sqlite(hint);
            ds = SqliteClients.url(db.jdbcUrl()).poolName("bench-client-" + hint).open();
        }

        @Override
        public void close() {
            ds.close();
            db.close();
        }
    }

    interface Step {
        void run() throws Exception;
    }

    /** Runs a step; a failing one is recorded and the run goes on. */
    interface Guard {
        void guard(String name, Step step);
    }

    static double median(List<Double> xs) {
        check(!xs.isEmpty(), "no samples");
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** Rounds to 4 significant digits; non-finite values become null (not valid JSON). */
    static Double round(double v) {
        if (!Double.isFinite(v)) {
            return null;
        }
        if (v == 0) {
            return 0.0;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).doubleValue();
    }

    static List<Double> rounded(List<Double> xs) {
        return xs.stream().map(Bench::round).toList();
    }

    static String fmt(double[] t) {
        return String.format(Locale.ROOT, "%.3f/%.3f/%.3f", t[0], t[1], t[2]);
    }

    static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    }

    static void quietLogs() {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
    }

    static long peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum >> 20;
    }

    static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
    }
}
