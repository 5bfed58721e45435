package dev.syncwright.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.SyncResult;
import dev.syncwright.jdbc.JdbcSyncProvider;
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
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The auto-configuration against a real PostgreSQL server (test-support) and SQLite files. A table
 * belongs to one scope, so every test gets its own PostgreSQL database.
 */
class SyncwrightAutoConfigurationTest {
    TestDatabase pg;
    final List<TestDatabase> sqliteFiles = new ArrayList<>();

    @BeforeEach
    void create() throws SQLException {
        pg = TestDatabases.postgres("spring_autoconf");
        exec(pg.dataSource(), "CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, qty integer)",
                "INSERT INTO items VALUES (1, 'apple', 3), (2, 'pear', 5)");
    }

    @AfterEach
    void drop() {
        sqliteFiles.forEach(TestDatabase::close);
        pg.close();
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SyncwrightAutoConfiguration.class));

    private ApplicationContextRunner server(String... properties) {
        return runner.withBean(DataSource.class, pg::dataSource).withPropertyValues(properties);
    }

    // ---------------------------------------------------------------- validation

    @Test
    void scopeIsRequired() {
        assertStartFails(server(), "syncwright.scope is required");
    }

    @Test
    void provisionOnStartNeedsTables() {
        assertStartFails(server("syncwright.scope=sales", "syncwright.provision-on-start=true"),
                "syncwright.tables must list at least one table");
    }

    @Test
    void batchSizeRowsAtLeastOne() {
        assertStartFails(server("syncwright.scope=sales", "syncwright.batch-size-rows=0"),
                "syncwright.batch-size-rows must be at least 1");
    }

    @Test
    void unknownConflictPolicyNamesTheProperty() {
        assertStartFails(server("syncwright.scope=sales", "syncwright.conflict-policy=newest-wins"),
                "syncwright.conflict-policy");
    }

    @Test
    void clientRoleNeedsRemoteUrl() {
        assertStartFails(runner.withBean(DataSource.class, () -> sqlite("noremote"))
                        .withPropertyValues("syncwright.scope=sales", "syncwright.role=client"),
                "syncwright.remote.url is required when syncwright.role=client");
    }

    @Test
    void urlsAreCheckedAndNeverEchoed() {
        assertStartFails(server("syncwright.scope=sales", "syncwright.client.url=postgres://u:secret@host/db"),
                "syncwright.client.url must be a JDBC URL");
        server("syncwright.scope=sales", "syncwright.client.url=postgres://u:secret@host/db")
                .run(ctx -> assertThat(messages(ctx.getStartupFailure())).doesNotContain("secret"));
    }

    @Test
    void remoteUrlOnlyInClientRole() {
        assertStartFails(server("syncwright.scope=sales", "syncwright.remote.url=jdbc:postgresql://h/db"),
                "syncwright.remote.url is only used when syncwright.role=client");
    }

    @Test
    void unprovisionedScopeWithoutProvisionOnStartSaysWhatToDo() {
        assertStartFails(server("syncwright.scope=never_provisioned"), "Scope 'never_provisioned' is not provisioned");
    }

    // ---------------------------------------------------------------- beans by role

    @Test
    void disabledOrWithoutDataSourceCreatesNothing() {
        server("syncwright.enabled=false").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx).doesNotHaveBean(SyncService.class).doesNotHaveBean(JdbcSyncProvider.class);
        });
        runner.withPropertyValues("syncwright.scope=sales").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx).doesNotHaveBean(SyncService.class);
        });
    }

    @Test
    void serverRoleProvisionsOnStartAndSyncsClientsGivenInCode() {
        server("syncwright.scope=srv", "syncwright.tables=items", "syncwright.provision-on-start=true",
                "syncwright.conflict-policy=merge", "syncwright.batch-size-rows=1").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx).hasSingleBean(SyncService.class).hasSingleBean(SyncScope.class)
                    .doesNotHaveBean(PeerDataSource.class)
                    .doesNotHaveBean("syncwrightRemoteProvider").doesNotHaveBean("syncwrightClientProvider");
            assertThat(ctx.getBean(SyncScope.class).tableNames()).containsExactly("items");
            assertThat(Provisioner.of(pg.dataSource()).definition("srv")).isPresent();

            SyncService service = ctx.getBean(SyncService.class);
            assertThat(service.role()).isEqualTo(SyncwrightProperties.Role.SERVER);
            assertThat(ctx.getBean(JdbcSyncProvider.class)).isSameAs(service.provider());
            assertThatThrownBy(service::sync).isInstanceOf(IllegalStateException.class).hasMessageContaining("syncwright.client.url");

            DataSource clientDs = sqlite("srvclient");
            JdbcSyncProvider client = JdbcSyncProvider.openClient(clientDs, service.provider());
            SyncResult first = service.sync(client);
            assertThat(first.download().applied()).isEqualTo(2);
            assertThat(first.download().batches()).isGreaterThanOrEqualTo(2); // batch-size-rows=1
            exec(clientDs, "UPDATE items SET qty = 4 WHERE id = 1");
            exec(pg.dataSource(), "UPDATE items SET name = 'green apple' WHERE id = 1");
            SyncResult second = service.sync(client);
            assertThat(second.upload().applied()).isEqualTo(1); // different columns: both edits survive
            assertThat(rows(clientDs)).isEqualTo(rows(pg.dataSource())).contains("1|green apple|4");
        });
    }

    @Test
    void serverRoleKeepsAConfiguredClientReplica() {
        String url = sqliteUrl("replica");
        server("syncwright.scope=withclient", "syncwright.tables=items", "syncwright.provision-on-start=true",
                "syncwright.client.url=" + url).run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx).hasBean("syncwrightClientProvider").hasSingleBean(PeerDataSource.class)
                    .doesNotHaveBean("syncwrightRemoteProvider");
            SyncService service = ctx.getBean(SyncService.class);
            SyncResult r = service.sync();
            assertThat(r.download().applied()).isGreaterThanOrEqualTo(2);
            DataSource replica = ctx.getBean(PeerDataSource.class).dataSource();
            assertThat(rows(replica)).isEqualTo(rows(pg.dataSource()));
        });
    }

    @Test
    void clientRoleMakesTheApplicationDataSourceAClientOfTheRemote() throws SQLException {
        Provisioner.of(pg.dataSource()).provision(SyncScope.named("cli").tables("items").build());
        DataSource local = sqlite("clientrole");
        runner.withBean(DataSource.class, () -> local)
                .withPropertyValues("syncwright.scope=cli", "syncwright.role=client", "syncwright.remote.url=" + pg.jdbcUrl(),
                        "syncwright.conflict-policy=client-wins")
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    assertThat(ctx).hasBean("syncwrightRemoteProvider").hasSingleBean(PeerDataSource.class)
                            .doesNotHaveBean("syncwrightClientProvider").doesNotHaveBean(SyncScope.class);
                    SyncService service = ctx.getBean(SyncService.class);
                    assertThat(service.role()).isEqualTo(SyncwrightProperties.Role.CLIENT);
                    assertThat(ctx.getBean(JdbcSyncProvider.class)).isSameAs(service.provider());
                    assertThatThrownBy(() -> service.sync(service.provider())).isInstanceOf(IllegalStateException.class);

                    service.sync();
                    assertThat(rows(local)).isEqualTo(rows(pg.dataSource()));
                    exec(local, "INSERT INTO items VALUES (3, 'plum', 7)");
                    SyncResult up = service.sync();
                    assertThat(up.upload().applied()).isEqualTo(1);
                    assertThat(rows(pg.dataSource())).contains("3|plum|7").isEqualTo(rows(local));
                });
    }

    // ---------------------------------------------------------------- helpers

    private static void assertStartFails(ApplicationContextRunner r, String message) {
        r.run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(messages(ctx.getStartupFailure())).contains(message);
        });
    }

    /** Every message of the cause chain (what Spring Boot prints on a failed start). */
    static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c).append('\n');
        }
        return sb.toString();
    }

    String sqliteUrl(String hint) {
        TestDatabase db = TestDatabases.sqlite("spring_" + hint);
        sqliteFiles.add(db);
        return db.jdbcUrl();
    }

    DataSource sqlite(String hint) {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.enforceForeignKeys(true);
        cfg.setBusyTimeout(10_000);
        SQLiteDataSource ds = new SQLiteDataSource(cfg);
        ds.setUrl(sqliteUrl(hint));
        return ds;
    }

    static void exec(DataSource ds, String... sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    /** The rows of items, ordered, as "id|name|qty". */
    static List<String> rows(DataSource ds) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, name, qty FROM items ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getObject(3));
            }
        }
        return out;
    }
}
