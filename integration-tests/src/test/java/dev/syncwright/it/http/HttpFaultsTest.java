package dev.syncwright.it.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.core.SyncException;
import dev.syncwright.core.SyncInterceptor;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.core.spi.ChangeBatch;
import dev.syncwright.core.spi.ChangeEnumeration;
import dev.syncwright.core.spi.EnumerationRequest;
import dev.syncwright.core.spi.ForwardingSyncProvider;
import dev.syncwright.core.spi.SyncProvider;
import dev.syncwright.http.Authenticator;
import dev.syncwright.http.HttpSyncProvider;
import dev.syncwright.http.JdbcScopes;
import dev.syncwright.http.SyncHttpHandler;
import dev.syncwright.http.SyncHttpServer;
import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import dev.syncwright.tracking.Provisioner;
import dev.syncwright.tracking.SyncScope;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Sync over HTTP through a proxy that cuts connections at random points, across two server
 * instances, and against a server process killed with SIGKILL (issue 13): nothing lost, nothing
 * applied twice, and each cut costs at most the batch in flight. {@code -Dsyncwright.it.http.rows}
 * (default 100,000) and {@code .cuts} (default 100) size it; {@code .seed} replays a run.
 */
class HttpFaultsTest {
    static final String SCOPE = "shop";
    static final int BATCH = 1000;
    /** Uploads go in smaller batches: a hundred cuts then fall on a hundred requests, not on a few big ones. */
    static final int UPLOAD_BATCH = 200;
    final int rows = Integer.getInteger("syncwright.it.http.rows", 100_000);
    final int cuts = Integer.getInteger("syncwright.it.http.cuts", 100);
    final long seed = Long.getLong("syncwright.it.http.seed", System.nanoTime());
    TestDatabase server;
    TestDatabase clientDb;
    DataSource client;
    final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void setUp() throws SQLException {
        server = TestDatabases.postgres("http_faults");
        exec(server.dataSource(), "CREATE TABLE items (id BIGINT PRIMARY KEY, name VARCHAR(40), qty INTEGER, note TEXT)");
        Provisioner.of(server.dataSource()).provision(SyncScope.named(SCOPE).tables("items").build());
        clientDb = TestDatabases.sqlite("http_faults_client");
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setBusyTimeout(10_000);
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        SQLiteDataSource ds = new SQLiteDataSource(cfg);
        ds.setUrl(clientDb.jdbcUrl());
        client = ds;
        JdbcSyncProvider.openClient(client, JdbcSyncProvider.open(server.dataSource(), SCOPE));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        clientDb.close();
        server.close();
    }

    /** Counts what the sessions hand to the destination and what it commits, across failed and finished syncs. */
    static class Counting implements SyncInterceptor {
        final AtomicLong selected = new AtomicLong();
        final AtomicLong applied = new AtomicLong();
        final AtomicLong skipped = new AtomicLong();
        final AtomicLong batchesApplied = new AtomicLong();

        @Override
        public void batchSelected(SessionEvent session, int batch, int changes) {
            selected.addAndGet(changes);
        }

        @Override
        public void batchApplied(SessionEvent session, int batch, long applied, long skipped, long deferred) {
            this.applied.addAndGet(applied);
            this.skipped.addAndGet(skipped);
            batchesApplied.incrementAndGet();
        }

        /** Rows of the batches this process read off the wire, committed or not. */
        final AtomicLong received = new AtomicLong();

        ChangeEnumeration received(ChangeEnumeration e) {
            return new ChangeEnumeration() {
                @Override
                public boolean hasNext() {
                    return e.hasNext();
                }

                @Override
                public ChangeBatch next() {
                    ChangeBatch b = e.next();
                    received.addAndGet(b.changes().size());
                    return b;
                }

                @Override
                public java.util.OptionalLong estimatedChanges() {
                    return e.estimatedChanges();
                }

                @Override
                public void close() {
                    e.close();
                }
            };
        }
    }

    SyncHttpServer instance() {
        // the server's pool, as a deployment has one (a connection per request would measure connecting)
        com.zaxxer.hikari.HikariConfig hc = new com.zaxxer.hikari.HikariConfig();
        hc.setDataSource(server.dataSource());
        hc.setMaximumPoolSize(10);
        com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource(hc);
        SyncHttpServer s = SyncHttpServer.start(new InetSocketAddress("127.0.0.1", 0),
                new SyncHttpHandler(JdbcScopes.of(pool), Authenticator.none(), 64 << 20, 8), 8);
        closing.add(s);
        closing.add(pool);
        return s;
    }

    /** Syncs until a sync finishes; returns how many failed first. */
    int syncUntilDone(int port, Counting counting, int batch) {
        int failures = 0;
        while (true) {
            SyncProvider remote = new ForwardingSyncProvider(HttpSyncProvider.connect(URI.create("http://127.0.0.1:" + port), SCOPE, null,
                    Duration.ofSeconds(30))) {
                @Override
                public ChangeEnumeration enumerateChanges(EnumerationRequest request) {
                    return counting.received(delegate.enumerateChanges(request));
                }
            };
            try {
                SyncResult r = SyncOrchestrator.between(JdbcSyncProvider.open(client, SCOPE), remote).batchSizeRows(batch)
                        .intercept(counting).run();
                assertThat(r.cancelled()).isFalse();
                return failures;
            } catch (SyncException e) {
                failures++;
                assertThat(failures).as("seed %d: a sync keeps failing: %s", seed, e.getMessage()).isLessThan(cuts + 20);
            }
        }
    }

    @Test
    void aDownloadCutAHundredTimesAcrossTwoInstancesLosesAndRepeatsNothing() throws Exception {
        exec(server.dataSource(), "INSERT INTO items SELECT g, 'item ' || g, g % 1000, repeat('x', g % 50) FROM generate_series(1, "
                + rows + ") g");
        // 100k rows are about half a megabyte in zstd (a megabyte in gzip): cut points below 10 KB give a hundred cuts
        // within the download
        CuttingProxy proxy = new CuttingProxy(List.of(instance().port(), instance().port()), seed, cuts, 10_000);
        closing.add(proxy);
        Counting counting = new Counting();
        int failures = syncUntilDone(proxy.port(), counting, BATCH);
        assertThat(count(client, "SELECT count(*) FROM items")).as("seed %d", seed).isEqualTo(rows);
        assertThat(digest(client)).isEqualTo(digest(server.dataSource()));
        assertThat(counting.applied.get()).as("seed %d: every row applied once", seed).isEqualTo(rows);
        long resent = counting.received.get() - rows;
        // what a cut costs: the batch being applied and the one read ahead of it (ReadAhead), never what was committed
        assertThat(resent).as("seed %d: rows received again", seed).isLessThanOrEqualTo(2L * failures * BATCH);
        System.out.printf("download of %,d rows through %d cuts (%d connections, two instances): %d syncs failed, %,d rows received "
                + "again (%.2f batches per failed sync)%n", rows, proxy.cuts(), proxy.connections(), failures, resent,
                failures == 0 ? 0.0 : resent / (double) BATCH / failures);
        assertThat(proxy.cuts()).as("the proxy cut").isEqualTo(cuts);
    }

    @Test
    void anUploadCutAHundredTimesAppliesEveryRowOnce() throws Exception {
        int up = Math.max(1000, rows / 5);
        countWrites();
        exec(client, "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < " + up + ") "
                + "INSERT INTO items SELECT n, 'up ' || n, n % 7, NULL FROM g");
        // an upload request of 200 rows is a few KB: cut points below 6 KB cut most connections after a request or two
        CuttingProxy proxy = new CuttingProxy(List.of(instance().port(), instance().port()), seed, cuts, 6_000);
        closing.add(proxy);
        Counting counting = new Counting();
        int failures = syncUntilDone(proxy.port(), counting, UPLOAD_BATCH);
        // the uploads go on (every row changed again) until the proxy has made its cuts
        int rounds = 1;
        while (proxy.cuts() < cuts && rounds < 20) {
            exec(client, "UPDATE items SET qty = qty + 1");
            failures += syncUntilDone(proxy.port(), counting, UPLOAD_BATCH);
            rounds++;
        }
        assertThat(count(server.dataSource(), "SELECT count(*) FROM items")).as("seed %d", seed).isEqualTo(up);
        assertThat(digest(server.dataSource())).isEqualTo(digest(client));
        // a retried apply whose answer was lost is skipped by the server's knowledge, not applied again
        assertWritten(up, rounds);
        System.out.printf("upload of %,d rows in %d rounds through %d cuts: %d syncs failed, %,d rows skipped as already applied%n",
                up, rounds, proxy.cuts(), failures, counting.skipped.get());
        assertThat(counting.skipped.get()).as("seed %d: a cut re-sends at most the batch in flight", seed)
                .isLessThanOrEqualTo((long) proxy.cuts() * UPLOAD_BATCH);
        assertThat(proxy.cuts()).as("the proxy cut").isEqualTo(cuts);
        SyncResult again = SyncOrchestrator.between(JdbcSyncProvider.open(client, SCOPE), HttpSyncProvider.connect(
                URI.create("http://127.0.0.1:" + proxy.port()), SCOPE, null, Duration.ofSeconds(30))).run();
        assertThat(again.upload().sent() + again.download().sent()).as("settled").isZero();
    }

    @Test
    void aServerKilledMidUploadAndRestartedLosesNothing() throws Exception {
        int up = Math.max(1000, rows / 5);
        countWrites();
        exec(client, "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < " + up + ") "
                + "INSERT INTO items SELECT n, 'up ' || n, n % 7, NULL FROM g");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process[] serverProcess = {startServer(port)};
        Counting counting = new Counting() {
            @Override
            public void batchApplied(SessionEvent session, int batch, long applied, long skipped, long deferred) {
                super.batchApplied(session, batch, applied, skipped, deferred);
                if (batchesApplied.get() == 3) {
                    serverProcess[0].destroyForcibly(); // SIGKILL, mid-upload
                    try {
                        serverProcess[0].waitFor(10, TimeUnit.SECONDS);
                        serverProcess[0] = startServer(port);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
        try {
            syncUntilDone(port, counting, UPLOAD_BATCH);
        } finally {
            serverProcess[0].destroyForcibly();
        }
        assertThat(counting.batchesApplied.get()).as("the server was killed mid-upload").isGreaterThan(3);
        assertThat(count(server.dataSource(), "SELECT count(*) FROM items")).isEqualTo(up);
        assertThat(digest(server.dataSource())).isEqualTo(digest(client));
        assertWrittenOnce(up);
    }

    /** The server counts its own writes of each row: a batch applied twice would write its rows twice. */
    private void countWrites() throws SQLException {
        exec(server.dataSource(), "CREATE TABLE writes (id BIGINT PRIMARY KEY, n INTEGER NOT NULL)",
                "CREATE FUNCTION count_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO writes VALUES (NEW.id, 1) "
                        + "ON CONFLICT (id) DO UPDATE SET n = writes.n + 1; RETURN NEW; END $$",
                "CREATE TRIGGER count_write AFTER INSERT OR UPDATE ON items FOR EACH ROW EXECUTE FUNCTION count_write()");
    }

    private void assertWrittenOnce(int rowsUploaded) throws SQLException {
        assertWritten(rowsUploaded, 1);
    }

    /** Each row written exactly once per upload round: inserted, then updated once a round. */
    private void assertWritten(int rowsUploaded, int rounds) throws SQLException {
        assertThat(count(server.dataSource(), "SELECT count(*) FROM writes WHERE n = " + rounds))
                .as("seed %d: rows written exactly once in each of %d rounds", seed, rounds).isEqualTo(rowsUploaded);
        assertThat(count(server.dataSource(), "SELECT count(*) FROM writes")).isEqualTo(rowsUploaded);
    }

    private Process startServer(int port) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ServerMain.class.getName(), server.jdbcUrl(), String.valueOf(port)).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.contains("listening")) {
            // the server's start-up lines
        }
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "server-output");
        drain.setDaemon(true);
        drain.start();
        return p;
    }

    static void exec(DataSource ds, String... sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    static long count(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every row's values in key order, hashed: two tables with the same digest hold the same rows. */
    static long digest(DataSource ds) throws SQLException {
        long h = 1;
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, name, qty, note FROM items ORDER BY id")) {
            while (rs.next()) {
                h = 31 * h + (rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getObject(3) + "|" + rs.getString(4)).hashCode();
            }
        }
        return h;
    }
}
