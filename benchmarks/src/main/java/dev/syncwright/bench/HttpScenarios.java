package dev.syncwright.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.syncwright.core.SyncDirection;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.core.spi.SyncProvider;
import dev.syncwright.http.BearerTokens;
import dev.syncwright.http.HttpSyncProvider;
import dev.syncwright.http.JdbcScopes;
import dev.syncwright.http.SyncHttpHandler;
import dev.syncwright.http.SyncHttpServer;
import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The http group (issue 13): the same download and upload over loopback HTTP and over JDBC, in one
 * run (ratios); the round trip of one changed row; and idle syncs: the server's CPU and its database
 * statements per sync that finds nothing to do. Server and client share this JVM (and its heap).
 */
final class HttpScenarios {
    /** The rows of the idle and round-trip scope: a device's share, small enough for a hundred clients to load. */
    private static final int IDLE_ROWS = 1_000;
    /** Tokens in the servers' token file: as many as the devices of a run (each download and each idle client is one). */
    private static final int DEVICES = 200;
    private final java.util.concurrent.atomic.AtomicInteger devices = new java.util.concurrent.atomic.AtomicInteger();
    private final Config cfg;
    private final Map<String, Object> scenarios;

    HttpScenarios(Config cfg, Map<String, Object> scenarios) {
        this.cfg = cfg;
        this.scenarios = scenarios;
    }

    void run() throws Exception {
        // the first download at the download group's size (1M rows by default), on a database of its own
        served("bench_http_big", cfg.rows, null, (pool, base) -> download(cfg.rows, JdbcSyncProvider.open(pool, Bench.SCOPE), base));
        served("bench_http", cfg.uploadRows, null, (pool, base) -> upload(JdbcSyncProvider.open(pool, Bench.SCOPE), base));
        // many devices with little data each: what a sync costs the server when there is one row or nothing to send
        AtomicLong statements = new AtomicLong();
        served("bench_http_idle", IDLE_ROWS, statements, (pool, base) -> {
            roundTrip(base, pool);
            idle(base, statements);
        });
    }

    private interface Scenario {
        void run(HikariDataSource pool, URI base) throws Exception;
    }

    /**
     * A PostgreSQL database of its own with {@code rows} items in the benchmarks' scope, served over
     * loopback HTTP while {@code scenario} runs; {@code statements}: counts what the server executes
     * (null: uncounted, so that timed scenarios do not pay for the counting).
     */
    private static void served(String hint, int rows, AtomicLong statements, Scenario scenario) throws Exception {
        try (TestDatabase db = TestDatabases.postgres(hint); HikariDataSource pool = Bench.pool(db)) {
            Bench.createPgItems(pool, "items", rows);
            Bench.provision(pool, "items");
            DataSource served = statements == null ? pool : dev.syncwright.testing.CountingDataSource.wrap(pool, statements);
            try (SyncHttpServer http = server(served)) {
                scenario.run(pool, URI.create("http://127.0.0.1:" + http.port()));
            }
        }
    }

    /**
     * A server as a deployment runs one: every device has a token of its own (a token file), so the
     * figures include authenticating each request and binding each device's replica to its
     * principal (ADR 064).
     */
    private static SyncHttpServer server(DataSource ds) throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("bench-tokens", ".txt");
        try {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < DEVICES; i++) {
                lines.append(token(i)).append(" device-").append(i).append(' ').append(Bench.SCOPE).append('\n');
            }
            java.nio.file.Files.writeString(file, lines);
            return SyncHttpServer.start(new InetSocketAddress("127.0.0.1", 0),
                    new SyncHttpHandler(JdbcScopes.of(ds), BearerTokens.fromFile(file), 256L << 20, 8), 4);
        } finally {
            java.nio.file.Files.delete(file); // read once, when the server starts
        }
    }

    private static String token(int device) {
        return "bench-device-token-" + device;
    }

    /** A new device: a remote with the next device's token. */
    private HttpSyncProvider remote(URI base) {
        String token = token(devices.getAndIncrement() % DEVICES);
        return HttpSyncProvider.connect(base, Bench.SCOPE, () -> token, Duration.ofSeconds(60));
    }

    /** A new client's download, over JDBC then over HTTP, alternating. */
    private void download(int rows, JdbcSyncProvider srv, URI base) {
        List<Double> jdbc = new ArrayList<>();
        List<Double> http = new ArrayList<>();
        for (int i = 0; i < cfg.warmups + cfg.reps; i++) {
            double j = downloadOnce(rows, srv, srv);
            double h = downloadOnce(rows, srv, remote(base));
            Bench.log("http download %s %d: JDBC %.3f s, HTTP %.3f s", i < cfg.warmups ? "warm-up" : "rep", i + 1, j, h);
            if (i >= cfg.warmups) {
                jdbc.add(j);
                http.add(h);
            }
        }
        Map<String, Object> m = ratio(jdbc, http);
        m.put("rows", rows);
        m.put("target", "<= 1.3 (at 1M rows, 256 MB heap on each side)");
        scenarios.put("initialDownloadHttp", m);
    }

    private double downloadOnce(int rows, JdbcSyncProvider srv, SyncProvider remote) {
        try (Bench.Client client = new Bench.Client("bench_http_dl")) {
            long t0 = System.nanoTime();
            client.provider = JdbcSyncProvider.openClient(client.ds, remote instanceof HttpSyncProvider h ? h.describeScope()
                    : dev.syncwright.jdbc.ServerScope.of(srv));
            SyncResult r = SyncOrchestrator.between(client.provider, remote).direction(SyncDirection.DOWNLOAD)
                    .batchSizeRows(cfg.batchSizeRows).run();
            double s = (System.nanoTime() - t0) / 1e9;
            Bench.check(r.download().applied() == rows, "download applied " + r.download().applied() + " rows, not " + rows);
            return s;
        }
    }

    /** {@code uploadChanges} changed rows of one client, over JDBC then over HTTP, alternating. */
    private void upload(JdbcSyncProvider srv, URI base) throws Exception {
        try (Bench.Client client = new Bench.Client("bench_http_up")) {
            client.provider = JdbcSyncProvider.openClient(client.ds, srv);
            SyncOrchestrator.between(client.provider, srv).direction(SyncDirection.DOWNLOAD).batchSizeRows(cfg.batchSizeRows).run();
            List<Double> jdbc = new ArrayList<>();
            List<Double> http = new ArrayList<>();
            int round = 0;
            HttpSyncProvider viaHttp = remote(base); // one device: its replica syncs as one principal (ADR 064)
            for (int i = 0; i < cfg.warmups + cfg.reps; i++) {
                double j = uploadOnce(client, srv, ++round);
                double h = uploadOnce(client, viaHttp, ++round);
                Bench.log("http upload %s %d: JDBC %.3f s, HTTP %.3f s", i < cfg.warmups ? "warm-up" : "rep", i + 1, j, h);
                if (i >= cfg.warmups) {
                    jdbc.add(j);
                    http.add(h);
                }
            }
            Map<String, Object> m = ratio(jdbc, http);
            m.put("changes", cfg.uploadChanges);
            m.put("target", "<= 1.3");
            scenarios.put("uploadHttp", m);
        }
    }

    private double uploadOnce(Bench.Client client, SyncProvider server, int round) throws Exception {
        try (Connection c = client.ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE items SET qty = qty + 1, name = 'http " + round + " ' || id WHERE id <= " + cfg.uploadChanges);
        }
        long t0 = System.nanoTime();
        SyncResult r = SyncOrchestrator.between(client.provider, server).direction(SyncDirection.UPLOAD)
                .batchSizeRows(cfg.batchSizeRows).run();
        double s = (System.nanoTime() - t0) / 1e9;
        Bench.check(r.upload().applied() == cfg.uploadChanges, "upload applied " + r.upload().applied() + ", not " + cfg.uploadChanges);
        return s;
    }

    /**
     * One row changed on a client, then a sync until it is on the server (both directions, as a device
     * syncs); the same over JDBC by a second client in the same run, alternating: the floor that the
     * databases' commits set on this machine. Two medians: of the first syncs after the download (a
     * process that has just started, its JIT still compiling the small-sync paths), and of the syncs
     * once they run compiled, as a server and an app that syncs all day do. The JIT needs a few hundred
     * round trips to get there: the medians of successive windows of 50 fall from about 45 ms to
     * 13-17 ms over the first 400, then stay (measured with a window trace, docs/benchmarks.md).
     */
    private void roundTrip(URI base, DataSource server) throws Exception {
        try (Bench.Client viaHttp = new Bench.Client("bench_http_rt"); Bench.Client viaJdbc = new Bench.Client("bench_jdbc_rt")) {
            HttpSyncProvider remote = remote(base);
            JdbcSyncProvider direct = JdbcSyncProvider.open(server, Bench.SCOPE);
            viaHttp.provider = JdbcSyncProvider.openClient(viaHttp.ds, remote.describeScope());
            viaJdbc.provider = JdbcSyncProvider.openClient(viaJdbc.ds, direct);
            SyncOrchestrator.between(viaHttp.provider, remote).direction(SyncDirection.DOWNLOAD).batchSizeRows(cfg.batchSizeRows).run();
            SyncOrchestrator.between(viaJdbc.provider, direct).direction(SyncDirection.DOWNLOAD).batchSizeRows(cfg.batchSizeRows).run();
            int first = 10;
            int firstSamples = cfg.quick ? 5 : 50;
            int warm = cfg.quick ? 20 : 500;
            int samples = cfg.quick ? 10 : 100;
            List<Double> httpFirst = new ArrayList<>();
            List<Double> jdbcFirst = new ArrayList<>();
            List<Double> http = new ArrayList<>();
            List<Double> jdbc = new ArrayList<>();
            for (int i = 0; i < warm + samples; i++) {
                double h = oneRow(viaHttp, remote, i);
                double j = oneRow(viaJdbc, direct, i);
                if (i >= first && i < first + firstSamples) {
                    httpFirst.add(h);
                    jdbcFirst.add(j);
                }
                if (i >= warm) {
                    http.add(h);
                    jdbc.add(j);
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("medianMs", Bench.round(Bench.median(http)));
            m.put("jdbcMedianMs", Bench.round(Bench.median(jdbc)));
            m.put("samples", http.size());
            m.put("warmUpSyncs", warm);
            m.put("firstSyncsMedianMs", Bench.round(Bench.median(httpFirst)));
            m.put("firstSyncsJdbcMedianMs", Bench.round(Bench.median(jdbcFirst)));
            m.put("what", "one row changed on the client, one sync (upload and download) over loopback HTTP until it is committed on the "
                    + "server, after " + warm + " such syncs (compiled code, as in a long-running process); jdbcMedianMs: the same sync "
                    + "over JDBC, alternating; firstSyncs*: syncs " + first + "-" + (first + firstSamples) + " of the run (a process "
                    + "that has just started)");
            m.put("target", "<= 20 ms");
            scenarios.put("roundTripHttp", m);
        }
    }

    private static double oneRow(Bench.Client client, SyncProvider server, int i) throws Exception {
        try (Connection c = client.ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE items SET qty = qty + 1 WHERE id = " + (1 + i % IDLE_ROWS));
        }
        long t0 = System.nanoTime();
        SyncResult r = SyncOrchestrator.between(client.provider, server).run();
        double t = (System.nanoTime() - t0) / 1e6;
        Bench.check(r.upload().applied() == 1, "round trip applied " + r.upload().applied());
        return t;
    }

    /** Clients with nothing to sync, syncing in turn: the server's CPU time and database statements per sync. */
    private void idle(URI base, AtomicLong statements) throws Exception {
        int clients = cfg.quick ? 3 : 100;
        int syncsEach = cfg.quick ? 3 : 10;
        List<Bench.Client> all = new ArrayList<>();
        List<HttpSyncProvider> remotes = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                Bench.Client c = new Bench.Client("bench_http_idle" + i);
                all.add(c);
                HttpSyncProvider remote = remote(base); // a device keeps its remote, as it keeps its database
                remotes.add(remote);
                c.provider = JdbcSyncProvider.openClient(c.ds, remote.describeScope());
                SyncOrchestrator.between(c.provider, remote).batchSizeRows(cfg.batchSizeRows).run();
                SyncOrchestrator.between(c.provider, remote).run(); // the first sync after a download may still confirm knowledge
            }
            // one round first: a client set up before the others has not yet learned of them from the server's knowledge,
            // so its first sync after their setup is not idle; a device syncing in a loop has long done that sync
            for (int i = 0; i < all.size(); i++) {
                SyncOrchestrator.between(all.get(i).provider, remotes.get(i)).run();
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpu0 = serverCpuNanos(threads);
            long st0 = statements.get();
            int syncs = 0;
            for (int round = 0; round < syncsEach; round++) {
                for (int i = 0; i < all.size(); i++) {
                    SyncResult r = SyncOrchestrator.between(all.get(i).provider, remotes.get(i)).run();
                    Bench.check(r.upload().sent() + r.download().sent() == 0, "an idle sync sent changes");
                    syncs++;
                }
            }
            double cpuMs = (serverCpuNanos(threads) - cpu0) / 1e6 / syncs;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("clients", clients);
            m.put("syncs", syncs);
            m.put("serverCpuMsPerIdleSync", Bench.round(cpuMs));
            m.put("serverStatementsPerIdleSync", Bench.round((statements.get() - st0) / (double) syncs));
            m.put("what", "server CPU: the HTTP worker threads' CPU time; statements: every statement the server's providers executed");
            m.put("target", "<= 1 ms CPU and 1 query per idle sync");
            scenarios.put("idleSyncsHttp", m);
        } finally {
            all.forEach(Bench.Client::close);
        }
    }

    /** CPU time of the server's worker threads (named syncwright-http), alive now. */
    private static long serverCpuNanos(ThreadMXBean threads) {
        long sum = 0;
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith("syncwright-http")) {
                long n = threads.getThreadCpuTime(t.getThreadId());
                sum += Math.max(0, n);
            }
        }
        return sum;
    }

    private static Map<String, Object> ratio(List<Double> jdbc, List<Double> http) {
        double j = Bench.median(jdbc);
        double h = Bench.median(http);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jdbcSeconds", Bench.round(j));
        m.put("httpSeconds", Bench.round(h));
        m.put("ratio", Bench.round(h / j));
        m.put("samplesJdbc", Bench.rounded(jdbc));
        m.put("samplesHttp", Bench.rounded(http));
        return m;
    }
}
