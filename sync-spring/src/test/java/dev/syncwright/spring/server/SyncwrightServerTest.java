package dev.syncwright.spring.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.http.HttpSyncProvider;
import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.spring.SyncwrightAutoConfiguration;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
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
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.sqlite.SQLiteDataSource;

/** {@code syncwright.server.enabled=true}: devices sync over HTTP with a Spring Boot application, in its own Tomcat (issue 13). */
class SyncwrightServerTest {
    static TestDatabase pg;
    TestDatabase device;

    @TempDir
    Path dir;

    @BeforeEach
    void create() throws SQLException {
        pg = TestDatabases.postgres("spring_http");
        exec(pg.dataSource(), "CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, qty integer)",
                "INSERT INTO items VALUES (1, 'apple', 3), (2, 'pear', 5)");
        device = TestDatabases.sqlite("spring_http_device");
    }

    @AfterEach
    void drop() {
        device.close();
        pg.close();
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, SyncwrightAutoConfiguration.class,
            SyncwrightServerAutoConfiguration.class})
    static class App {
        @Bean
        DataSource dataSource() {
            return pg.dataSource();
        }
    }

    @Test
    void devicesSyncWithTheApplicationOverHttp() throws Exception {
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, "device-token-0123456789 phone-1 shop\n");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(App.class).web(WebApplicationType.SERVLET)
                .properties("server.port=0", "syncwright.scope=shop", "syncwright.tables=items", "syncwright.provision-on-start=true",
                        "syncwright.server.enabled=true", "syncwright.server.tokens-file=" + tokens).run()) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            SQLiteDataSource ds = new SQLiteDataSource();
            ds.setUrl(device.jdbcUrl());
            JdbcSyncProvider.openClient(ds, JdbcSyncProvider.open(pg.dataSource(), "shop"));
            URI base = URI.create("http://127.0.0.1:" + port);
            assertThatThrownBy(() -> SyncOrchestrator.between(JdbcSyncProvider.open(ds, "shop"),
                    HttpSyncProvider.connect(base, "shop", null, Duration.ofSeconds(10))).run()).hasMessageContaining("401");
            HttpSyncProvider remote = HttpSyncProvider.connect(base, "shop", () -> "device-token-0123456789", Duration.ofSeconds(10));
            SyncOrchestrator.between(JdbcSyncProvider.open(ds, "shop"), remote).run();
            assertThat(count(ds, "SELECT count(*) FROM items")).isEqualTo(2);
            exec(ds, "UPDATE items SET qty = 30 WHERE id = 1");
            exec(pg.dataSource(), "UPDATE items SET name = 'pears' WHERE id = 2");
            SyncOrchestrator.between(JdbcSyncProvider.open(ds, "shop"), remote).run();
            assertThat(count(pg.dataSource(), "SELECT qty FROM items WHERE id = 1")).isEqualTo(30);
            assertThat(count(ds, "SELECT count(*) FROM items WHERE name = 'pears'")).isEqualTo(1);
            var again = SyncOrchestrator.between(JdbcSyncProvider.open(ds, "shop"), remote).run();
            assertThat(again.upload().sent() + again.download().sent()).as("no echo").isZero();
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/syncwright/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anApplicationWithAContextPathIsReachedUnderIt() throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(App.class).web(WebApplicationType.SERVLET)
                .properties("server.port=0", "server.servlet.context-path=/shop-api", "syncwright.scope=shop", "syncwright.tables=items",
                        "syncwright.provision-on-start=true", "syncwright.server.enabled=true",
                        "syncwright.server.authentication=none").run()) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            SQLiteDataSource ds = new SQLiteDataSource();
            ds.setUrl(device.jdbcUrl());
            HttpSyncProvider remote = HttpSyncProvider.connect(URI.create("http://127.0.0.1:" + port + "/shop-api"), "shop", null,
                    Duration.ofSeconds(10));
            JdbcSyncProvider.openClient(ds, remote.describeScope());
            SyncOrchestrator.between(JdbcSyncProvider.open(ds, "shop"), remote).run();
            assertThat(count(ds, "SELECT count(*) FROM items")).isEqualTo(count(pg.dataSource(), "SELECT count(*) FROM items"));
        }
    }

    @Test
    void aNewDeviceStartsFromTheApplicationsSnapshot() throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(App.class).web(WebApplicationType.SERVLET)
                .properties("server.port=0", "syncwright.scope=shop", "syncwright.tables=items", "syncwright.provision-on-start=true",
                        "syncwright.server.enabled=true", "syncwright.server.authentication=none",
                        "syncwright.server.snapshots.dir=" + dir.resolve("snapshots")).run()) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            dev.syncwright.jdbc.SnapshotPublisher publisher = app.getBean(dev.syncwright.jdbc.SnapshotPublisher.class);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (publisher.current("shop").isEmpty()) {
                assertThat(System.nanoTime()).as("the first snapshot within a minute").isLessThan(deadline);
                Thread.sleep(20);
            }
            HttpSyncProvider remote = HttpSyncProvider.connect(URI.create("http://127.0.0.1:" + port), "shop", null, Duration.ofSeconds(10));
            Path file = dir.resolve("device.db");
            assertThat(remote.startFromSnapshot(file, Duration.ofSeconds(30))).isPresent();
            try (var ds = dev.syncwright.jdbc.SqliteClients.file(file).open()) {
                assertThat(count(ds, "SELECT count(*) FROM items")).isEqualTo(2);
                exec(ds, "UPDATE items SET qty = 7 WHERE id = 2");
                SyncOrchestrator.between(JdbcSyncProvider.open(ds, "shop"), remote).run();
                assertThat(count(pg.dataSource(), "SELECT qty FROM items WHERE id = 2")).isEqualTo(7);
            }
        }
    }

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SyncwrightServerAutoConfiguration.class))
            .withBean(DataSource.class, () -> pg.dataSource());

    @Test
    void aServerWithoutAuthenticationDoesNotStart() {
        runner.withPropertyValues("syncwright.scope=shop", "syncwright.server.enabled=true").run(ctx -> assertThat(ctx)
                .getFailure().rootCause().hasMessageContaining("needs a way to authenticate devices")
                .hasMessageContaining("syncwright.server.tokens-file"));
        runner.withPropertyValues("syncwright.scope=shop", "syncwright.server.enabled=true", "syncwright.server.authentication=anyone")
                .run(ctx -> assertThat(ctx).getFailure().rootCause().hasMessageContaining("accepts only 'none'"));
        runner.withPropertyValues("syncwright.scope=shop", "syncwright.server.enabled=true", "syncwright.server.authentication=none",
                "syncwright.server.tokens-file=/tmp/x").run(ctx -> assertThat(ctx).getFailure().rootCause()
                .hasMessageContaining("Set only one of"));
        runner.withPropertyValues("syncwright.scope=shop").run(ctx -> assertThat(ctx).hasNotFailed()
                .doesNotHaveBean(SyncwrightServerProperties.class));
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
}
