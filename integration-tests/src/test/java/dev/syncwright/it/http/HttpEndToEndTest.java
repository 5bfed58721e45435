package dev.syncwright.it.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.http.BearerTokens;
import dev.syncwright.http.HttpSyncProvider;
import dev.syncwright.http.JdbcScopes;
import dev.syncwright.http.SyncHttpHandler;
import dev.syncwright.http.SyncHttpServer;
import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.jdbc.SqliteClients;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import dev.syncwright.tracking.Provisioner;
import dev.syncwright.tracking.SyncScope;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the JDBC-remote end-to-end tests check, over HTTP (issue 13), against PostgreSQL and
 * MariaDB servers: clients set up over HTTP, initial download, column merge, conflicts per policy,
 * deletes both ways, three clients converging with no echo, and server writers running during syncs.
 */
class HttpEndToEndTest {
    static final String SCOPE = "sales";
    TestDatabase server;
    SyncHttpServer http;
    final List<TestDatabase> clientDbs = new ArrayList<>();
    final List<HikariDataSource> pools = new ArrayList<>();

    /** A device, with a token of its own: each syncs as its own principal, bound to its replica (ADR 064). */
    record Client(DataSource ds, JdbcSyncProvider provider, String token) {}

    /** Tokens of the devices a test creates (device-0 ... device-9), one principal each. */
    private static final int DEVICES = 10;

    void start(String kind) throws SQLException {
        server = kind.equals("mariadb") ? TestDatabases.mariadb("http_e2e") : TestDatabases.postgres("http_e2e");
        exec(server.dataSource(), "CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(100), "
                + "phone VARCHAR(20))");
        exec(server.dataSource(), "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL REFERENCES customers(id) "
                + "ON DELETE CASCADE, total DECIMAL(10,2))");
        exec(server.dataSource(), "INSERT INTO customers VALUES (1, 'Ada', 'ada@example.org', '111'), (2, 'Grace', NULL, '222')");
        exec(server.dataSource(), "INSERT INTO orders VALUES (10, 1, 12.50), (11, 2, 99.99)");
        Provisioner.of(server.dataSource()).provision(SyncScope.named(SCOPE).tables("customers", "orders").build());
        StringBuilder tokens = new StringBuilder();
        for (int i = 0; i < DEVICES; i++) {
            tokens.append(token(i)).append(" device-").append(i).append(' ').append(SCOPE).append('\n');
        }
        Path file;
        try {
            file = Files.createTempFile("e2e-tokens", ".txt");
            Files.writeString(file, tokens);
            file.toFile().deleteOnExit();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        http = SyncHttpServer.start(new InetSocketAddress("127.0.0.1", 0),
                new SyncHttpHandler(JdbcScopes.of(pooled(server)), BearerTokens.fromFile(file), 64 << 20, 8), 8);
    }

    @BeforeEach
    void none() {
        server = null;
    }

    @AfterEach
    void tearDown() {
        if (http != null) {
            http.close();
        }
        pools.forEach(HikariDataSource::close);
        clientDbs.forEach(TestDatabase::close);
        if (server != null) {
            server.close();
        }
    }

    /** The server's pool, as a deployment has one (a connection per request would measure connecting). */
    HikariDataSource pooled(TestDatabase db) {
        com.zaxxer.hikari.HikariConfig hc = new com.zaxxer.hikari.HikariConfig();
        hc.setDataSource(db.dataSource());
        hc.setMaximumPoolSize(10);
        hc.setPoolName("e2e-server");
        HikariDataSource ds = new HikariDataSource(hc);
        pools.add(ds);
        return ds;
    }

    private static String token(int device) {
        return "device-token-0123456789-" + device;
    }

    HttpSyncProvider remote(String token) {
        return HttpSyncProvider.connect(URI.create("http://127.0.0.1:" + http.port()), SCOPE, () -> token, Duration.ofSeconds(30));
    }

    /** A new, empty device, its tables created from the server's description received over HTTP. */
    Client client() {
        String token = token(clientDbs.size());
        TestDatabase db = TestDatabases.sqlite("http_e2e_c" + clientDbs.size());
        clientDbs.add(db);
        HikariDataSource ds = SqliteClients.url(db.jdbcUrl()).poolName("e2e-client").minimumIdle(0).open();
        pools.add(ds);
        return new Client(ds, JdbcSyncProvider.openClient(ds, remote(token).describeScope()), token);
    }

    SyncResult sync(Client c, ConflictPolicy policy) {
        return SyncOrchestrator.between(c.provider(), remote(c.token())).conflicts(policy).run();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void downloadMergeConflictsDeletesThreeClientsAndNoEcho(String kind) throws Exception {
        start(kind);
        Client a = client();
        Client b = client();
        Client c = client();
        for (Client x : List.of(a, b, c)) {
            assertThat(sync(x, ConflictPolicy.SERVER_WINS).download().applied()).isEqualTo(4);
        }
        // column merge: different columns of one row on two clients and the server
        exec(a.ds(), "UPDATE customers SET email = 'ada@a' WHERE id = 1");
        exec(b.ds(), "UPDATE customers SET phone = '999' WHERE id = 1");
        exec(server.dataSource(), "UPDATE customers SET name = 'Ada L.' WHERE id = 1");
        sync(a, ConflictPolicy.merge(ConflictPolicy.SERVER_WINS));
        sync(b, ConflictPolicy.merge(ConflictPolicy.SERVER_WINS));
        converge(a, b, c);
        assertThat(rows(c.ds(), "SELECT name, email, phone FROM customers WHERE id = 1")).containsExactly("Ada L.|ada@a|999");

        // the same column on a client and the server: each policy decides, over HTTP as over JDBC
        exec(a.ds(), "UPDATE customers SET phone = 'client' WHERE id = 2");
        exec(server.dataSource(), "UPDATE customers SET phone = 'server' WHERE id = 2");
        SyncResult sw = sync(a, ConflictPolicy.SERVER_WINS);
        assertThat(sw.upload().conflicts()).isNotEmpty();
        assertThat(rows(a.ds(), "SELECT phone FROM customers WHERE id = 2")).containsExactly("server");
        exec(a.ds(), "UPDATE customers SET phone = 'client again' WHERE id = 2");
        exec(server.dataSource(), "UPDATE customers SET phone = 'server again' WHERE id = 2");
        sync(a, ConflictPolicy.CLIENT_WINS);
        assertThat(rows(server.dataSource(), "SELECT phone FROM customers WHERE id = 2")).containsExactly("client again");
        exec(a.ds(), "UPDATE customers SET phone = 'deferred' WHERE id = 2");
        exec(server.dataSource(), "UPDATE customers SET phone = 'kept' WHERE id = 2");
        assertThat(sync(a, ConflictPolicy.defer()).hasDeferredConflicts()).isTrue();
        assertThat(rows(server.dataSource(), "SELECT phone FROM customers WHERE id = 2")).containsExactly("kept");
        sync(a, ConflictPolicy.SERVER_WINS);

        // deletes both ways, a cascade included
        exec(a.ds(), "DELETE FROM orders WHERE id = 11");
        exec(server.dataSource(), "DELETE FROM customers WHERE id = 1");
        exec(b.ds(), "INSERT INTO customers VALUES (3, 'Hedy', NULL, NULL)");
        exec(b.ds(), "INSERT INTO orders VALUES (12, 3, 5.00)");
        converge(a, b, c);
        assertThat(rows(c.ds(), "SELECT id FROM orders ORDER BY id")).containsExactly("12");
        assertThat(rows(c.ds(), "SELECT id FROM customers ORDER BY id")).containsExactly("2", "3");

        // a device's replica syncs as that device alone (ADR 064): another device's token may not write as it
        exec(a.ds(), "UPDATE customers SET phone = 'not by b' WHERE id = 2");
        assertThatThrownBy(() -> SyncOrchestrator.between(a.provider(), remote(b.token())).run()).hasMessageContaining("403");
        assertThat(rows(server.dataSource(), "SELECT phone FROM customers WHERE id = 2")).doesNotContain("not by b");
        converge(a, b, c);
        assertThat(rows(b.ds(), "SELECT phone FROM customers WHERE id = 2")).containsExactly("not by b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void clientsEqualTheServerAfterWritersRanDuringTheirSyncs(String kind) throws Exception {
        start(kind);
        Client a = client();
        Client b = client();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(2);
        List<Future<Integer>> done = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int base = 1000 + w * 100_000;
            done.add(writers.submit(() -> {
                int n = 0;
                while (!stop.get() && n < 400) {
                    exec(server.dataSource(), "INSERT INTO customers VALUES (" + (base + n) + ", 'writer " + n + "', NULL, NULL)");
                    if (n % 3 == 0) {
                        exec(server.dataSource(), "UPDATE customers SET phone = '" + n + "' WHERE id = " + (base + n / 2));
                    }
                    n++;
                }
                return n;
            }));
        }
        try {
            for (int i = 0; i < 8; i++) {
                exec(a.ds(), "INSERT INTO customers VALUES (" + (500 + i) + ", 'from a', NULL, NULL)");
                sync(a, ConflictPolicy.SERVER_WINS);
                sync(b, ConflictPolicy.SERVER_WINS);
            }
        } finally {
            stop.set(true);
            for (Future<Integer> f : done) {
                f.get();
            }
            writers.shutdown();
        }
        converge(a, b);
    }

    /** Every client syncs until it holds the server's rows, and then two more syncs of each send nothing. */
    void converge(Client... clients) throws SQLException {
        for (int round = 0; round < 2; round++) {
            for (Client c : clients) {
                sync(c, ConflictPolicy.SERVER_WINS);
            }
        }
        for (Client c : clients) {
            assertThat(rows(c.ds(), "SELECT id, name, email, phone FROM customers ORDER BY id"))
                    .isEqualTo(rows(server.dataSource(), "SELECT id, name, email, phone FROM customers ORDER BY id"));
            assertThat(rows(c.ds(), "SELECT id, customer_id, total FROM orders ORDER BY id"))
                    .isEqualTo(rows(server.dataSource(), "SELECT id, customer_id, total FROM orders ORDER BY id"));
        }
        for (Client c : clients) {
            SyncResult idle = sync(c, ConflictPolicy.SERVER_WINS);
            assertThat(idle.upload().sent() + idle.download().sent()).as("no echo").isZero();
        }
    }

    static void exec(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Rows as "a|b|c" strings; the total without trailing zeros, so that 12.5 and 12.50 are one value. */
    static List<String> rows(DataSource ds, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    java.math.BigDecimal d = rs.getMetaData().getColumnLabel(i).equalsIgnoreCase("total") ? rs.getBigDecimal(i) : null;
                    String text = d != null ? d.stripTrailingZeros().toPlainString() : rs.getString(i);
                    b.append(i > 1 ? "|" : "").append(text);
                }
                out.add(b.toString());
            }
        }
        return out;
    }
}
