package dev.syncwright.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.jdbc.ServerScope;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import dev.syncwright.tracking.Provisioner;
import dev.syncwright.tracking.SyncScope;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteDataSource;

/** A new client creates its tables from the server's description of the scope, received over HTTP (issue 13). */
class DefinitionOverHttpTest extends HttpFixture {

    @Test
    void aClientSetUpOverHttpHasTheTablesAJdbcClientGets() throws Exception {
        exec(server.dataSource(), "CREATE TABLE kinds (id BIGINT PRIMARY KEY, name VARCHAR(40) NOT NULL DEFAULT 'x', "
                        + "price NUMERIC(10,2) CHECK (price >= 0), tiny SMALLINT, at TIMESTAMPTZ(3), flag BOOLEAN DEFAULT true, data BYTEA, "
                        + "u UUID, born DATE, parent BIGINT REFERENCES kinds(id) ON DELETE CASCADE)",
                "INSERT INTO kinds VALUES (1, 'one', 9.99, 7, '2026-12-05 10:00:00.123+00', false, '\\x00ff', "
                        + "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '2000-02-29', NULL)");
        Provisioner.of(server.dataSource()).provision(SyncScope.named("kinds").tables("kinds").build());
        SyncHttpServer s = serve(Authenticator.none());
        DataSource overJdbc = sqlite("def_jdbc");
        DataSource overHttp = sqlite("def_http");
        JdbcSyncProvider.openClient(overJdbc, JdbcSyncProvider.open(server.dataSource(), "kinds"));
        HttpSyncProvider remote = HttpSyncProvider.connect(URI.create("http://127.0.0.1:" + s.port()), "kinds", null, Duration.ofSeconds(20));
        ServerScope described = remote.describeScope();
        assertThat(described.definition()).isEqualTo(JdbcSyncProvider.open(server.dataSource(), "kinds").definition());
        JdbcSyncProvider.openClient(overHttp, described);
        assertThat(schema(overHttp)).isEqualTo(schema(overJdbc)).isNotEmpty();
        SyncOrchestrator.between(JdbcSyncProvider.open(overHttp, "kinds"), remote).run();

        try (Connection c = overHttp.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT name, price, hex(data), u FROM kinds")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3)).isEqualTo("one|9.99|00FF");
        }
        assertThatThrownBy(() -> HttpSyncProvider.connect(URI.create("http://127.0.0.1:" + s.port()), "nope", null,
                Duration.ofSeconds(20)).describeScope()).hasMessageContaining("404").hasMessageContaining("nope");
    }

    private DataSource sqlite(String name) {
        TestDatabase db = TestDatabases.sqlite(name);
        clients.add(db);
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl(db.jdbcUrl());
        return ds;
    }

    /** The client's own tables as SQLite stores their DDL. */
    private static List<String> schema(DataSource ds) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT sql FROM sqlite_master WHERE tbl_name = 'kinds' ORDER BY name")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
