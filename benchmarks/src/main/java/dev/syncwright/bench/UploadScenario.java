package dev.syncwright.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.syncwright.core.SessionStatistics;
import dev.syncwright.core.SyncDirection;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/** The upload group: changed rows of a SQLite client sent to PostgreSQL, against a raw batched upsert. */
final class UploadScenario {
    private final Config cfg;
    private final Map<String, Object> scenarios;

    UploadScenario(Config cfg, Map<String, Object> scenarios) {
        this.cfg = cfg;
        this.scenarios = scenarios;
    }

    void run() throws Exception {
        try (TestDatabase db = TestDatabases.postgres("bench_up"); HikariDataSource ds = Bench.pool(db)) {
            Bench.createPgItems(ds, "items", cfg.uploadRows);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute(String.format(Locale.ROOT, Bench.ITEMS_DDL, "items_plain"));
                s.execute("INSERT INTO items_plain SELECT * FROM items");
                s.execute("ANALYZE");
            }
            Bench.provision(ds, "items");
            JdbcSyncProvider srv = JdbcSyncProvider.open(ds, Bench.SCOPE);
            try (Bench.Client client = new Bench.Client("bench_up")) {
                DownloadScenarios.download(cfg, client, srv, cfg.uploadRows);
                Map<String, Object> m = new LinkedHashMap<>();
                List<Boolean> full = new ArrayList<>();
                double first = uploadOnce(client, srv, 0, full);
                m.put("changes", cfg.uploadChanges);
                m.put("tableRows", cfg.uploadRows);
                m.put("reps", cfg.reps);
                m.put("firstUploadAfterDownloadSeconds", Bench.round(first));
                m.put("firstUploadRowsPerSecond", Bench.round(cfg.uploadChanges / first));
                m.put("firstUploadFullEnumeration", full.get(0));
                List<Double> sw = new ArrayList<>();
                List<Double> raw = new ArrayList<>();
                for (int i = 0; i < cfg.warmups + cfg.reps; i++) {
                    double t = uploadOnce(client, srv, i + 1, full);
                    double r = rawUpsert(client, ds);
                    Bench.log("upload %s %d: Syncwright %.3f s, raw upsert %.3f s", i < cfg.warmups ? "warm-up" : "rep", i + 1, t, r);
                    if (i >= cfg.warmups) {
                        sw.add(t);
                        raw.add(r);
                    }
                }
                double swMed = Bench.median(sw);
                double rawMed = Bench.median(raw);
                m.put("syncwrightSeconds", Bench.round(swMed));
                m.put("rawUpsertSeconds", Bench.round(rawMed));
                m.put("rowsPerSecond", Bench.round(cfg.uploadChanges / swMed));
                m.put("rawRowsPerSecond", Bench.round(cfg.uploadChanges / rawMed));
                m.put("ratio", Bench.round(swMed / rawMed));
                m.put("samplesSyncwright", Bench.rounded(sw));
                m.put("samplesRaw", Bench.rounded(raw));
                m.put("target", "report only (peer: SymmetricDS ~8,900 rows/s SQLite -> PostgreSQL)");
                scenarios.put("upload", m);
            }
        }
    }

    private double uploadOnce(Bench.Client client, JdbcSyncProvider server, int round, List<Boolean> full) throws SQLException {
        try (Connection c = client.ds.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            // (the count the SQLite driver returns includes the tracking trigger's rows: not checked here)
            s.executeUpdate("UPDATE items SET qty = qty + 1, name = 'up " + round + " ' || id WHERE id <= " + cfg.uploadChanges);
            c.commit();
        }
        long t0 = System.nanoTime();
        SyncResult r = SyncOrchestrator.between(client.provider, server).direction(SyncDirection.UPLOAD)
                .batchSizeRows(cfg.batchSizeRows).run();
        double s = (System.nanoTime() - t0) / 1e9;
        SessionStatistics up = r.upload();
        Bench.check(up.applied() == cfg.uploadChanges, "upload applied " + up.applied() + ", not " + cfg.uploadChanges);
        full.add(up.fullEnumeration());
        return s;
    }

    /** Floor of the upload: read the changed client rows, batched INSERT .. ON CONFLICT DO UPDATE into an untracked copy. */
    private double rawUpsert(Bench.Client client, DataSource server) throws SQLException {
        long t0 = System.nanoTime();
        int n = 0;
        try (Connection src = client.ds.getConnection(); Connection dst = server.getConnection()) {
            dst.setAutoCommit(false);
            try (PreparedStatement q = src.prepareStatement("SELECT " + Bench.COLUMNS + " FROM items WHERE id <= ?");
                    PreparedStatement up = dst.prepareStatement("INSERT INTO items_plain (" + Bench.COLUMNS + ") VALUES"
                            + " (?, ?, ?, ?, ?, ?, ?, ?::date, ?::timestamp, ?::uuid) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name,"
                            + " description = EXCLUDED.description, qty = EXCLUDED.qty, price = EXCLUDED.price,"
                            + " weight = EXCLUDED.weight, active = EXCLUDED.active, created = EXCLUDED.created,"
                            + " updated = EXCLUDED.updated, code = EXCLUDED.code")) {
                q.setLong(1, cfg.uploadChanges);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        up.setLong(1, rs.getLong(1));
                        up.setString(2, rs.getString(2));
                        up.setString(3, rs.getString(3));
                        up.setInt(4, rs.getInt(4));
                        up.setBigDecimal(5, new java.math.BigDecimal(rs.getString(5)));
                        up.setDouble(6, rs.getDouble(6));
                        up.setBoolean(7, rs.getBoolean(7));
                        up.setString(8, rs.getString(8));
                        up.setString(9, rs.getString(9));
                        up.setString(10, rs.getString(10));
                        up.addBatch();
                        if (++n % cfg.batchSizeRows == 0) {
                            up.executeBatch();
                        }
                    }
                }
                up.executeBatch();
            }
            dst.commit();
        }
        Bench.check(n == cfg.uploadChanges, "raw upsert moved " + n + " rows");
        return (System.nanoTime() - t0) / 1e9;
    }
}
