package dev.syncwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.SyncDirection;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import dev.syncwright.tracking.Provisioner;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * ADR 063: a new client loads its first download with its INSERT triggers off, in a recorded
 * bulk-loading state that the first sync to succeed completes. The oracle is a client loaded the
 * ordinary way from the same server: the bulk-loaded client must end with the same rows, the same
 * tracking versions and the same knowledge, lose no change of its own made while it loaded, and
 * converge after interruptions at random batch boundaries. Seeds are printed and settable with
 * {@code -Dsyncwright.seed=N}.
 */
abstract class BulkBootstrapContract extends ReplicaHarness {
    static final int ROWS = 700;
    static final int BATCH = 50;

    static long seed() {
        long seed = Long.getLong("syncwright.seed", new Random().nextLong());
        System.out.println("[bulk-bootstrap] seed=" + seed + " (-Dsyncwright.seed=" + seed + " repeats it)");
        return seed;
    }

    /** A parent and a child table (the child refers to the parent), {@value #ROWS} parents and as many children. */
    void seedServer() throws SQLException {
        exec(sds, "CREATE TABLE parent (id INTEGER PRIMARY KEY, name VARCHAR(40), qty INTEGER)",
                "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id), note VARCHAR(40))");
        StringBuilder p = new StringBuilder("INSERT INTO parent (id, name, qty) VALUES ");
        StringBuilder c = new StringBuilder("INSERT INTO child (id, parent_id, note) VALUES ");
        for (int i = 1; i <= ROWS; i++) {
            p.append(i > 1 ? ", " : "").append("(").append(i).append(", 'p").append(i).append("', ").append(i).append(")");
            c.append(i > 1 ? ", " : "").append("(").append(i).append(", ").append(i).append(", ").append(i % 3 == 0 ? "NULL" : "'c" + i + "'")
                    .append(")");
        }
        exec(sds, p.toString(), c.toString());
        // the server changes some rows after provisioning, so that versions differ per row and per column
        provision("parent", "child");
        exec(sds, "UPDATE parent SET qty = qty + 1 WHERE id % 7 = 0", "UPDATE child SET note = 'server' WHERE id % 11 = 0",
                "DELETE FROM child WHERE id % 13 = 0");
    }

    /** A new, empty SQLite client opened as every client is, its first download bulk loaded or not. */
    Client newClient(boolean bulk) {
        TestDatabase db = TestDatabases.sqlite(getClass().getSimpleName() + "_b" + clientDbs.size());
        clientDbs.add(db);
        HikariDataSource ds = SqliteClients.url(db.jdbcUrl()).poolName("bulk-client").minimumIdle(0).open();
        clientPools.add(ds);
        return new Client(ds, JdbcSyncProvider.openClient(ds, ServerScope.of(serverProvider), bulk));
    }

    SyncResult download(Client c) {
        return SyncOrchestrator.between(c.provider(), serverProvider).direction(SyncDirection.DOWNLOAD).batchSizeRows(BATCH)
                .conflicts(ConflictPolicy.SERVER_WINS).run();
    }

    /**
     * A download of {@value #BATCH}-row batches; returns what was seen after its first batch: whether
     * the client was bulk loading, with no INSERT trigger, and the guard refusing another connection's
     * insert.
     */
    boolean downloadSeeingBulkLoad(Client c) {
        boolean[] seen = new boolean[1];
        SyncOrchestrator.between(c.provider(), serverProvider).direction(SyncDirection.DOWNLOAD).batchSizeRows(BATCH)
                .conflicts(ConflictPolicy.SERVER_WINS).onProgress(p -> {
                    if (p.batches() == 1) {
                        try {
                            seen[0] = c.provider().bulkLoading() && definitionLoading(c.ds()) && insertTriggers(c.ds()) == 0
                                    && refused(c.ds(), "INSERT INTO parent (id, name, qty) VALUES (100009, 'x', 1)");
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }).run();
        return seen[0];
    }

    /** Whether the bulk load's guard refuses {@code sql} on a connection of the application's. */
    static boolean refused(DataSource ds, String sql) {
        try {
            exec(ds, sql);
            return false;
        } catch (SQLException e) {
            assertThat(e.getMessage()).contains(dev.syncwright.dialect.SqlNames.BULK_LOAD_GUARD);
            return true;
        }
    }

    /** A download that fails right after its {@code batches}-th batch committed, as a crash of the client would end it. */
    void downloadCutAfter(Client c, int batches) {
        assertThatThrownBy(() -> SyncOrchestrator.between(c.provider(), serverProvider).direction(SyncDirection.DOWNLOAD)
                .batchSizeRows(BATCH).onProgress(p -> {
                    if (p.batches() >= batches) {
                        throw new IllegalStateException("cut after batch " + p.batches());
                    }
                }).run()).hasStackTraceContaining("cut after batch");
    }

    @Test
    void aBulkLoadedClientEqualsOneLoadedTheOrdinaryWay() throws SQLException {
        seedServer();
        Client bulk = newClient(true);
        Client ordinary = newClient(false);
        assertThat(bulk.provider().bulkLoading()).as("not before its first download begins").isFalse();
        assertThat(insertTriggers(bulk.ds())).isEqualTo(2);

        assertThat(downloadSeeingBulkLoad(bulk)).as("bulk loading, INSERT triggers off, the guard on").isTrue();
        assertThat(downloadSeeingBulkLoad(ordinary)).isFalse();
        assertThat(bulk.provider().bulkLoading()).isFalse();
        assertThat(definitionLoading(bulk.ds())).as("the state is cleared").isFalse();
        assertThat(insertTriggers(bulk.ds())).as("the INSERT triggers are on").isEqualTo(2);
        assertSameAs(bulk, ordinary);
        // a provider opened now sees whole tracking, also with the plain definition's check
        assertThat(Provisioner.of(bulk.ds()).trackingProblems(JdbcSyncProvider.open(bulk.ds(), SCOPE).definition())).isEmpty();
        assertConverged(bulk, ordinary);
    }

    /**
     * Random edits on the server and on both clients after the bootstrap, each replica on keys of its
     * own, synced in random order: every edit arrives everywhere (the model of the rows is the oracle)
     * and nothing comes back.
     */
    @Test
    void laterEditsOnEverySideSyncWithoutLossOrEcho() throws SQLException {
        Random rnd = new Random(seed());
        seedServer();
        Client bulk = newClient(true);
        Client ordinary = newClient(false);
        download(bulk);
        download(ordinary);
        Map<Integer, String> model = new TreeMap<>();
        rows(sds, "SELECT id, name, qty FROM parent").forEach(r -> model.put(Integer.parseInt(r.split("\\|")[0]), r));
        List<DataSource> sides = List.of(sds, bulk.ds(), ordinary.ds());
        for (int round = 0; round < 4; round++) {
            for (int side = 0; side < 3; side++) {
                for (int k = 0; k < 15; k++) {
                    edit(sides.get(side), side, rnd, model);
                }
            }
            List<Client> order = rnd.nextBoolean() ? List.of(bulk, ordinary) : List.of(ordinary, bulk);
            for (Client c : order) {
                sync(c);
            }
        }
        assertConverged(bulk, ordinary);
        assertThat(rows(sds, "SELECT id, name, qty FROM parent ORDER BY id")).containsExactlyElementsOf(model.values());
        assertThat(rows(bulk.ds(), "SELECT id, name, qty FROM parent ORDER BY id")).containsExactlyElementsOf(model.values());
    }

    /**
     * While a bulk load is cut halfway, the application's inserts, replaces and deletes are refused
     * (nothing it writes can go untracked), its updates are tracked and go up with the next sync, which
     * completes the load; then it inserts and deletes as ever.
     */
    @Test
    void whileBulkLoadingTheApplicationsInsertsAreRefusedAndItsUpdatesTracked() throws SQLException {
        seedServer();
        Client bulk = newClient(true);
        downloadCutAfter(bulk, 5);
        assertThat(bulk.provider().bulkLoading()).as("a failed sync does not complete the load").isTrue();
        int loaded = Integer.parseInt(rows(bulk.ds(), "SELECT max(id) FROM parent").get(0));
        assertThat(loaded).isBetween(13, ROWS - 1);
        assertThat(refused(bulk.ds(), "INSERT INTO parent (id, name, qty) VALUES (100001, 'local insert', 1)")).isTrue();
        assertThat(refused(bulk.ds(), "INSERT OR REPLACE INTO parent (id, name, qty) VALUES (1, 'replaced', 1)")).isTrue();
        assertThat(refused(bulk.ds(), "DELETE FROM parent WHERE id = 13")).isTrue();
        exec(bulk.ds(), "UPDATE parent SET name = 'local update' WHERE id = 1");

        SyncResult r = sync(bulk);
        assertThat(r.upload().applied()).isEqualTo(1);
        assertThat(bulk.provider().bulkLoading()).isFalse();
        assertThat(rows(sds, "SELECT id, name, qty FROM parent WHERE id = 1")).containsExactly("1|local update|1");
        exec(bulk.ds(), "INSERT INTO parent (id, name, qty) VALUES (100001, 'local insert', 1)", "DELETE FROM parent WHERE id = 13");
        sync(bulk);
        assertThat(rows(sds, "SELECT id, name FROM parent WHERE id IN (13, 100001) ORDER BY id")).containsExactly("100001|local insert");
        Client ordinary = newClient(false);
        download(ordinary);
        assertConverged(bulk, ordinary);
    }

    /**
     * Cut at random batch boundaries, the server changing rows between the attempts, reopened after
     * each cut as a restarted application would: it is still bulk loading, resumes, and ends equal to
     * a client loaded the ordinary way afterwards.
     */
    @Test
    void aBulkLoadCutAtRandomBatchBoundariesResumesAndConverges() throws SQLException {
        Random rnd = new Random(seed());
        seedServer();
        Client bulk = newClient(true);
        for (int cut = 0; cut < 4; cut++) {
            downloadCutAfter(bulk, 1 + rnd.nextInt(5));
            exec(sds, "UPDATE parent SET qty = qty + 100 WHERE id = " + (1 + rnd.nextInt(ROWS)),
                    "UPDATE child SET note = 'moved' WHERE id = " + (1 + rnd.nextInt(ROWS)));
            bulk = new Client(bulk.ds(), JdbcSyncProvider.openClient(bulk.ds(), serverProvider));
            assertThat(bulk.provider().bulkLoading()).as("the recorded state survives the cut").isTrue();
        }
        download(bulk);
        assertThat(bulk.provider().bulkLoading()).isFalse();
        Client ordinary = newClient(false);
        download(ordinary);
        assertThat(bulk.provider().snapshot()).isEqualTo(serverProvider.snapshot());
        assertThat(ordinary.provider().snapshot()).isEqualTo(serverProvider.snapshot());
        assertConverged(bulk, ordinary);
    }

    /**
     * The load runs in a child JVM killed with SIGKILL at a random moment (mid-batch or between
     * batches), twice; the application then writes, and the next sync in this JVM finds the recorded
     * state, finishes the load and ends equal to a client loaded the ordinary way.
     */
    @Test
    void aBulkLoadKilledAtRandomMomentsResumes() throws Exception {
        Random rnd = new Random(seed());
        seedServer();
        TestDatabase db = TestDatabases.sqlite(getClass().getSimpleName() + "_k");
        clientDbs.add(db);
        for (int kill = 0; kill < 2; kill++) {
            killedDuringLoad(db.jdbcUrl(), 1 + rnd.nextInt(6), rnd.nextInt(40));
        }
        HikariDataSource ds = SqliteClients.url(db.jdbcUrl()).poolName("bulk-killed").minimumIdle(0).open();
        clientPools.add(ds);
        assertThat(definitionLoading(ds)).as("the recorded state survives kill -9").isTrue();
        Client bulk = new Client(ds, JdbcSyncProvider.openClient(ds, serverProvider));
        assertThat(bulk.provider().bulkLoading()).isTrue();
        assertThat(refused(ds, "INSERT INTO parent (id, name, qty) VALUES (100001, 'after the kill', 1)")).isTrue();
        sync(bulk);
        assertThat(bulk.provider().bulkLoading()).isFalse();
        exec(ds, "INSERT INTO parent (id, name, qty) VALUES (100001, 'after the kill', 1)");
        sync(bulk);
        assertThat(rows(sds, "SELECT name FROM parent WHERE id = 100001")).containsExactly("after the kill");
        Client ordinary = newClient(false);
        download(ordinary);
        assertConverged(bulk, ordinary);
    }

    /** Starts the child's download, waits for {@code batches} committed batches and {@code ms} more, then kills it (SIGKILL). */
    private void killedDuringLoad(String clientUrl, int batches, int ms) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), BulkLoadChild.class.getName(),
                server.jdbcUrl(), String.valueOf(server.user()), String.valueOf(server.password()), clientUrl, String.valueOf(BATCH))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int seen = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; seen < batches && (line = out.readLine()) != null; ) {
                assertThat(line).as("the child got this far before the kill").startsWith("batch");
                seen++;
            }
            Thread.sleep(ms);
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback, no close
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).as("batches before the kill").isEqualTo(batches);
        assertThat(p.exitValue()).as("killed, not finished").isEqualTo(137);
    }

    /**
     * A client whose table holds a row, or whose tracking remembers one (inserted and deleted before
     * the first sync), never takes the bulk path; tables the application made itself, still empty, do.
     * A bulk load left unfinished is completed by opening the client without bulk bootstrap.
     */
    @Test
    void aTableThatIsNotEmptyNeverTakesTheBulkPath() throws SQLException {
        seedServer();
        String[] ddl = {"CREATE TABLE parent (id INTEGER PRIMARY KEY, name VARCHAR(40), qty INTEGER)",
                "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id), note VARCHAR(40))"};
        Client filled = existingClient(ddl);
        exec(filled.ds(), "INSERT INTO parent (id, name, qty) VALUES (100001, 'mine', 1)");
        Client remembers = newClient(true);
        exec(remembers.ds(), "INSERT INTO child (id, parent_id, note) VALUES (100002, NULL, 'gone')", "DELETE FROM child WHERE id = 100002");
        Client empty = existingClient(ddl);
        assertThat(downloadSeeingBulkLoad(filled)).isFalse();
        assertThat(downloadSeeingBulkLoad(remembers)).isFalse();
        assertThat(downloadSeeingBulkLoad(empty)).as("tables the application made, still empty").isTrue();

        Client cut = newClient(true);
        downloadCutAfter(cut, 2);
        assertThat(cut.provider().bulkLoading()).isTrue();
        Client wayOut = new Client(cut.ds(), JdbcSyncProvider.openClient(cut.ds(), ServerScope.of(serverProvider), false));
        assertThat(wayOut.provider().bulkLoading()).isFalse();
        assertThat(definitionLoading(cut.ds())).isFalse();
        assertThat(insertTriggers(cut.ds())).isEqualTo(2);
        for (Client c : List.of(filled, remembers, empty, wayOut)) {
            sync(c); // what each uploads (a row, a tombstone) reaches the others below
        }
        assertThat(rows(sds, "SELECT name FROM parent WHERE id = 100001")).containsExactly("mine");
        assertConverged(filled, remembers, empty, wayOut);
    }

    /**
     * A bulk load cut halfway is completed by whatever re-provisions the client: the server's scope
     * gaining a column (the client adds it to a guarded table), or a deprovisioning, which leaves no
     * guard behind.
     */
    @Test
    void reprovisioningCompletesAnUnfinishedBulkLoadAndDeprovisioningLeavesNoGuard() throws SQLException {
        seedServer();
        Client cut = newClient(true);
        downloadCutAfter(cut, 2);
        exec(sds, "ALTER TABLE parent ADD COLUMN extra INTEGER", "UPDATE parent SET extra = id WHERE id % 5 = 0");
        provision("parent", "child");
        Client again = reopen(cut);
        assertThat(again.provider().bulkLoading()).isFalse();
        assertThat(definitionLoading(again.ds())).isFalse();
        assertThat(insertTriggers(again.ds())).isEqualTo(2);
        Client ordinary = newClient(false);
        download(ordinary);
        assertConverged(again, ordinary);

        Client gone = newClient(true);
        downloadCutAfter(gone, 2);
        Provisioner.of(gone.ds()).deprovision(SCOPE);
        exec(gone.ds(), "INSERT INTO parent (id, name, qty) VALUES (100001, 'mine', 1)", "DELETE FROM parent WHERE id = 1");
        assertThat(rows(gone.ds(), "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'syncwright%'")).containsExactly("0");
    }

    /** Bulk-loaded and ordinary clients hold the same rows, tracking versions and knowledge (apart from their own tick). */
    void assertSameAs(Client bulk, Client ordinary) throws SQLException {
        assertThat(bulk.provider().snapshot()).isEqualTo(ordinary.provider().snapshot());
        for (String table : List.of("parent", "child")) {
            String versions = "SELECT * FROM syncwright_tr_" + table + " ORDER BY id";
            assertThat(rowsWithout(bulk.ds(), versions)).as("tracking versions of " + table)
                    .containsExactlyElementsOf(rowsWithout(ordinary.ds(), versions));
        }
        assertThat(othersKnowledge(bulk)).isEqualTo(othersKnowledge(ordinary));
    }

    /** The tracking rows without their local tick and change time (the two clients' own clocks). */
    private static List<String> rowsWithout(DataSource ds, String sql) throws SQLException {
        List<String> cols = columns(ds, sql.substring(sql.indexOf("FROM ") + 5, sql.indexOf(" ORDER")));
        String list = String.join(", ", cols.stream().filter(c -> !c.equals("sw_tick") && !c.equals("sw_at")).toList());
        return rows(ds, sql.replace("*", list));
    }

    /**
     * What a client knows of other replicas: its knowledge with its own entries (key 0) left out, and
     * on a SQLite server the server's (key 1) watermark as W: a SQLite server moves its clock at every enumeration
     * (ADR 011), so two downloads one after the other learn different watermarks of the same data.
     */
    private String othersKnowledge(Client c) {
        String k = c.provider().knowledge().toString().replaceAll("(?<=\\[)0:\\d+ ?", "");
        return server.kind().equals("sqlite") ? k.replaceAll("(?<=[\\[ ])1:\\d+", "1:W") : k;
    }

    static int insertTriggers(DataSource ds) throws SQLException {
        return Integer.parseInt(rows(ds, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'syncwright\\_ins\\_%' "
                + "ESCAPE '\\'").get(0));
    }

    static boolean definitionLoading(DataSource ds) {
        return Provisioner.of(ds).definition(SCOPE).orElseThrow().bulkLoading();
    }

    /** One random edit of {@code side} (0 server, 1 and 2 clients) on parent keys of its own (key % 3 == side), recorded in the model. */
    static void edit(DataSource ds, int side, Random rnd, Map<Integer, String> model) throws SQLException {
        int id = 3 * rnd.nextInt(ROWS / 3) + side + 1;
        int what = rnd.nextInt(4);
        if (what == 0) {
            int fresh = 200_000 + 3 * rnd.nextInt(10_000) + side;
            if (!model.containsKey(fresh)) {
                exec(ds, "INSERT INTO parent (id, name, qty) VALUES (" + fresh + ", 'new" + side + "', " + side + ")");
                model.put(fresh, fresh + "|new" + side + "|" + side);
            }
        } else if (!model.containsKey(id)) {
            return;
        } else if (what == 1) {
            int qty = rnd.nextInt(1000);
            exec(ds, "UPDATE parent SET qty = " + qty + " WHERE id = " + id);
            String[] r = model.get(id).split("\\|");
            model.put(id, r[0] + "|" + r[1] + "|" + qty);
        } else if (what == 2) {
            exec(ds, "UPDATE parent SET name = 'n" + side + "_" + id + "' WHERE id = " + id);
            String[] r = model.get(id).split("\\|");
            model.put(id, r[0] + "|n" + side + "_" + id + "|" + r[2]);
        } else {
            exec(ds, "DELETE FROM child WHERE parent_id = " + id, "DELETE FROM parent WHERE id = " + id);
            model.remove(id);
        }
    }
}
