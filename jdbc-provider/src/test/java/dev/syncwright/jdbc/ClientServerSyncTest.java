package dev.syncwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.core.ConflictKind;
import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A SQLite client and a PostgreSQL server, tables created on both, provisioned, synced both ways. */
class ClientServerSyncTest {
    TestDatabase server;
    TestDatabase client;
    JdbcSyncProvider serverProvider;
    JdbcSyncProvider clientProvider;

    static final String DDL = """
            CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL, email TEXT, phone TEXT);
            CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL REFERENCES customers(id), total NUMERIC(12,2));
            """;

    @BeforeEach
    void setUp() throws SQLException {
        server = TestDatabases.postgres("client_server_sync");
        client = TestDatabases.sqlite("client_server_sync");
        exec(server, DDL);
        exec(server, "INSERT INTO customers VALUES (1, 'Ada', 'ada@example.org', '111'), (2, 'Grace', NULL, '222')");
        exec(server, "INSERT INTO orders VALUES (10, 1, 12.50), (11, 2, 99.99)");
        SyncScope scope = SyncScope.named("sales").tables("customers", "orders").build();
        Provisioner.of(server.dataSource()).provision(scope);
        serverProvider = JdbcSyncProvider.open(server.dataSource(), "sales");
        clientProvider = JdbcSyncProvider.openClient(client.dataSource(), serverProvider);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.close();
    }

    SyncResult sync(ConflictPolicy p) {
        return SyncOrchestrator.between(clientProvider, serverProvider).conflicts(p).run();
    }

    @Test
    void initialDownloadThenBothWaysWithColumnMergeAndNoEcho() throws SQLException {
        SyncResult first = sync(ConflictPolicy.SERVER_WINS);
        assertThat(first.download().sent()).isEqualTo(4);
        assertThat(rows(client, "SELECT id, name, email, phone FROM customers ORDER BY id")).isEqualTo(rows(server, "SELECT id, name, email, phone FROM customers ORDER BY id"));
        assertThat(rows(client, "SELECT id, customer_id, total FROM orders ORDER BY id")).containsExactly("10|1|12.50", "11|2|99.99");

        exec(client, "UPDATE customers SET email = 'ada@client.org' WHERE id = 1");
        exec(server, "UPDATE customers SET phone = '999' WHERE id = 1");
        exec(client, "INSERT INTO customers VALUES (3, 'Edsger', NULL, NULL)");
        exec(server, "DELETE FROM orders WHERE id = 11");
        SyncResult second = sync(ConflictPolicy.SERVER_WINS);
        assertThat(second.totalConflicts()).isZero();
        assertThat(rows(server, "SELECT id, name, email, phone FROM customers ORDER BY id"))
                .containsExactly("1|Ada|ada@client.org|999", "2|Grace|null|222", "3|Edsger|null|null");
        assertThat(rows(client, "SELECT id, name, email, phone FROM customers ORDER BY id"))
                .isEqualTo(rows(server, "SELECT id, name, email, phone FROM customers ORDER BY id"));
        assertThat(rows(client, "SELECT id FROM orders ORDER BY id")).containsExactly("10");

        SyncResult idle = sync(ConflictPolicy.SERVER_WINS);
        assertThat(idle.upload().sent()).isZero();
        assertThat(idle.download().sent()).isZero();
    }

    @Test
    void sameColumnConflictIsResolvedAndLogged() throws SQLException {
        sync(ConflictPolicy.SERVER_WINS);
        exec(client, "UPDATE customers SET email = 'client' WHERE id = 2");
        exec(server, "UPDATE customers SET email = 'server' WHERE id = 2");
        SyncResult r = sync(ConflictPolicy.SERVER_WINS);
        assertThat(r.totalConflicts()).isEqualTo(1);
        assertThat(rows(client, "SELECT email FROM customers WHERE id = 2")).containsExactly("server");
        assertThat(rows(server, "SELECT email FROM customers WHERE id = 2")).containsExactly("server");
        List<ConflictRecord> log = serverProvider.conflicts(false);
        assertThat(log).hasSize(1);
        assertThat(log.get(0).kind()).isEqualTo(ConflictKind.UPDATE_UPDATE);
        assertThat(log.get(0).table()).contains("customers");
        assertThat(log.get(0).keyJson()).isEqualTo("[2]");
    }

    static void exec(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String part : sql.split(";")) {
                if (!part.isBlank()) {
                    s.execute(part);
                }
            }
        }
    }

    static List<String> rows(TestDatabase db, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    sb.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(sb.toString());
            }
        }
        return out;
    }
}
