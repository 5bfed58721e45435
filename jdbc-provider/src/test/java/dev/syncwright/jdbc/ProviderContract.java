package dev.syncwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.syncwright.core.ConflictKind;
import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.SyncDirection;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.core.spi.ApplyPlan;
import dev.syncwright.core.spi.ForwardingSyncProvider;
import dev.syncwright.core.spi.BatchApplier;
import dev.syncwright.core.spi.ChangeBatch;
import dev.syncwright.core.spi.SyncProvider;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import dev.syncwright.tracking.Provisioner;
import dev.syncwright.tracking.SyncScope;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SQLite clients syncing with a database server (issue 4), written once and run per server
 * dialect. Schema: customers and orders (orders reference customers), with foreign keys enforced
 * on both sides.
 */
abstract class ProviderContract {
    static final String SCOPE = "sales";
    TestDatabase server;
    JdbcSyncProvider serverProvider;
    final List<TestDatabase> clientDbs = new ArrayList<>();
    final List<HikariDataSource> clientPools = new ArrayList<>();

    abstract TestDatabase createServer(String hint);

    abstract String serverDdl();

    /** How the server's scope captures its changes ({@code --capture}): null for triggers, the default. */
    String capture() {
        return null;
    }

    @BeforeEach
    void setUpServer() throws SQLException {
        server = createServer(getClass().getSimpleName());
        exec(server.dataSource(), serverDdl());
        exec(server.dataSource(), "INSERT INTO customers (id, name, email, phone) VALUES (1, 'Ada', 'ada@example.org', '111')");
        exec(server.dataSource(), "INSERT INTO customers (id, name, email, phone) VALUES (2, 'Grace', NULL, '222')");
        exec(server.dataSource(), "INSERT INTO orders (id, customer_id, total) VALUES (10, 1, 12.50)");
        exec(server.dataSource(), "INSERT INTO orders (id, customer_id, total) VALUES (11, 2, 99.99)");
        Provisioner.of(server.dataSource()).provision(SyncScope.named(SCOPE).tables("customers", "orders").build(), capture());
        serverProvider = JdbcSyncProvider.open(server.dataSource(), SCOPE);
    }

    @AfterEach
    void tearDown() {
        clientPools.forEach(HikariDataSource::close);
        clientDbs.forEach(TestDatabase::close);
        server.close();
    }

    /** A new, empty SQLite client with foreign keys enforced. */
    Client client() {
        TestDatabase db = TestDatabases.sqlite(getClass().getSimpleName() + "_client" + clientDbs.size());
        clientDbs.add(db);
        // opened as every client is: pool, WAL, busy timeout, foreign keys (ADR 053)
        HikariDataSource ds = SqliteClients.url(db.jdbcUrl()).poolName("test-client").minimumIdle(0).open();
        clientPools.add(ds);
        return new Client(ds, JdbcSyncProvider.openClient(ds, serverProvider));
    }

    record Client(DataSource ds, JdbcSyncProvider provider) {}

    SyncResult sync(Client c, ConflictPolicy policy) {
        return SyncOrchestrator.between(c.provider(), serverProvider).conflicts(policy).run();
    }

    @Test
    void initialDownloadIntoAnEmptyClientThenEditsBothWays() throws SQLException {
        Client a = client();
        SyncResult first = sync(a, ConflictPolicy.SERVER_WINS);
        assertThat(first.download().sent()).isEqualTo(4);
        assertSameData(a);
        exec(a.ds(), "UPDATE customers SET email = 'ada@client.org' WHERE id = 1");
        exec(server.dataSource(), "UPDATE customers SET phone = '999' WHERE id = 1");
        exec(a.ds(), "INSERT INTO customers (id, name, email, phone) VALUES (3, 'Edsger', NULL, NULL)");
        exec(a.ds(), "INSERT INTO orders (id, customer_id, total) VALUES (12, 3, 1.25)");
        exec(server.dataSource(), "DELETE FROM orders WHERE id = 11");
        exec(server.dataSource(), "DELETE FROM customers WHERE id = 2");
        SyncResult second = sync(a, ConflictPolicy.SERVER_WINS);
        assertThat(second.totalConflicts()).isZero();
        assertSameData(a);
        assertThat(rows(server.dataSource(), "SELECT email, phone FROM customers WHERE id = 1")).containsExactly("ada@client.org|999");
        assertThat(rows(a.ds(), "SELECT id FROM customers ORDER BY id")).containsExactly("1", "3");
        SyncResult idle = sync(a, ConflictPolicy.SERVER_WINS);
        assertThat(idle.upload().sent()).isZero();
        assertThat(idle.download().sent()).isZero();
    }

    @Test
    void consecutiveUploadsEachCarryTheirEdits() throws SQLException {
        Client a = client();
        sync(a, ConflictPolicy.SERVER_WINS);
        for (int round = 1; round <= 3; round++) {
            exec(a.ds(), "UPDATE customers SET phone = 'round " + round + "' WHERE id = 1");
            SyncResult up = SyncOrchestrator.between(a.provider(), serverProvider).direction(SyncDirection.UPLOAD).run();
            assertThat(up.upload().applied()).as("round %d", round).isEqualTo(1);
            assertThat(rows(server.dataSource(), "SELECT phone FROM customers WHERE id = 1")).containsExactly("round " + round);
        }
        exec(server.dataSource(), "UPDATE customers SET phone = 'server' WHERE id = 2");
        for (int round = 1; round <= 2; round++) {
            SyncResult down = SyncOrchestrator.between(a.provider(), serverProvider).direction(SyncDirection.DOWNLOAD).run();
            assertThat(down.download().applied()).as("round %d", round).isEqualTo(1);
            exec(server.dataSource(), "UPDATE customers SET phone = 'server " + round + "' WHERE id = 2");
        }
        sync(a, ConflictPolicy.SERVER_WINS);
        assertSameData(a);
    }

    @Test
    void aColumnAddedOnTheServerReachesTheClientOnItsNextSync() throws SQLException {
        Client a = client();
        sync(a, ConflictPolicy.SERVER_WINS);
        exec(server.dataSource(), "ALTER TABLE customers ADD COLUMN city VARCHAR(40)");
        Provisioner.of(server.dataSource()).provision(SyncScope.named(SCOPE).tables("customers", "orders").build(), capture());
        exec(server.dataSource(), "UPDATE customers SET city = 'London' WHERE id = 1");
        serverProvider = JdbcSyncProvider.open(server.dataSource(), SCOPE);
        Client again = new Client(a.ds(), JdbcSyncProvider.openClient(a.ds(), serverProvider));
        SyncResult r = sync(again, ConflictPolicy.SERVER_WINS);
        assertThat(r.download().applied()).isEqualTo(1);
        assertThat(rows(a.ds(), "SELECT city FROM customers ORDER BY id")).containsExactly("London", "null");
        exec(a.ds(), "UPDATE customers SET city = 'Paris' WHERE id = 2");
        sync(again, ConflictPolicy.SERVER_WINS);
        assertThat(rows(server.dataSource(), "SELECT city FROM customers ORDER BY id")).containsExactly("London", "Paris");
    }

    @Test
    void parentAndChildInsertedAndDeletedTogether() throws SQLException {
        Client a = client();
        sync(a, ConflictPolicy.SERVER_WINS);
        exec(a.ds(), "INSERT INTO customers (id, name, email, phone) VALUES (50, 'Parent', NULL, NULL)");
        exec(a.ds(), "INSERT INTO orders (id, customer_id, total) VALUES (500, 50, 5.00)");
        sync(a, ConflictPolicy.SERVER_WINS);
        assertSameData(a);
        exec(a.ds(), "DELETE FROM orders WHERE id = 500");
        exec(a.ds(), "DELETE FROM customers WHERE id = 50");
        exec(server.dataSource(), "DELETE FROM orders WHERE id = 10");
        exec(server.dataSource(), "DELETE FROM customers WHERE id = 1");
        sync(a, ConflictPolicy.SERVER_WINS);
        assertSameData(a);
        assertThat(rows(server.dataSource(), "SELECT id FROM customers ORDER BY id")).containsExactly("2");
    }

    @Test
    void reinsertOfADeletedKeyTravels() throws SQLException {
        Client a = client();
        sync(a, ConflictPolicy.SERVER_WINS);
        exec(server.dataSource(), "DELETE FROM orders WHERE id = 10");
        sync(a, ConflictPolicy.SERVER_WINS);
        exec(server.dataSource(), "INSERT INTO orders (id, customer_id, total) VALUES (10, 2, 77.00)");
        sync(a, ConflictPolicy.SERVER_WINS);
        assertSameData(a);
        assertThat(rows(a.ds(), "SELECT customer_id FROM orders WHERE id = 10")).containsExactly("2");
    }

    @Test
    void sameColumnConflictPerPolicy() throws SQLException {
        for (String policy : List.of("server", "client", "merge", "defer")) {
            Client a = client();
            sync(a, ConflictPolicy.SERVER_WINS);
            exec(a.ds(), "UPDATE customers SET email = 'client-" + policy + "', name = 'Client " + policy + "' WHERE id = 2");
            exec(server.dataSource(), "UPDATE customers SET email = 'server-" + policy + "', phone = 'srv' WHERE id = 2");
            ConflictPolicy p = switch (policy) {
                case "server" -> ConflictPolicy.SERVER_WINS;
                case "client" -> ConflictPolicy.CLIENT_WINS;
                case "merge" -> ConflictPolicy.merge(ConflictPolicy.SERVER_WINS);
                default -> ConflictPolicy.defer();
            };
            SyncResult r = sync(a, p);
            // deferred on upload at the server, and again on download at the client
            assertThat(r.totalConflicts()).as(policy).isEqualTo(policy.equals("defer") ? 2 : 1);
            String expected = switch (policy) {
                case "client" -> "client-" + policy;
                case "defer" -> null;
                default -> "server-" + policy;
            };
            if (expected != null) {
                assertThat(rows(server.dataSource(), "SELECT email FROM customers WHERE id = 2")).as(policy).containsExactly(expected);
                assertSameData(a);
                assertThat(rows(a.ds(), "SELECT name, phone FROM customers WHERE id = 2")).as(policy)
                        .containsExactly("Client " + policy + "|srv");
            } else {
                assertThat(r.hasDeferredConflicts()).isTrue();
                assertThat(rows(server.dataSource(), "SELECT email FROM customers WHERE id = 2")).containsExactly("server-defer");
                assertThat(serverProvider.conflicts(true)).extracting(ConflictRecord::kind).contains(ConflictKind.UPDATE_UPDATE);
                SyncResult retry = sync(a, ConflictPolicy.CLIENT_WINS);
                assertThat(retry.upload().conflictCount()).isEqualTo(1);
                assertSameData(a);
                assertThat(serverProvider.conflicts(true)).isEmpty();
            }
        }
        assertThat(serverProvider.conflicts(false)).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void threeClientsConvergeThroughTheServerWithoutEcho() throws SQLException {
        Client a = client();
        Client b = client();
        Client c = client();
        for (Client x : List.of(a, b, c)) {
            sync(x, ConflictPolicy.SERVER_WINS);
        }
        exec(a.ds(), "UPDATE customers SET name = 'Ada Lovelace' WHERE id = 1");
        SyncResult up = sync(a, ConflictPolicy.SERVER_WINS);
        assertThat(up.upload().sent()).isEqualTo(1);
        assertThat(up.download().sent()).as("a change of A is never sent back to A").isZero();
        assertThat(sync(b, ConflictPolicy.SERVER_WINS).download().sent()).isEqualTo(1);
        assertThat(sync(c, ConflictPolicy.SERVER_WINS).download().sent()).isEqualTo(1);
        for (Client x : List.of(a, b, c)) {
            SyncResult idle = sync(x, ConflictPolicy.SERVER_WINS);
            assertThat(idle.upload().sent() + idle.download().sent()).isZero();
            assertSameData(x);
        }
    }

    @Test
    void aSyncInterruptedAfterSomeBatchesResumesAndResendsAtMostOneBatch() throws SQLException {
        try (Connection conn = server.connect(); Statement s = conn.createStatement()) {
            conn.setAutoCommit(false);
            for (int i = 100; i < 400; i++) {
                s.addBatch("INSERT INTO customers (id, name, email, phone) VALUES (" + i + ", 'c" + i + "', NULL, NULL)");
            }
            s.executeBatch();
            conn.commit();
        }
        Client a = client();
        FailingAfter failing = new FailingAfter(a.provider(), 3);
        assertThatThrownBy(() -> SyncOrchestrator.between(failing, serverProvider).direction(SyncDirection.DOWNLOAD)
                .batchSizeRows(50).run()).isInstanceOf(SyncException.class);
        int committed = rows(a.ds(), "SELECT id FROM customers").size() + rows(a.ds(), "SELECT id FROM orders").size();
        assertThat(committed).isEqualTo(150);
        SyncResult resumed = SyncOrchestrator.between(a.provider(), serverProvider).direction(SyncDirection.DOWNLOAD).batchSizeRows(50).run();
        assertThat(resumed.download().sent()).isEqualTo(304 - 150);
        assertSameData(a);
    }

    @Test
    void clientsEqualTheServerAfterConcurrentServerWriters() throws Exception {
        Client a = client();
        Client b = client();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger committed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            int seed = w;
            writers.add(pool.submit(() -> {
                Random r = new Random(seed);
                while (!stop.get()) {
                    try (Connection conn = server.connect()) {
                        conn.setAutoCommit(false);
                        try (Statement s = conn.createStatement()) {
                            int id = 1000 + seed * 100_000 + committed.incrementAndGet();
                            s.execute("INSERT INTO customers (id, name, email, phone) VALUES (" + id + ", 'w', NULL, NULL)");
                            s.execute("UPDATE customers SET phone = '" + r.nextInt(1000) + "' WHERE id = " + (r.nextBoolean() ? 1 : 2));
                            if (r.nextInt(3) == 0) {
                                Thread.sleep(r.nextInt(30)); // a longer transaction, overlapping others
                            }
                            if (r.nextInt(5) == 0) {
                                conn.rollback();
                            } else {
                                conn.commit();
                            }
                        }
                    } catch (SQLException e) {
                        // a serialization or deadlock failure just aborts that transaction
                    }
                }
                return null;
            }));
        }
        long until = System.currentTimeMillis() + Long.getLong("syncwright.concurrent.millis", 4000);
        int rounds = 0;
        // at least three rounds while the writers run, however slow the machine (each client syncs during their writes)
        while (rounds < 3 || System.currentTimeMillis() < until) {
            sync(rounds % 2 == 0 ? a : b, ConflictPolicy.SERVER_WINS);
            rounds++;
        }
        stop.set(true);
        for (Future<?> f : writers) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        sync(a, ConflictPolicy.SERVER_WINS);
        sync(b, ConflictPolicy.SERVER_WINS);
        assertSameData(a);
        assertSameData(b);
    }

    void assertSameData(Client c) throws SQLException {
        assertThat(rows(c.ds(), "SELECT id, name, email, phone FROM customers ORDER BY id"))
                .isEqualTo(rows(server.dataSource(), "SELECT id, name, email, phone FROM customers ORDER BY id"));
        assertThat(rows(c.ds(), "SELECT id, customer_id, total FROM orders ORDER BY id"))
                .isEqualTo(rows(server.dataSource(), "SELECT id, customer_id, total FROM orders ORDER BY id"));
    }

    static void exec(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String part : sql.split(";")) {
                if (!part.isBlank()) {
                    s.execute(part);
                }
            }
        }
    }

    static List<String> rows(DataSource ds, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    // numbers compare by value: SQLite keeps a decimal as the text it was given ("5.0")
                    String text = v instanceof java.math.BigDecimal d ? d.stripTrailingZeros().toPlainString()
                            : v instanceof Number num && !(v instanceof Double) ? String.valueOf(num.longValue())
                            : v instanceof String str && str.matches("-?\\d+\\.\\d+") ? new java.math.BigDecimal(str).stripTrailingZeros().toPlainString()
                            : String.valueOf(v);
                    sb.append(i > 1 ? "|" : "").append(text);
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    /** A destination that fails when asked to apply its n-th batch. */
    static final class FailingAfter extends ForwardingSyncProvider {
        private final int failAt;
        private int applied;

        FailingAfter(SyncProvider delegate, int failAt) {
            super(delegate);
            this.failAt = failAt;
        }

        @Override
        public ApplyPlan applyChanges(ChangeBatch batch, BatchApplier applier) {
            if (++applied > failAt) {
                throw new IllegalStateException("injected failure before batch " + applied);
            }
            return delegate.applyChanges(batch, applier);
        }
    }
}
