package dev.syncwright.http;


import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import dev.syncwright.tracking.Provisioner;
import dev.syncwright.tracking.SyncScope;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** A PostgreSQL server database with 2,000 items in scope {@value #SCOPE}, served over real sockets; SQLite clients. */
abstract class HttpFixture {
    static final String SCOPE = "shop";
    TestDatabase server;
    final List<TestDatabase> clients = new ArrayList<>();
    final List<SyncHttpServer> servers = new ArrayList<>();
    private com.zaxxer.hikari.HikariDataSource pool;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() throws SQLException {
        server = TestDatabases.postgres("http_sync");
        exec(server.dataSource(), "CREATE TABLE items (id BIGINT PRIMARY KEY, name VARCHAR(40), qty INTEGER)");
        StringBuilder insert = new StringBuilder("INSERT INTO items VALUES ");
        for (int i = 1; i <= 2000; i++) {
            insert.append(i > 1 ? ", " : "").append("(").append(i).append(", 'item ").append(i).append("', ").append(i).append(")");
        }
        exec(server.dataSource(), insert.toString());
        Provisioner.of(server.dataSource()).provision(SyncScope.named(SCOPE).tables("items").build());
    }

    @AfterEach
    void tearDown() {
        servers.forEach(SyncHttpServer::close);
        if (pool != null) {
            pool.close();
        }
        clients.forEach(TestDatabase::close);
        server.close();
    }

    SyncHttpServer serve(Authenticator auth) {
        return serve(auth, ds -> ds);
    }

    /** A server whose database is reached through {@code wrap} of the pool (e.g. to count its statements). */
    SyncHttpServer serve(Authenticator auth, java.util.function.UnaryOperator<DataSource> wrap) {
        return serve(auth, wrap, false);
    }

    SyncHttpServer serve(Authenticator auth, java.util.function.UnaryOperator<DataSource> wrap, boolean relays) {
        return serve(new SyncHttpHandler(JdbcScopes.of(wrap.apply(pool())), auth, 64 << 20, 8, relays));
    }

    SyncHttpServer serve(SyncHttpHandler handler) {
        SyncHttpServer s = SyncHttpServer.start(new InetSocketAddress("127.0.0.1", 0), handler, 4);
        servers.add(s);
        return s;
    }

    /** The server database's pool, made on first use. */
    DataSource pool() {
        if (pool == null) {
            // pooled, as a deployment is: a connection per request would measure connecting
            com.zaxxer.hikari.HikariConfig hc = new com.zaxxer.hikari.HikariConfig();
            hc.setDataSource(server.dataSource());
            hc.setMaximumPoolSize(8);
            hc.setPoolName("http-fixture");
            pool = new com.zaxxer.hikari.HikariDataSource(hc);
        }
        return pool;
    }

    HttpSyncProvider remote(SyncHttpServer s, String token) {
        return HttpSyncProvider.connect(URI.create("http://127.0.0.1:" + s.port()), SCOPE, token == null ? null : () -> token,
                Duration.ofSeconds(20));
    }

    /** A new client's tables come from the server's definition (bootstrap over JDBC until the definition endpoint lands). */
    DataSource client() {
        TestDatabase db = TestDatabases.sqlite("http_client" + clients.size());
        clients.add(db);
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.enforceForeignKeys(true);
        cfg.setBusyTimeout(10_000);
        SQLiteDataSource ds = new SQLiteDataSource(cfg);
        ds.setUrl(db.jdbcUrl());
        JdbcSyncProvider.openClient(ds, JdbcSyncProvider.open(server.dataSource(), SCOPE));
        return ds;
    }

    SyncResult sync(DataSource client, HttpSyncProvider remote) {
        return SyncOrchestrator.between(JdbcSyncProvider.open(client, SCOPE), remote).conflicts(ConflictPolicy.merge(ConflictPolicy.SERVER_WINS))
                .batchSizeRows(500).run();
    }

    static void exec(DataSource ds, String... sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String x : sql) {
                st.execute(x);
            }
        }
    }

    static long count(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM items")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<String> rows(DataSource ds) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, name, qty FROM items ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getObject(3));
            }
        }
        return out;
    }
}
