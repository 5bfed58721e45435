package dev.syncwright.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.SyncCancellation;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import dev.syncwright.tracking.Provisioner;
import dev.syncwright.tracking.SyncScope;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Sync over HTTP on real sockets (issue 13): a PostgreSQL server behind {@link SyncHttpServer}, SQLite
 * clients syncing through {@link HttpSyncProvider}. What the JDBC remote does, the HTTP remote does.
 */
class HttpSyncTest {
    static final String SCOPE = "shop";
    TestDatabase server;
    final List<TestDatabase> clients = new ArrayList<>();
    final List<SyncHttpServer> servers = new ArrayList<>();

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
        clients.forEach(TestDatabase::close);
        server.close();
    }

    SyncHttpServer serve(Authenticator auth) {
        SyncHttpServer s = SyncHttpServer.start(new InetSocketAddress("127.0.0.1", 0),
                new SyncHttpHandler(JdbcScopes.of(server.dataSource()), auth, 64 << 20, 8), 4);
        servers.add(s);
        return s;
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

    @Test
    void downloadEditsOnBothSidesMergeAndNoEchoOverHttp() throws SQLException {
        SyncHttpServer s = serve(Authenticator.none());
        DataSource a = client();
        DataSource b = client();
        SyncResult first = sync(a, remote(s, null));
        assertThat(first.download().applied()).isEqualTo(2000);
        assertThat(first.download().batches()).as("in batches of 500, streamed").isGreaterThanOrEqualTo(4);
        sync(b, remote(s, null));
        exec(a, "UPDATE items SET name = 'renamed on a' WHERE id = 1", "DELETE FROM items WHERE id = 2",
                "INSERT INTO items VALUES (3001, 'new on a', 1)");
        exec(b, "UPDATE items SET qty = 99 WHERE id = 1");
        exec(server.dataSource(), "UPDATE items SET qty = 7 WHERE id = 5");
        SyncResult ra = sync(a, remote(s, null));
        assertThat(ra.upload().applied()).isEqualTo(3);
        assertThat(ra.download().applied()).isEqualTo(1);
        sync(b, remote(s, null));
        sync(a, remote(s, null));
        List<String> expected = rows(server.dataSource());
        assertThat(rows(a)).isEqualTo(expected);
        assertThat(rows(b)).isEqualTo(expected);
        assertThat(expected).contains("1|renamed on a|99", "3001|new on a|1", "5|item 5|7").doesNotContain("2|item 2|2");
        for (int i = 0; i < 2; i++) { // nothing comes back, nothing goes twice
            SyncResult idle = sync(a, remote(s, null));
            assertThat(idle.upload().sent() + idle.download().sent()).isZero();
        }
    }

    @Test
    void aSyncCutShortOnOneInstanceResumesOnAnother() throws SQLException {
        SyncHttpServer one = serve(Authenticator.none());
        SyncHttpServer two = serve(Authenticator.none());
        DataSource a = client();
        SyncCancellation stop = new SyncCancellation();
        SyncResult cut = SyncOrchestrator.between(JdbcSyncProvider.open(a, SCOPE), remote(one, null)).batchSizeRows(500).cancellation(stop)
                .onProgress(p -> {
                    if (p.batches() == 2) {
                        stop.cancel();
                    }
                }).run();
        assertThat(cut.cancelled()).isTrue();
        assertThat(count(a)).isEqualTo(1000);
        SyncResult rest = sync(a, remote(two, null));
        assertThat(rest.download().applied()).as("the rest only, from the other instance").isEqualTo(1000);
        assertThat(rows(a)).isEqualTo(rows(server.dataSource()));
    }

    @Test
    void tokensAreRequiredAndBoundToScopes() throws Exception {
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, "# token name scopes\nshop-token-0123456789 alice shop\nother-token-0123456789 bob other\n");
        SyncHttpServer s = serve(BearerTokens.fromFile(tokens));
        DataSource a = client();
        assertThatThrownBy(() -> sync(a, remote(s, null))).isInstanceOf(SyncException.class).hasMessageContaining("401");
        assertThatThrownBy(() -> sync(a, remote(s, "wrong-token-0123456789"))).hasMessageContaining("401");
        assertThatThrownBy(() -> sync(a, remote(s, "other-token-0123456789"))).hasMessageContaining("403").hasMessageContaining("bob");
        assertThat(count(a)).isZero();
        sync(a, remote(s, "shop-token-0123456789"));
        assertThat(count(a)).isEqualTo(2000);
    }

    @Test
    void badRequestsGetA4xxAndAClearMessage() throws Exception {
        SyncHttpServer s = serve(Authenticator.none());
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + s.port() + "/syncwright/v1/";
        HttpResponse<String> garbage = http.send(HttpRequest.newBuilder(URI.create(base + SCOPE + "/apply")).header("Syncwright-Protocol", "1")
                .POST(HttpRequest.BodyPublishers.ofString("not a batch")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("\"code\":\"BAD_REQUEST\"");
        HttpResponse<String> version = http.send(HttpRequest.newBuilder(URI.create(base + SCOPE + "/state")).header("Syncwright-Protocol", "7")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(version.statusCode()).isEqualTo(400);
        assertThat(version.body()).contains("protocol 1").contains("version 7");
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(base + "nope/state")).header("Syncwright-Protocol", "1")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("UNKNOWN_SCOPE").contains("nope");
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/syncwright/health")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(rows(server.dataSource())).hasSize(2000);
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
