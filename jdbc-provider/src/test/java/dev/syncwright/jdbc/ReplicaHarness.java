package dev.syncwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import dev.syncwright.tracking.Provisioner;
import dev.syncwright.tracking.SyncScope;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A server database of each kind with SQLite clients created from its scope: the set-up, syncing
 * and the row-by-row comparison shared by the contract tests written once per server database.
 */
abstract class ReplicaHarness {
    static final String SCOPE = "field";
    TestDatabase server;
    /** The server's data source, as an application would open it. */
    DataSource sds;
    JdbcSyncProvider serverProvider;
    final List<TestDatabase> clientDbs = new ArrayList<>();
    final List<HikariDataSource> clientPools = new ArrayList<>();

    abstract TestDatabase createServer(String hint);

    @BeforeEach
    void setUp() {
        server = createServer(getClass().getSimpleName());
        sds = serverDataSource(server);
    }

    DataSource serverDataSource(TestDatabase db) {
        return db.dataSource();
    }

    @AfterEach
    void tearDown() {
        clientPools.forEach(HikariDataSource::close);
        clientDbs.forEach(TestDatabase::close);
        server.close();
    }

    /** A client opened again, as an application's next start would: it adopts what the server's scope became. */
    Client reopen(Client c) {
        return new Client(c.ds(), JdbcSyncProvider.openClient(c.ds(), serverProvider));
    }

    static List<String> columns(DataSource ds, String table) throws SQLException {
        return rows(ds, "SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid");
    }

    /** The name the server's conflict log gives a table (qualified where the database has schemas). */
    String tableName(String table) {
        return serverProvider.definition().tables().stream().filter(t -> t.name().name().equals(table)).findFirst()
                .orElseThrow().name().toString();
    }

    /** How the server's scope captures its changes ({@code --capture}): null for triggers, the default. */
    String capture() {
        return null;
    }

    void provision(String... tables) {
        Provisioner.of(sds).provision(SyncScope.named(SCOPE).tables(tables).build(), capture());
        serverProvider = JdbcSyncProvider.open(sds, SCOPE);
    }

    record Client(DataSource ds, JdbcSyncProvider provider) {}

    /** A new, empty SQLite client with foreign keys enforced, its tables created from the server's scope. */
    Client client() {
        TestDatabase db = TestDatabases.sqlite(getClass().getSimpleName() + "_c" + clientDbs.size());
        clientDbs.add(db);
        // opened as every client is: pool, WAL, busy timeout, foreign keys (ADR 053)
        HikariDataSource ds = SqliteClients.url(db.jdbcUrl()).poolName("test-client").minimumIdle(0).open();
        clientPools.add(ds);
        return new Client(ds, JdbcSyncProvider.openClient(ds, serverProvider));
    }

    /** A SQLite client whose tables the application created itself, before its first sync. */
    Client existingClient(String... ddl) throws SQLException {
        TestDatabase db = TestDatabases.sqlite(getClass().getSimpleName() + "_e" + clientDbs.size());
        clientDbs.add(db);
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.enforceForeignKeys(true);
        SQLiteDataSource ds = new SQLiteDataSource(cfg);
        ds.setUrl(db.jdbcUrl());
        exec(ds, ddl);
        return new Client(ds, JdbcSyncProvider.openClient(ds, serverProvider));
    }

    SyncResult sync(Client c) {
        return SyncOrchestrator.between(c.provider(), serverProvider).conflicts(ConflictPolicy.SERVER_WINS).run();
    }

    /**
     * Every client holds exactly the server's rows (compared through the codecs, value by value),
     * and two more syncs of each send nothing: no ping-pong.
     */
    void assertConverged(Client... clients) {
        for (Client c : clients) {
            sync(c);
        }
        for (Client c : clients) {
            assertThat(c.provider().snapshot()).as("client rows").isEqualTo(serverProvider.snapshot());
        }
        for (int round = 1; round <= 2; round++) {
            for (Client c : clients) {
                SyncResult idle = sync(c);
                assertThat(idle.upload().sent()).as("idle upload %d", round).isZero();
                assertThat(idle.download().sent()).as("idle download %d", round).isZero();
            }
        }
    }

    static void exec(DataSource ds, String... sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String x : sql) {
                s.execute(x);
            }
        }
    }

    static List<String> rows(DataSource ds, String sql) throws SQLException {
        return ProviderContract.rows(ds, sql);
    }
}
