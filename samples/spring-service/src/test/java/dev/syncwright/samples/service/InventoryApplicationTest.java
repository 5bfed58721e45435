package dev.syncwright.samples.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.core.SyncResult;
import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.spring.SyncService;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import dev.syncwright.tracking.Provisioner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.sqlite.SQLiteDataSource;

/** Boots the real service against a PostgreSQL database of test-support, with SQLite clients. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InventoryApplicationTest {
    static final TestDatabase pg = TestDatabases.postgres("inventory");
    static final TestDatabase replica = TestDatabases.sqlite("inventory_replica");
    static final TestDatabase device = TestDatabases.sqlite("inventory_device");

    @DynamicPropertySource
    static void databases(DynamicPropertyRegistry r) {
        r.add("spring.datasource.url", pg::jdbcUrl);
        r.add("syncwright.client.url", replica::jdbcUrl);
        r.add("inventory.sync-interval", () -> "PT1H"); // the test syncs by hand
    }

    @AfterAll
    static void drop() {
        device.close();
        replica.close();
        // the context (and its pool) is cached until the JVM ends; test-support drops pg then too
    }

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SyncService syncService;

    @Test
    void provisionsOnStartSyncsOverHttpAndConvergesWithALibraryClient() throws Exception {
        // provisioned on start, from application.properties
        assertThat(Provisioner.of(dataSource).definition("inventory")).isPresent();
        jdbc.update("INSERT INTO products VALUES (1, 'coffee', 4.50, 10), (2, 'tea', 3.20, 25)");

        // POST /sync: the configured SQLite replica receives both rows
        HttpResponse<String> resp = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sync")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).isEqualTo(200);
        assertThat(resp.body()).contains("\"downloaded\":2");

        // a device syncing through the library: download, edit offline, upload
        SQLiteDataSource deviceDs = new SQLiteDataSource();
        deviceDs.setUrl(device.jdbcUrl());
        JdbcSyncProvider deviceReplica = JdbcSyncProvider.openClient(deviceDs, syncService.provider());
        assertThat(syncService.sync(deviceReplica).download().applied()).isEqualTo(2);
        new JdbcTemplate(deviceDs).update("UPDATE products SET stock = 9 WHERE id = 1");
        jdbc.update("UPDATE products SET price = 4.80 WHERE id = 1");
        SyncResult r = syncService.sync(deviceReplica);
        assertThat(r.upload().applied()).isEqualTo(1);

        List<Map<String, Object>> server = jdbc.queryForList("SELECT id, name, price, stock FROM products ORDER BY id");
        assertThat(server.get(0)).containsEntry("stock", 9);
        assertThat(server.get(0).get("price").toString()).isEqualTo("4.80");
        assertThat(rows(new JdbcTemplate(deviceDs))).isEqualTo(rows(jdbc));

        // and the replica catches up on the next sync
        syncService.sync();
        assertThat(rows(new JdbcTemplate(replicaDs()))).isEqualTo(rows(jdbc));
    }

    private static DataSource replicaDs() {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl(replica.jdbcUrl());
        return ds;
    }

    private static List<String> rows(JdbcTemplate t) {
        return t.query("SELECT id, name, price, stock FROM products ORDER BY id",
                (rs, i) -> rs.getLong(1) + "|" + rs.getString(2) + "|" + new java.math.BigDecimal(rs.getString(3)).setScale(2) + "|" + rs.getInt(4));
    }
}
