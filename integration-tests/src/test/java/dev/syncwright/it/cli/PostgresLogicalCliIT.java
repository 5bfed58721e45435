package dev.syncwright.it.cli;

import static dev.syncwright.it.cli.SyncContractIT.exec;
import static dev.syncwright.it.cli.SyncContractIT.rows;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code provision --capture logical}, {@code capture} and {@code status} through the command line (ADR 065):
 * on a PostgreSQL with wal_level = logical the scope syncs without triggers; a lost slot fails the sync until
 * provisioning runs again; a server without wal_level = logical and SQLite refuse the option by name.
 */
class PostgresLogicalCliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Syncwright.Result sync(TestDatabase server) {
        return Syncwright.run("sync", "--local", "jdbc:sqlite:" + dir.resolve("client.db"), "--remote", server.jdbcUrl(), "--scope", "sales");
    }

    @Test
    void aScopeCapturedFromTheLogSyncsAndReportsItsSlot() throws Exception {
        try (TestDatabase server = TestDatabases.postgresLogical("logical_cli")) {
            exec(server, "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, qty INTEGER)");
            exec(server, "INSERT INTO items VALUES (1, 'bolt', 10), (2, 'nut', 5)");
            assertThat(Syncwright.run("provision", "--db", server.jdbcUrl(), "--scope", "sales", "--tables", "items", "--capture", "logical")
                    .succeeds().out()).contains("captured from the log (logical)");
            String client = "jdbc:sqlite:" + dir.resolve("client.db");
            sync(server).succeeds();
            exec(server, "UPDATE items SET qty = 11 WHERE id = 1");
            exec(server, "INSERT INTO items VALUES (3, 'washer', 1)");
            assertThat(Syncwright.run("capture", "--db", server.jdbcUrl(), "--scope", "sales").succeeds().out())
                    .contains("Captured 2 row changes");
            exec(client, "UPDATE items SET name = 'big bolt' WHERE id = 1");
            sync(server).succeeds();
            String items = "SELECT id, name, qty FROM items ORDER BY id";
            assertThat(rows(client, items)).containsExactly("1|big bolt|11", "2|nut|5", "3|washer|1")
                    .isEqualTo(rows(server.jdbcUrl(), items));
            JsonNode capture = JSON.readTree(Syncwright.run("status", "--db", server.jdbcUrl(), "--scope", "sales", "--json").succeeds()
                    .out()).get("capture");
            assertThat(capture.get("mode").asText()).isEqualTo("logical");
            assertThat(capture.get("lost").asBoolean()).isFalse();
            assertThat(capture.get("lagBytes").asLong()).isNotNegative();
            String slot = capture.get("slot").asText();

            // a lost slot: the sync fails, naming it, until provisioning runs again
            exec(server, "SELECT pg_drop_replication_slot('" + slot + "')");
            exec(server, "UPDATE items SET qty = 12 WHERE id = 2");
            assertThat(sync(server).failsWithOneLine(Cli.FAILED).err()).contains(slot, "--capture logical");
            assertThat(Syncwright.run("status", "--db", server.jdbcUrl(), "--scope", "sales").succeeds().out()).contains(slot, "missing");
            Syncwright.run("provision", "--db", server.jdbcUrl(), "--scope", "sales", "--tables", "items").succeeds();
            sync(server).succeeds();
            assertThat(rows(client, items)).isEqualTo(rows(server.jdbcUrl(), items)).contains("2|nut|12");

            // a slot too far behind is dropped, not left to fill the disk
            exec(server, "UPDATE items SET qty = 13 WHERE id = 2");
            assertThat(Syncwright.run("capture", "--db", server.jdbcUrl(), "--scope", "sales", "--max-lag-bytes", "1")
                    .failsWithOneLine(Cli.FAILED).err()).contains("bytes behind", "--max-lag-bytes", "was dropped");
            assertThat(sync(server).failsWithOneLine(Cli.FAILED).err()).contains("missing");
        }
    }

    @Test
    void aServerWithoutLogicalWalAndSqliteRefuseTheOptionByName() throws Exception {
        try (TestDatabase pg = TestDatabases.postgres("replica_cli")) {
            exec(pg, "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)");
            String level = rows(pg.jdbcUrl(), "SHOW wal_level").get(0);
            if (!level.equals("logical")) {
                assertThat(Syncwright.run("provision", "--db", pg.jdbcUrl(), "--scope", "s", "--tables", "items", "--capture", "logical")
                        .failsWithOneLine(Cli.CONFIGURATION).err()).contains("wal_level = logical", "wal_level = " + level);
            }
        }
        String lite = "jdbc:sqlite:" + dir.resolve("lite.db");
        exec(lite, "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)");
        assertThat(Syncwright.run("provision", "--db", lite, "--scope", "s", "--tables", "items", "--capture", "logical")
                .failsWithOneLine(Cli.CONFIGURATION).err()).contains("--capture logical", "sqlite");
    }
}
