package dev.syncwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.core.SyncDirection;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import dev.syncwright.tracking.Provisioner;
import dev.syncwright.tracking.SyncScope;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.sqlite.SQLiteDataSource;

/**
 * First measurements of the provider (issue 4), off by default: they take minutes and print
 * figures, they assert only that the data arrived. Run with
 * {@code -Dsyncwright.measure=true [-Dsyncwright.measure.rows=100000] [-DargLine=-Xmx256m]}.
 */
@EnabledIfSystemProperty(named = "syncwright.measure", matches = "true")
class ProviderMeasurements {
    static final String DDL = """
            CREATE TABLE items (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL, description TEXT, qty INTEGER,
              price NUMERIC(12,2), weight DOUBLE PRECISION, active BOOLEAN, created DATE, updated TIMESTAMP, code UUID)""";

    @Test
    void initialDownloadAndUpload() throws Exception {
        int rows = Integer.getInteger("syncwright.measure.rows", 100_000);
        try (TestDatabase server = TestDatabases.postgres("measure"); TestDatabase client = TestDatabases.sqlite("measure")) {
            try (Connection c = server.connect(); Statement s = c.createStatement()) {
                s.execute(DDL);
                s.execute("INSERT INTO items SELECT g, 'item ' || g, repeat('x', 40), g % 1000, (g % 10000) / 100.0, g * 0.5,"
                        + " g % 2 = 0, DATE '2024-01-01' + (g % 365), TIMESTAMP '2024-01-01' + g * INTERVAL '1 second',"
                        + " md5(g::text)::uuid FROM generate_series(1, " + rows + ") g");
            }
            long t0 = System.nanoTime();
            Provisioner.of(server.dataSource()).provision(SyncScope.named("m").tables("items").build());
            double provision = (System.nanoTime() - t0) / 1e9;
            JdbcSyncProvider srv = JdbcSyncProvider.open(server.dataSource(), "m");
            org.sqlite.SQLiteConfig cfg = new org.sqlite.SQLiteConfig();
            if (Boolean.getBoolean("syncwright.measure.wal")) {
                cfg.setJournalMode(org.sqlite.SQLiteConfig.JournalMode.WAL);
                cfg.setSynchronous(org.sqlite.SQLiteConfig.SynchronousMode.NORMAL);
            }
            SQLiteDataSource ds = new SQLiteDataSource(cfg);
            ds.setUrl(client.jdbcUrl());
            JdbcSyncProvider cli = JdbcSyncProvider.openClient(ds, srv);
            resetPeaks();
            t0 = System.nanoTime();
            SyncResult down = SyncOrchestrator.between(cli, srv).direction(SyncDirection.DOWNLOAD).batchSizeRows(2000).run();
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(down.download().applied()).isEqualTo(rows);
            System.out.printf("measure: provision+backfill %d rows %.2f s; initial download %d rows in %.2f s = %.0f rows/s; peak heap %d MB (max %d MB)%n",
                    rows, provision, rows, seconds, rows / seconds, peakHeapMb(), Runtime.getRuntime().maxMemory() >> 20);
            int changes = Math.min(10_000, rows);
            for (String when : new String[] {"first upload after the initial download", "next upload"}) {
                try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                    c.setAutoCommit(false);
                    s.execute("UPDATE items SET qty = qty + 1 WHERE id <= " + changes);
                    c.commit();
                }
                t0 = System.nanoTime();
                SyncResult up = SyncOrchestrator.between(cli, srv).direction(SyncDirection.UPLOAD).batchSizeRows(2000).run();
                seconds = (System.nanoTime() - t0) / 1e9;
                System.out.println("measure: upload stats " + up.upload());
                assertThat(up.upload().applied()).isEqualTo(changes);
                System.out.printf("measure: %s: %d changed rows among %d in %.2f s = %.0f rows/s%n", when, changes, rows, seconds, changes / seconds);
            }
        }
    }

    static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
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
}
