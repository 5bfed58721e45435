package dev.syncwright.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.syncwright.core.SyncDirection;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.jdbc.ServerScope;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The download group: the N-row initial download against a raw JDBC copy (the bulk bootstrap of ADR 063
 * and the ordinary path, {@code bootstrap}), the incremental download at
 * two table sizes (spread and clustered changes), the metadata size of the 10-column table, and the
 * peak heap of the download in a small child JVM.
 */
final class DownloadScenarios {
    private final Config cfg;
    private final Map<String, Object> scenarios;
    private final Bench.Guard guard;

    DownloadScenarios(Config cfg, Map<String, Object> scenarios, Bench.Guard guard) {
        this.cfg = cfg;
        this.scenarios = scenarios;
        this.guard = guard;
    }

    /** {@code bootstrapOnly}: the {@code bootstrap} group alone, the N-row first downloads (ordinary and bulk) against the raw copy. */
    void run(boolean bootstrapOnly) throws Exception {
        try (TestDatabase small = TestDatabases.postgres("bench_small"); HikariDataSource smallDs = Bench.pool(small);
                TestDatabase big = TestDatabases.postgres("bench_big"); HikariDataSource bigDs = Bench.pool(big)) {
            Bench.createPgItems(smallDs, "items", cfg.smallRows);
            Bench.provision(smallDs, "items");
            JdbcSyncProvider srvSmall = JdbcSyncProvider.open(smallDs, Bench.SCOPE);
            Bench.log("PostgreSQL: generating %,d rows", cfg.rows);
            Bench.createPgItems(bigDs, "items", cfg.rows);
            double backfill = Bench.provision(bigDs, "items");
            Bench.log("provision (triggers + backfill of %,d rows): %.2f s", cfg.rows, backfill);
            JdbcSyncProvider srvBig = JdbcSyncProvider.open(bigDs, Bench.SCOPE);

            // warm-up on the small table (the JIT needs thousands of rows, not a million)
            Bench.Client clientSmall = null;
            for (int i = 0; i < Math.max(1, cfg.warmups); i++) {
                rawCopy(smallDs, cfg.smallRows);
                if (clientSmall != null) {
                    clientSmall.close();
                }
                try (Bench.Client plain = new Bench.Client("bench_small_plain")) {
                    download(cfg, plain, srvSmall, cfg.smallRows, false);
                }
                clientSmall = new Bench.Client("bench_small");
                download(cfg, clientSmall, srvSmall, cfg.smallRows);
            }

            Bench.Client clientBig = initialDownloads(bigDs, srvBig, backfill);
            if (bootstrapOnly) {
                clientSmall.close();
                clientBig.close();
                return;
            }

            @SuppressWarnings("unchecked")
            Map<String, Object> meta = (Map<String, Object>) scenarios.computeIfAbsent("metadataBytesPerRow", k -> new LinkedHashMap<>());
            guard.guard("metadata postgresql items", () -> meta.put("postgresql.items", SizeProbes.pgSizes(bigDs, "items", cfg.rows)));
            Bench.Client cb = clientBig;
            guard.guard("metadata sqlite client items", () -> meta.put("sqlite.clientItems", SizeProbes.sqliteSizes(cb.ds, "items", cfg.rows)));

            Bench.Client cs = clientSmall;
            guard.guard("incremental", () -> incremental(smallDs, srvSmall, cs, bigDs, srvBig, cb, false));
            guard.guard("incrementalClustered", () -> incremental(smallDs, srvSmall, cs, bigDs, srvBig, cb, true));
            clientSmall.close();
            clientBig.close();

            if (cfg.heapProbeMb > 0) {
                guard.guard("peakHeapMb", () -> heapProbe(big));
            }
        }
    }

    /**
     * The N-row first download into a new client, {@link Config#bigReps} times, each repetition the raw
     * copy, then the ordinary path (all tracking on from the start, as before ADR 063), then the bulk
     * bootstrap new clients take by default: {@code initialDownload} reports the default path, and
     * {@code bootstrap} both against the same raw copies. Returns the last bulk-loaded client.
     */
    private Bench.Client initialDownloads(DataSource bigDs, JdbcSyncProvider srvBig, double backfill) throws Exception {
        List<Double> sw = new ArrayList<>();
        List<Double> ordinary = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        Bench.Client clientBig = null;
        for (int i = 0; i < cfg.bigReps; i++) {
            raw.add(rawCopy(bigDs, cfg.rows));
            try (Bench.Client plain = new Bench.Client("bench_plain")) {
                ordinary.add(download(cfg, plain, srvBig, cfg.rows, false));
            }
            if (clientBig != null) {
                clientBig.close();
            }
            clientBig = new Bench.Client("bench_big");
            sw.add(download(cfg, clientBig, srvBig, cfg.rows, true));
            Bench.log("initialDownload rep %d: raw %.2f s, ordinary %.2f s, bulk bootstrap %.2f s", i + 1, raw.get(i), ordinary.get(i),
                    sw.get(i));
        }
        double swMed = Bench.median(sw);
        double rawMed = Bench.median(raw);
        double ordMed = Bench.median(ordinary);
        scenarios.put("initialDownload", figures("rows", cfg.rows, "reps", cfg.bigReps, "syncwrightSeconds", Bench.round(swMed),
                "rawCopySeconds", Bench.round(rawMed), "ratio", Bench.round(swMed / rawMed), "rowsPerSecond", Bench.round(cfg.rows / swMed),
                "rawRowsPerSecond", Bench.round(cfg.rows / rawMed), "provisionBackfillSeconds", Bench.round(backfill),
                "samplesSyncwright", Bench.rounded(sw), "samplesRaw", Bench.rounded(raw), "target", "ratio <= 2.0",
                "met", swMed / rawMed <= 2.0));

        scenarios.put("bootstrap", figures("rows", cfg.rows, "reps", cfg.bigReps, "bulkSeconds", Bench.round(swMed),
                "ordinarySeconds", Bench.round(ordMed), "rawCopySeconds", Bench.round(rawMed), "ratio", Bench.round(swMed / rawMed),
                "ordinaryRatio", Bench.round(ordMed / rawMed), "speedup", Bench.round(ordMed / swMed), "samplesBulk", Bench.rounded(sw),
                "samplesOrdinary", Bench.rounded(ordinary), "samplesRaw", Bench.rounded(raw), "target", "ratio <= 1.5",
                "met", swMed / rawMed <= 1.5));
        return clientBig;
    }

    /** A scenario's figures in the order given: name, value, name, value... */
    private static Map<String, Object> figures(Object... namesAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }

    /** Floor of the initial download: streamed SELECT from PostgreSQL, batched INSERT into SQLite, one transaction. */
    private double rawCopy(DataSource pg, int rows) throws Exception {
        try (TestDatabase target = TestDatabases.sqlite("bench_raw")) {
            long t0 = System.nanoTime();
            int n = 0;
            try (Connection src = pg.getConnection(); Connection dst = DriverManager.getConnection(target.jdbcUrl()) /* the floor: one bare connection, as a hand-written copy opens it */) {
                src.setAutoCommit(false);
                dst.setAutoCommit(false);
                try (Statement ddl = dst.createStatement()) {
                    ddl.execute(Bench.SQLITE_ITEMS_DDL);
                }
                try (Statement s = src.createStatement(); PreparedStatement ins = dst.prepareStatement(
                        "INSERT INTO items (" + Bench.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    s.setFetchSize(5_000);
                    try (ResultSet rs = s.executeQuery("SELECT " + Bench.COLUMNS + " FROM items")) {
                        while (rs.next()) {
                            ins.setLong(1, rs.getLong(1));
                            ins.setString(2, rs.getString(2));
                            ins.setString(3, rs.getString(3));
                            ins.setInt(4, rs.getInt(4));
                            ins.setBigDecimal(5, rs.getBigDecimal(5));
                            ins.setDouble(6, rs.getDouble(6));
                            ins.setBoolean(7, rs.getBoolean(7));
                            ins.setString(8, rs.getString(8));
                            ins.setString(9, rs.getString(9));
                            ins.setString(10, rs.getString(10));
                            ins.addBatch();
                            if (++n % cfg.batchSizeRows == 0) {
                                ins.executeBatch();
                            }
                        }
                    }
                    ins.executeBatch();
                }
                dst.commit();
                src.commit();
            }
            Bench.check(n == rows, "raw copy moved " + n + " rows, not " + rows);
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    /** Initial download into an empty client through Syncwright: client bootstrap + DOWNLOAD session. */
    static double download(Config cfg, Bench.Client client, JdbcSyncProvider server, int rows) {
        return download(cfg, client, server, rows, true);
    }

    /** {@code bulk}: the bulk bootstrap of ADR 063 (the default), else all tracking on from the start. */
    static double download(Config cfg, Bench.Client client, JdbcSyncProvider server, int rows, boolean bulk) {
        long t0 = System.nanoTime();
        client.provider = JdbcSyncProvider.openClient(client.ds, ServerScope.of(server), bulk);
        SyncResult r = SyncOrchestrator.between(client.provider, server).direction(SyncDirection.DOWNLOAD)
                .batchSizeRows(cfg.batchSizeRows).run();
        double s = (System.nanoTime() - t0) / 1e9;
        Bench.check(r.download().applied() == rows, "initial download applied " + r.download().applied() + " rows, not " + rows);
        return s;
    }

    /**
     * {@code clustered} false: the changed rows are spread over the table (the target's case: at large
     * N every change dirties pages of its own). True: the first rows by key, the same pages at both
     * sizes, so the ratio shows what the algorithm adds as the table grows (reported, no target).
     */
    private void incremental(DataSource smallDs, JdbcSyncProvider srvSmall, Bench.Client small, DataSource bigDs,
            JdbcSyncProvider srvBig, Bench.Client big, boolean clustered) throws Exception {
        List<Double> ts = new ArrayList<>();
        List<Double> tb = new ArrayList<>();
        List<Boolean> fullScans = new ArrayList<>();
        for (int i = 0; i < cfg.warmups + cfg.reps; i++) {
            double s = incrementalOnce(smallDs, srvSmall, small, cfg.smallRows, clustered, fullScans);
            double b = incrementalOnce(bigDs, srvBig, big, cfg.rows, clustered, fullScans);
            Bench.log("incremental%s %s %d: N=%,d %.3f s, N=%,d %.3f s", clustered ? " clustered" : "", i < cfg.warmups ? "warm-up" : "rep",
                    i + 1, cfg.smallRows, s, cfg.rows, b);
            if (i >= cfg.warmups) {
                ts.add(s);
                tb.add(b);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        double ms = Bench.median(ts);
        double mb = Bench.median(tb);
        m.put("changedRows", cfg.changes);
        m.put("changedRowsAre", clustered ? "the first rows by key" : "spread over the table");
        m.put("smallRows", cfg.smallRows);
        m.put("bigRows", cfg.rows);
        m.put("reps", cfg.reps);
        m.put("smallSeconds", Bench.round(ms));
        m.put("bigSeconds", Bench.round(mb));
        m.put("ratio", Bench.round(mb / ms));
        m.put("bigRowsPerSecond", Bench.round(cfg.changes / mb));
        m.put("samplesSmall", Bench.rounded(ts));
        m.put("samplesBig", Bench.rounded(tb));
        m.put("fullEnumerations", fullScans.stream().filter(Boolean::booleanValue).count());
        if (clustered) {
            m.put("target", "report only");
            scenarios.put("incrementalClustered", m);
        } else {
            m.put("target", "ratio <= 1.5");
            m.put("met", mb / ms <= 1.5);
            IncrementalFloor.measure(cfg, m);
            scenarios.put("incremental", m);
        }
    }

    /** Changes {@code changes} rows of the server table (spread over it, or the first ones), then times the DOWNLOAD session. */
    private double incrementalOnce(DataSource serverDs, JdbcSyncProvider server, Bench.Client client, int n, boolean clustered,
            List<Boolean> fullScans) throws SQLException {
        int step = clustered ? 1 : Math.max(1, n / cfg.changes);
        try (Connection c = serverDs.getConnection(); Statement s = c.createStatement()) {
            int changed = s.executeUpdate("UPDATE items SET qty = qty + 1, updated = updated + INTERVAL '1 second'"
                    + " WHERE id % " + step + " = 0 AND id <= " + (long) step * cfg.changes);
            Bench.check(changed == cfg.changes, "changed " + changed + " rows, not " + cfg.changes);
        }
        long t0 = System.nanoTime();
        SyncResult r = SyncOrchestrator.between(client.provider, server).direction(SyncDirection.DOWNLOAD)
                .batchSizeRows(cfg.batchSizeRows).run();
        double s = (System.nanoTime() - t0) / 1e9;
        Bench.check(r.download().applied() == cfg.changes, "incremental applied " + r.download().applied() + ", not " + cfg.changes);
        fullScans.add(r.download().fullEnumeration());
        return s;
    }

    /** Runs the N-row initial download in a child JVM with a small heap; it must complete. */
    private void heapProbe(TestDatabase server) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xmx" + cfg.heapProbeMb + "m", "-cp", System.getProperty("java.class.path"),
                HeapProbe.class.getName(), server.jdbcUrl(), String.valueOf(server.user()), String.valueOf(server.password()),
                String.valueOf(cfg.rows), String.valueOf(cfg.batchSizeRows));
        Bench.log("peakHeapMb: child JVM -Xmx%dm downloading %,d rows", cfg.heapProbeMb, cfg.rows);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith(HeapProbe.PREFIX)) {
                    result = line.substring(HeapProbe.PREFIX.length());
                } else {
                    System.out.println("  [heap probe] " + line);
                }
            }
        }
        if (!p.waitFor(60, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", cfg.rows);
        m.put("xmxMb", cfg.heapProbeMb);
        m.put("exitCode", p.exitValue());
        boolean completed = p.exitValue() == 0 && result != null;
        m.put("completed", completed);
        if (result != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> child = new ObjectMapper().readValue(result, Map.class);
            m.putAll(child);
        }
        m.put("target", "completes with -Xmx256m");
        m.put("met", completed && cfg.heapProbeMb <= 256);
        scenarios.put("peakHeapMb", m);
        Bench.check(completed, "the " + cfg.heapProbeMb + " MB child JVM did not complete the download (exit " + p.exitValue() + ")");
    }
}
