package dev.syncwright.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.syncwright.core.SessionStatistics;
import dev.syncwright.core.SyncDirection;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.dialect.TableName;
import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import dev.syncwright.tracking.Provisioner;
import dev.syncwright.tracking.SyncScope;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The benchmark harness (DESIGN §8, issue 6). Every figure is a ratio of two timings taken in the same
 * run, each the median of several repetitions after a warm-up. Prints a table and writes a JSON file.
 */
public final class Benchmarks {
    static final String SCOPE = "bench";
    static final String ITEMS_DDL = """
            CREATE TABLE %s (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL, description TEXT, qty INTEGER,
              price NUMERIC(12,2), weight DOUBLE PRECISION, active BOOLEAN, created DATE, updated TIMESTAMP, code UUID)""";
    static final String COLUMNS = "id, name, description, qty, price, weight, active, created, updated, code";
    /** The raw copy's target: the plain SQLite table a hand-written copy would create. */
    static final String SQLITE_ITEMS_DDL = "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, description TEXT,"
            + " qty INTEGER, price NUMERIC, weight REAL, active INTEGER, created TEXT, updated TEXT, code TEXT)";

    private final Config cfg;
    private final Map<String, Object> scenarios = new LinkedHashMap<>();
    private final Map<String, Object> machine = new LinkedHashMap<>();
    private final List<String> errors = new ArrayList<>();

    public Benchmarks(Config cfg) {
        this.cfg = cfg;
    }

    public static void main(String[] args) throws Exception {
        quietLogs();
        Config cfg;
        try {
            cfg = Config.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Benchmarks b = new Benchmarks(cfg);
        b.run();
        System.out.println(b.table());
        System.out.println("written: " + cfg.out.toAbsolutePath());
        System.exit(b.errors.isEmpty() ? 0 : 1);
    }

    /** Runs every scenario (a failing one is recorded and the others go on) and writes the JSON file. */
    public Map<String, Object> run() throws IOException {
        long start = System.nanoTime();
        describeMachine();
        log("config %s", cfg.toMap());
        if (cfg.runs("download")) {
            guard("initialDownload+incremental+peakHeap", this::downloadScenarios);
        }
        if (cfg.runs("upload")) {
            guard("upload", this::upload);
        }
        Map<String, Object> triggers = new LinkedHashMap<>();
        Map<String, Object> metadata = new LinkedHashMap<>();
        scenarios.put("triggerOverhead", triggers);
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) scenarios.computeIfAbsent("metadataBytesPerRow", k -> metadata);
        if (cfg.runs("triggers")) {
            guard("triggerOverhead postgresql", () -> triggers("postgresql", () -> TestDatabases.postgres("bench_trg"), triggers, meta));
            guard("triggerOverhead sqlite", () -> triggers("sqlite", () -> TestDatabases.sqlite("bench_trg"), triggers, meta));
            if (cfg.mariadb) {
                guard("triggerOverhead mariadb", () -> triggers("mariadb", () -> TestDatabases.mariadb("bench_trg"), triggers, meta));
            }
        }
        if (cfg.runs("verify")) {
            guard("verify", () -> scenarios.put("verify", VerifyBenchmarks.run(cfg)));
        }
        if (cfg.runs("files")) {
            guard("files", () -> scenarios.put("files", FileBenchmarks.run(cfg)));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("generatedAt", Instant.now().toString());
        doc.put("totalSeconds", round((System.nanoTime() - start) / 1e9));
        machine.put("loadAverageAtEnd", loadAverage());
        doc.put("machine", machine);
        doc.put("config", cfg.toMap());
        doc.put("scenarios", scenarios);
        doc.put("errors", errors);
        Path parent = cfg.out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(cfg.out.toFile(), doc);
        return doc;
    }

    public List<String> errors() {
        return errors;
    }

    public Map<String, Object> scenarios() {
        return scenarios;
    }

    // ---------------------------------------------------------------- initial download, incremental, heap

    private void downloadScenarios() throws Exception {
        try (TestDatabase small = TestDatabases.postgres("bench_small"); HikariDataSource smallDs = pool(small);
                TestDatabase big = TestDatabases.postgres("bench_big"); HikariDataSource bigDs = pool(big)) {
            createPgItems(smallDs, "items", cfg.smallRows);
            provision(smallDs, "items");
            JdbcSyncProvider srvSmall = JdbcSyncProvider.open(smallDs, SCOPE);
            log("PostgreSQL: generating %,d rows", cfg.rows);
            createPgItems(bigDs, "items", cfg.rows);
            double backfill = provision(bigDs, "items");
            log("provision (triggers + backfill of %,d rows): %.2f s", cfg.rows, backfill);
            JdbcSyncProvider srvBig = JdbcSyncProvider.open(bigDs, SCOPE);

            // warm-up on the small table (the JIT needs thousands of rows, not a million)
            Client clientSmall = null;
            for (int i = 0; i < Math.max(1, cfg.warmups); i++) {
                rawCopy(smallDs, cfg.smallRows);
                if (clientSmall != null) {
                    clientSmall.close();
                }
                clientSmall = new Client("bench_small");
                download(clientSmall, srvSmall, cfg.smallRows);
            }

            List<Double> sw = new ArrayList<>();
            List<Double> raw = new ArrayList<>();
            Client clientBig = null;
            for (int i = 0; i < cfg.bigReps; i++) {
                raw.add(rawCopy(bigDs, cfg.rows));
                if (clientBig != null) {
                    clientBig.close();
                }
                clientBig = new Client("bench_big");
                sw.add(download(clientBig, srvBig, cfg.rows));
                log("initialDownload rep %d: raw %.2f s, Syncwright %.2f s", i + 1, raw.get(i), sw.get(i));
            }
            Map<String, Object> init = new LinkedHashMap<>();
            double swMed = median(sw);
            double rawMed = median(raw);
            init.put("rows", cfg.rows);
            init.put("reps", cfg.bigReps);
            init.put("syncwrightSeconds", round(swMed));
            init.put("rawCopySeconds", round(rawMed));
            init.put("ratio", round(swMed / rawMed));
            init.put("rowsPerSecond", round(cfg.rows / swMed));
            init.put("rawRowsPerSecond", round(cfg.rows / rawMed));
            init.put("provisionBackfillSeconds", round(backfill));
            init.put("samplesSyncwright", rounded(sw));
            init.put("samplesRaw", rounded(raw));
            init.put("target", "ratio <= 2.0");
            init.put("met", swMed / rawMed <= 2.0);
            scenarios.put("initialDownload", init);

            @SuppressWarnings("unchecked")
            Map<String, Object> meta = (Map<String, Object>) scenarios.computeIfAbsent("metadataBytesPerRow", k -> new LinkedHashMap<>());
            guard("metadata postgresql items", () -> meta.put("postgresql.items", pgSizes(bigDs, "items", cfg.rows)));
            Client cb = clientBig;
            guard("metadata sqlite client items", () -> meta.put("sqlite.clientItems", sqliteSizes(cb.ds, "items", cfg.rows)));

            Client cs = clientSmall;
            guard("incremental", () -> incremental(smallDs, srvSmall, cs, bigDs, srvBig, cb, false));
            guard("incrementalClustered", () -> incremental(smallDs, srvSmall, cs, bigDs, srvBig, cb, true));
            clientSmall.close();
            clientBig.close();

            if (cfg.heapProbeMb > 0) {
                guard("peakHeapMb", () -> heapProbe(big));
            }
        }
    }

    /** Floor of the initial download: streamed SELECT from PostgreSQL, batched INSERT into SQLite, one transaction. */
    private double rawCopy(DataSource pg, int rows) throws Exception {
        try (TestDatabase target = TestDatabases.sqlite("bench_raw")) {
            long t0 = System.nanoTime();
            int n = 0;
            try (Connection src = pg.getConnection(); Connection dst = DriverManager.getConnection(target.jdbcUrl())) {
                src.setAutoCommit(false);
                dst.setAutoCommit(false);
                try (Statement ddl = dst.createStatement()) {
                    ddl.execute(SQLITE_ITEMS_DDL);
                }
                try (Statement s = src.createStatement(); PreparedStatement ins = dst.prepareStatement(
                        "INSERT INTO items (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    s.setFetchSize(5_000);
                    try (ResultSet rs = s.executeQuery("SELECT " + COLUMNS + " FROM items")) {
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
            check(n == rows, "raw copy moved " + n + " rows, not " + rows);
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    /** Initial download into an empty client through Syncwright: client bootstrap + DOWNLOAD session. */
    private double download(Client client, JdbcSyncProvider server, int rows) {
        long t0 = System.nanoTime();
        client.provider = JdbcSyncProvider.openClient(client.ds, server);
        SyncResult r = SyncOrchestrator.between(client.provider, server).direction(SyncDirection.DOWNLOAD)
                .batchSizeRows(cfg.batchSizeRows).run();
        double s = (System.nanoTime() - t0) / 1e9;
        check(r.download().applied() == rows, "initial download applied " + r.download().applied() + " rows, not " + rows);
        return s;
    }

    /**
     * {@code clustered} false: the changed rows are spread over the table (the target's case: at large
     * N every change dirties pages of its own). True: the first rows by key, the same pages at both
     * sizes, so the ratio shows what the algorithm adds as the table grows (reported, no target).
     */
    private void incremental(DataSource smallDs, JdbcSyncProvider srvSmall, Client small, DataSource bigDs,
            JdbcSyncProvider srvBig, Client big, boolean clustered) throws Exception {
        List<Double> ts = new ArrayList<>();
        List<Double> tb = new ArrayList<>();
        List<Boolean> fullScans = new ArrayList<>();
        for (int i = 0; i < cfg.warmups + cfg.reps; i++) {
            double s = incrementalOnce(smallDs, srvSmall, small, cfg.smallRows, clustered, fullScans);
            double b = incrementalOnce(bigDs, srvBig, big, cfg.rows, clustered, fullScans);
            log("incremental%s %s %d: N=%,d %.3f s, N=%,d %.3f s", clustered ? " clustered" : "", i < cfg.warmups ? "warm-up" : "rep",
                    i + 1, cfg.smallRows, s, cfg.rows, b);
            if (i >= cfg.warmups) {
                ts.add(s);
                tb.add(b);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        double ms = median(ts);
        double mb = median(tb);
        m.put("changedRows", cfg.changes);
        m.put("changedRowsAre", clustered ? "the first rows by key" : "spread over the table");
        m.put("smallRows", cfg.smallRows);
        m.put("bigRows", cfg.rows);
        m.put("reps", cfg.reps);
        m.put("smallSeconds", round(ms));
        m.put("bigSeconds", round(mb));
        m.put("ratio", round(mb / ms));
        m.put("bigRowsPerSecond", round(cfg.changes / mb));
        m.put("samplesSmall", rounded(ts));
        m.put("samplesBig", rounded(tb));
        m.put("fullEnumerations", fullScans.stream().filter(Boolean::booleanValue).count());
        if (clustered) {
            m.put("target", "report only");
            scenarios.put("incrementalClustered", m);
        } else {
            m.put("target", "ratio <= 1.5");
            m.put("met", mb / ms <= 1.5);
            scenarios.put("incremental", m);
        }
    }

    /** Changes {@code changes} rows of the server table (spread over it, or the first ones), then times the DOWNLOAD session. */
    private double incrementalOnce(DataSource serverDs, JdbcSyncProvider server, Client client, int n, boolean clustered,
            List<Boolean> fullScans) throws SQLException {
        int step = clustered ? 1 : Math.max(1, n / cfg.changes);
        try (Connection c = serverDs.getConnection(); Statement s = c.createStatement()) {
            int changed = s.executeUpdate("UPDATE items SET qty = qty + 1, updated = updated + INTERVAL '1 second'"
                    + " WHERE id % " + step + " = 0 AND id <= " + (long) step * cfg.changes);
            check(changed == cfg.changes, "changed " + changed + " rows, not " + cfg.changes);
        }
        long t0 = System.nanoTime();
        SyncResult r = SyncOrchestrator.between(client.provider, server).direction(SyncDirection.DOWNLOAD)
                .batchSizeRows(cfg.batchSizeRows).run();
        double s = (System.nanoTime() - t0) / 1e9;
        check(r.download().applied() == cfg.changes, "incremental applied " + r.download().applied() + ", not " + cfg.changes);
        fullScans.add(r.download().fullEnumeration());
        return s;
    }

    /** Runs the N-row initial download in a child JVM with a small heap; it must complete. */
    private void heapProbe(TestDatabase server) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xmx" + cfg.heapProbeMb + "m", "-cp", System.getProperty("java.class.path"),
                HeapProbe.class.getName(), server.jdbcUrl(), String.valueOf(server.user()), String.valueOf(server.password()),
                String.valueOf(cfg.rows), String.valueOf(cfg.batchSizeRows));
        log("peakHeapMb: child JVM -Xmx%dm downloading %,d rows", cfg.heapProbeMb, cfg.rows);
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
        check(completed, "the " + cfg.heapProbeMb + " MB child JVM did not complete the download (exit " + p.exitValue() + ")");
    }

    // ---------------------------------------------------------------- upload

    private void upload() throws Exception {
        try (TestDatabase db = TestDatabases.postgres("bench_up"); HikariDataSource ds = pool(db)) {
            createPgItems(ds, "items", cfg.uploadRows);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute(String.format(Locale.ROOT, ITEMS_DDL, "items_plain"));
                s.execute("INSERT INTO items_plain SELECT * FROM items");
                s.execute("ANALYZE");
            }
            provision(ds, "items");
            JdbcSyncProvider srv = JdbcSyncProvider.open(ds, SCOPE);
            try (Client client = new Client("bench_up")) {
                download(client, srv, cfg.uploadRows);
                Map<String, Object> m = new LinkedHashMap<>();
                List<Boolean> full = new ArrayList<>();
                double first = uploadOnce(client, srv, 0, full);
                m.put("changes", cfg.uploadChanges);
                m.put("tableRows", cfg.uploadRows);
                m.put("reps", cfg.reps);
                m.put("firstUploadAfterDownloadSeconds", round(first));
                m.put("firstUploadRowsPerSecond", round(cfg.uploadChanges / first));
                m.put("firstUploadFullEnumeration", full.get(0));
                List<Double> sw = new ArrayList<>();
                List<Double> raw = new ArrayList<>();
                for (int i = 0; i < cfg.warmups + cfg.reps; i++) {
                    double t = uploadOnce(client, srv, i + 1, full);
                    double r = rawUpsert(client, ds);
                    log("upload %s %d: Syncwright %.3f s, raw upsert %.3f s", i < cfg.warmups ? "warm-up" : "rep", i + 1, t, r);
                    if (i >= cfg.warmups) {
                        sw.add(t);
                        raw.add(r);
                    }
                }
                double swMed = median(sw);
                double rawMed = median(raw);
                m.put("syncwrightSeconds", round(swMed));
                m.put("rawUpsertSeconds", round(rawMed));
                m.put("rowsPerSecond", round(cfg.uploadChanges / swMed));
                m.put("rawRowsPerSecond", round(cfg.uploadChanges / rawMed));
                m.put("ratio", round(swMed / rawMed));
                m.put("samplesSyncwright", rounded(sw));
                m.put("samplesRaw", rounded(raw));
                m.put("target", "report only (peer: SymmetricDS ~8,900 rows/s SQLite -> PostgreSQL)");
                scenarios.put("upload", m);
            }
        }
    }

    private double uploadOnce(Client client, JdbcSyncProvider server, int round, List<Boolean> full) throws SQLException {
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
        check(up.applied() == cfg.uploadChanges, "upload applied " + up.applied() + ", not " + cfg.uploadChanges);
        full.add(up.fullEnumeration());
        return s;
    }

    /** Floor of the upload: read the changed client rows, batched INSERT .. ON CONFLICT DO UPDATE into an untracked copy. */
    private double rawUpsert(Client client, DataSource server) throws SQLException {
        long t0 = System.nanoTime();
        int n = 0;
        try (Connection src = client.ds.getConnection(); Connection dst = server.getConnection()) {
            dst.setAutoCommit(false);
            try (PreparedStatement q = src.prepareStatement("SELECT " + COLUMNS + " FROM items WHERE id <= ?");
                    PreparedStatement up = dst.prepareStatement("INSERT INTO items_plain (" + COLUMNS + ") VALUES"
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
        check(n == cfg.uploadChanges, "raw upsert moved " + n + " rows");
        return (System.nanoTime() - t0) / 1e9;
    }

    // ---------------------------------------------------------------- trigger overhead and metadata per dialect

    private void triggers(String kind, Supplier<TestDatabase> create, Map<String, Object> out, Map<String, Object> meta) throws Exception {
        try (TestDatabase db = create.get(); Connection c = db.connect(); Statement s = c.createStatement()) {
            Provisioner p = Provisioner.of(db.dataSource());
            String schema = kind.equals("postgresql") ? "public" : null;
            s.execute(bulkTable("plain"));
            s.execute(bulkTable("tracked"));
            p.provision(SyncScope.named("bulk").tables("tracked").build());
            String tracking = p.dialect().names().trackingTable(new TableName(schema, "tracked"));
            String select = generator(kind, s, cfg.bulkRows);
            // storage: a fresh tracked table filled by one INSERT (no dead rows from the timed rounds)
            s.execute(bulkTable("sized"));
            p.provision(SyncScope.named("sized").tables("sized").build());
            s.executeUpdate("INSERT INTO sized " + select);
            Map<String, Object> sizes = sizes(kind, db, c, "sized", schema, cfg.bulkRows);
            String[] ops = {"insert", "update", "delete"};
            List<List<Double>> plain = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            List<List<Double>> tracked = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (int round = 0; round < cfg.warmups + cfg.reps; round++) {
                boolean measured = round >= cfg.warmups;
                double[] tp = bulk(s, "plain", select, () -> {});
                // between the tracked INSERT and UPDATE, a watermark as a sync would take: on MySQL/MariaDB
                // it stamps the pending rows, so the UPDATE and DELETE pay for marking them pending again
                double[] tt = bulk(s, "tracked", select, () -> p.dialect().ticks().safeWatermark(c));
                if (measured) {
                    for (int i = 0; i < 3; i++) {
                        plain.get(i).add(tp[i]);
                        tracked.get(i).add(tt[i]);
                    }
                }
                s.executeUpdate("DELETE FROM tracked");
                s.executeUpdate("DELETE FROM " + tracking);
                log("triggerOverhead %s %s %d: plain %s s, tracked %s s", kind, measured ? "rep" : "warm-up", round + 1,
                        fmt(tp), fmt(tt));
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rows", cfg.bulkRows);
            m.put("reps", cfg.reps);
            boolean met = true;
            for (int i = 0; i < 3; i++) {
                double mp = median(plain.get(i));
                double mt = median(tracked.get(i));
                double ratio = mt / mp;
                Map<String, Object> op = new LinkedHashMap<>();
                op.put("untrackedSeconds", round(mp));
                op.put("trackedSeconds", round(mt));
                op.put("ratio", round(ratio));
                op.put("trackedMicrosPerRow", round((mt - mp) * 1e6 / cfg.bulkRows));
                double limit = i == 2 ? 3.0 : 2.0;
                op.put("target", "ratio <= " + limit);
                op.put("met", ratio <= limit);
                met &= ratio <= limit;
                m.put(ops[i], op);
            }
            m.put("met", met);
            out.put(kind, m);
            meta.put(kind + ".bulkTable", sizes);
            p.deprovision("bulk");
            p.deprovision("sized");
        }
    }

    private static String bulkTable(String name) {
        return "CREATE TABLE " + name + " (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(50), b INTEGER, c NUMERIC(12,2))";
    }

    private static String generator(String kind, Statement s, int n) throws SQLException {
        return switch (kind) {
            case "postgresql" -> "SELECT g, 'name ' || g, g % 100, g * 1.5 FROM generate_series(1, " + n + ") g";
            case "sqlite" -> "WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < " + n
                    + ") SELECT g, 'name ' || g, g % 100, g * 1.5 FROM s";
            default -> {
                // MariaDB's SEQUENCE engine; MySQL: a recursive CTE
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM seq_1_to_2")) {
                    yield "SELECT seq, CONCAT('name ', seq), seq % 100, seq * 1.5 FROM seq_1_to_" + n;
                } catch (SQLException noSequenceEngine) {
                    s.execute("SET SESSION cte_max_recursion_depth = " + (n + 1));
                    yield "WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < " + n
                            + ") SELECT g, CONCAT('name ', g), g % 100, g * 1.5 FROM s";
                }
            }
        };
    }

    /** Times the three statements; {@code settle} runs, untimed, between the INSERT and the UPDATE. */
    private static double[] bulk(Statement s, String table, String select, Runnable settle) throws SQLException {
        double[] out = new double[3];
        long t0 = System.nanoTime();
        s.executeUpdate("INSERT INTO " + table + " " + select);
        out[0] = (System.nanoTime() - t0) / 1e9;
        settle.run();
        t0 = System.nanoTime();
        s.executeUpdate("UPDATE " + table + " SET b = b + 1");
        out[1] = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        s.executeUpdate("DELETE FROM " + table);
        out[2] = (System.nanoTime() - t0) / 1e9;
        return out;
    }

    private Map<String, Object> sizes(String kind, TestDatabase db, Connection c, String table, String schema, int rows) throws SQLException {
        TableName base = new TableName(schema, table);
        String tracking = Provisioner.of(db.dataSource()).dialect().names().trackingTable(base);
        return switch (kind) {
            case "postgresql" -> pgSizes(c, base, tracking, rows);
            case "sqlite" -> sqliteSizes(c, table, Provisioner.of(db.dataSource()).dialect().names().trackingTableName(base).name(), rows);
            default -> mysqlSizes(c, table, Provisioner.of(db.dataSource()).dialect().names().trackingTableName(base).name(), rows);
        };
    }

    private Map<String, Object> pgSizes(DataSource ds, String table, int rows) throws SQLException {
        TableName base = new TableName("public", table);
        String tracking = Provisioner.of(ds).dialect().names().trackingTable(base);
        try (Connection c = ds.getConnection()) {
            return pgSizes(c, base, tracking, rows);
        }
    }

    /** pg_total_relation_size: heap + TOAST + indexes, after VACUUM ANALYZE. */
    private static Map<String, Object> pgSizes(Connection c, TableName base, String tracking, int rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(true);
            s.execute("VACUUM ANALYZE");
            c.setAutoCommit(auto);
        }
        return sizeMap("pg_total_relation_size (heap+toast+indexes)",
                pgSize(c, "\"" + base.schema() + "\".\"" + base.name() + "\""), pgSize(c, tracking), rows);
    }

    private static long pgSize(Connection c, String relation) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_total_relation_size(?::regclass)")) {
            ps.setString(1, relation);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Map<String, Object> sqliteSizes(DataSource ds, String table, int rows) throws SQLException {
        String tracking = Provisioner.of(ds).dialect().names().trackingTableName(new TableName(null, table)).name();
        try (Connection c = ds.getConnection()) {
            return sqliteSizes(c, table, tracking, rows);
        }
    }

    /** dbstat: bytes of the pages of a table and of its indexes. */
    private static Map<String, Object> sqliteSizes(Connection c, String table, String tracking, int rows) throws SQLException {
        return sizeMap("SQLite dbstat pages (table+indexes)", sqliteSize(c, table), sqliteSize(c, tracking), rows);
    }

    private static long sqliteSize(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(d.pgsize), 0) FROM dbstat d"
                + " JOIN sqlite_master m ON m.name = d.name WHERE m.tbl_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** information_schema data_length + index_length after ANALYZE TABLE (InnoDB estimates, in pages). */
    private static Map<String, Object> mysqlSizes(Connection c, String table, String tracking, int rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE TABLE `" + table + "`, `" + tracking + "`");
        }
        return sizeMap("information_schema data_length+index_length (InnoDB)", mysqlSize(c, table), mysqlSize(c, tracking), rows);
    }

    private static long mysqlSize(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT data_length + index_length FROM information_schema.tables"
                + " WHERE table_schema = DATABASE() AND table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                check(rs.next(), "no table " + table);
                return rs.getLong(1);
            }
        }
    }

    private static Map<String, Object> sizeMap(String method, long data, long tracking, int rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", rows);
        m.put("method", method);
        m.put("dataBytes", data);
        m.put("trackingBytes", tracking);
        m.put("dataBytesPerRow", round((double) data / rows));
        m.put("trackingBytesPerRow", round((double) tracking / rows));
        double ratio = (double) tracking / data;
        m.put("ratio", round(ratio));
        m.put("target", "ratio <= 1.0");
        m.put("met", ratio <= 1.0);
        return m;
    }

    // ---------------------------------------------------------------- setup helpers

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

    /** A client replica: a fresh SQLite file. */
    /**
     * A SQLite client opened as the command line opens one (ADR 041): a small pool, WAL journal,
     * foreign keys enforced. A pool matters with WAL: the last connection to close checkpoints.
     */
    static final class Client implements AutoCloseable {
        final TestDatabase db;
        final HikariDataSource ds;
        JdbcSyncProvider provider;

        Client(String hint) {
            db = TestDatabases.sqlite(hint);
            HikariConfig hc = new HikariConfig();
            hc.setJdbcUrl(db.jdbcUrl());
            hc.addDataSourceProperty("journal_mode", "WAL");
            hc.addDataSourceProperty("foreign_keys", "true");
            hc.addDataSourceProperty("busy_timeout", "30000");
            hc.setMaximumPoolSize(4);
            hc.setMinimumIdle(1);
            hc.setPoolName("bench-client-" + hint);
            ds = new HikariDataSource(hc);
        }

        @Override
        public void close() {
            ds.close();
            db.close();
        }
    }

    /** The 1, 5 and 15 minute load averages (Linux), to tell a quiet run from a busy one; "unknown" elsewhere. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private void describeMachine() {
        machine.put("loadAverageAtStart", loadAverage());
        Runtime rt = Runtime.getRuntime();
        machine.put("availableProcessors", rt.availableProcessors());
        machine.put("maxHeapMb", rt.maxMemory() >> 20);
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        guard("version postgresql", () -> machine.put("postgresql", version(() -> TestDatabases.postgres("bench_v"), "SELECT version()")));
        guard("version sqlite", () -> machine.put("sqlite", version(() -> TestDatabases.sqlite("bench_v"), "SELECT sqlite_version()")));
        if (cfg.mariadb) {
            guard("version mariadb", () -> machine.put("mariadb", version(() -> TestDatabases.mariadb("bench_v"), "SELECT version()")));
        }
        machine.put("databaseSources", TestDatabases.describeSources());
    }

    private static String version(Supplier<TestDatabase> create, String sql) throws SQLException {
        try (TestDatabase db = create.get(); Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    // ---------------------------------------------------------------- output

    /** The printed table: one line per figure. */
    @SuppressWarnings("unchecked")
    public String table() {
        StringBuilder b = new StringBuilder();
        String fmt = "%-34s %-58s %-12s %s%n";
        b.append("load average (1/5/15 min) at start: ").append(machine.get("loadAverageAtStart"))
                .append(", at end: ").append(machine.get("loadAverageAtEnd")).append(" (on ").append(machine.get("availableProcessors"))
                .append(" cores; figures from a busy machine vary more)\n");
        b.append(String.format(Locale.ROOT, fmt, "scenario", "figure (median)", "target", "status"));
        b.append("-".repeat(118)).append('\n');
        Map<String, Object> init = (Map<String, Object>) scenarios.get("initialDownload");
        if (init != null) {
            row(b, fmt, "initialDownload " + init.get("rows") + " rows", String.format(Locale.ROOT, "%.2fx raw copy (%s s vs %s s; %,.0f vs %,.0f rows/s)",
                    init.get("ratio"), init.get("syncwrightSeconds"), init.get("rawCopySeconds"), num(init.get("rowsPerSecond")),
                    num(init.get("rawRowsPerSecond"))), "<= 2.0x", init.get("met"));
        }
        Map<String, Object> up = (Map<String, Object>) scenarios.get("upload");
        if (up != null) {
            row(b, fmt, "upload " + up.get("changes") + " changes", String.format(Locale.ROOT, "%,.0f rows/s; %.2fx raw upsert (%,.0f rows/s)",
                    num(up.get("rowsPerSecond")), up.get("ratio"), num(up.get("rawRowsPerSecond"))), "report", null);
            row(b, fmt, "  first upload after download", String.format(Locale.ROOT, "%,.0f rows/s (%s s, full enumeration: %s)",
                    num(up.get("firstUploadRowsPerSecond")), up.get("firstUploadAfterDownloadSeconds"), up.get("firstUploadFullEnumeration")),
                    "report", null);
        }
        Map<String, Object> inc = (Map<String, Object>) scenarios.get("incremental");
        if (inc != null) {
            row(b, fmt, "incremental " + inc.get("changedRows") + " changes", String.format(Locale.ROOT,
                    "N=%s / N=%s: %.2f (%s s vs %s s)", inc.get("bigRows"), inc.get("smallRows"), inc.get("ratio"),
                    inc.get("bigSeconds"), inc.get("smallSeconds")), "<= 1.5", inc.get("met"));
        }
        Map<String, Object> cl = (Map<String, Object>) scenarios.get("incrementalClustered");
        if (cl != null) {
            row(b, fmt, "  the first " + cl.get("changedRows") + " rows by key", String.format(Locale.ROOT,
                    "N=%s / N=%s: %.2f (%s s vs %s s)", cl.get("bigRows"), cl.get("smallRows"), cl.get("ratio"),
                    cl.get("bigSeconds"), cl.get("smallSeconds")), "report", null);
        }
        Map<String, Object> trg = (Map<String, Object>) scenarios.get("triggerOverhead");
        if (trg != null) {
            for (Map.Entry<String, Object> e : trg.entrySet()) {
                Map<String, Object> d = (Map<String, Object>) e.getValue();
                for (String op : List.of("insert", "update", "delete")) {
                    Map<String, Object> o = (Map<String, Object>) d.get(op);
                    row(b, fmt, "triggerOverhead " + e.getKey() + " " + op.toUpperCase(Locale.ROOT), String.format(Locale.ROOT,
                            "%.2fx (%s s vs %s s untracked; +%s us/row)", o.get("ratio"), o.get("trackedSeconds"),
                            o.get("untrackedSeconds"), o.get("trackedMicrosPerRow")), op.equals("delete") ? "<= 3.0x" : "<= 2.0x", o.get("met"));
                }
            }
        }
        Map<String, Object> meta = (Map<String, Object>) scenarios.get("metadataBytesPerRow");
        if (meta != null) {
            for (Map.Entry<String, Object> e : meta.entrySet()) {
                Map<String, Object> d = (Map<String, Object>) e.getValue();
                row(b, fmt, "metadataBytesPerRow " + e.getKey(), String.format(Locale.ROOT, "%s B/row tracking vs %s B/row data = %.2fx",
                        d.get("trackingBytesPerRow"), d.get("dataBytesPerRow"), d.get("ratio")), "<= 1.0x", d.get("met"));
            }
        }
        Map<String, Object> heap = (Map<String, Object>) scenarios.get("peakHeapMb");
        if (heap != null) {
            row(b, fmt, "peakHeapMb " + heap.get("rows") + " rows", String.format(Locale.ROOT, "%s MB peak with -Xmx%sm, completed: %s (%s s)",
                    heap.get("peakHeapMb"), heap.get("xmxMb"), heap.get("completed"), heap.get("seconds")), "256 MB", heap.get("met"));
        }
        Map<String, Object> files = (Map<String, Object>) scenarios.get("files");
        if (files != null) {
            FileBenchmarks.rows(b, fmt, files);
        }
        for (String e : errors) {
            b.append("ERROR ").append(e).append('\n');
        }
        return b.toString();
    }

    static void row(StringBuilder b, String fmt, String scenario, String figure, String target, Object met) {
        String status = met == null ? "-" : Boolean.TRUE.equals(met) ? "met" : "MISSED";
        b.append(String.format(Locale.ROOT, fmt, scenario, figure, target, status));
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    // ---------------------------------------------------------------- small helpers

    interface Step {
        void run() throws Exception;
    }

    private void guard(String name, Step step) {
        try {
            step.run();
        } catch (Exception | Error e) {
            errors.add(name + ": " + e);
            System.err.println("[bench] " + name + " FAILED");
            e.printStackTrace();
        }
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
        return xs.stream().map(Benchmarks::round).toList();
    }

    private static String fmt(double[] t) {
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
