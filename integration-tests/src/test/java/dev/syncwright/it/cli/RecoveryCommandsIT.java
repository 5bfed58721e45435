package dev.syncwright.it.cli;

import static dev.syncwright.it.cli.SyncContractIT.exec;
import static dev.syncwright.it.cli.SyncContractIT.json;
import static dev.syncwright.it.cli.SyncContractIT.rows;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify}, {@code reinitialize} and {@code reidentify} end to end (issue 11), the built jar
 * against a PostgreSQL server and a SQLite client file.
 */
class RecoveryCommandsIT {
    TestDatabase server;

    @TempDir
    Path dir;

    @BeforeEach
    void createServer() throws Exception {
        server = TestDatabases.postgres("recovery_cli");
        exec(server, "CREATE TABLE items (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(100), qty INTEGER)");
        exec(server, "INSERT INTO items VALUES (1, 'bolt', 10), (2, 'nut', NULL), (3, 'washer', 7)");
        Syncwright.run("provision", "--db", server.jdbcUrl(), "--scope", "shop", "--tables", "items").succeeds();
    }

    @AfterEach
    void dropServer() {
        server.close();
    }

    String client() {
        return "jdbc:sqlite:" + dir.resolve("client.db");
    }

    Syncwright.Result run(String command, String... more) {
        String[] args = new String[7 + more.length];
        System.arraycopy(new String[] {command, "--local", client(), "--remote", server.jdbcUrl(), "--scope", "shop"}, 0, args, 0, 7);
        System.arraycopy(more, 0, args, 7, more.length);
        return Syncwright.run(args);
    }

    /**
     * {@code snapshot} writes a ready client file; two copies, each {@code adopt}ed, are two replicas:
     * their first syncs bring what changed since, and both devices' edits reach the server. A copy
     * adopted twice, and a database that is not a SQLite file, are refused with exit 3.
     */
    @Test
    void copiesOfASnapshotAdoptedAreReplicasOfTheirOwn() throws Exception {
        Path snapshots = dir.resolve("snapshots");
        JsonNode made = json(Syncwright.run("snapshot", "--db", server.jdbcUrl(), "--scope", "shop", "--dir", snapshots.toString(),
                "--json").succeeds());
        Path file = Path.of(made.path("file").asText());
        assertThat(made.path("bytes").asLong()).isEqualTo(java.nio.file.Files.size(file));
        exec(server, "UPDATE items SET qty = 11 WHERE id = 1");
        String[] devices = new String[2];
        for (int i = 0; i < 2; i++) {
            Path copy = dir.resolve("device" + i + ".db");
            java.nio.file.Files.copy(file, copy);
            devices[i] = "jdbc:sqlite:" + copy;
            JsonNode adopted = json(Syncwright.run("adopt", "--db", devices[i], "--scope", "shop", "--json").succeeds());
            assertThat(adopted.path("replicaId").asText()).isNotBlank();
        }
        Syncwright.run("adopt", "--db", devices[0], "--scope", "shop").failsWithOneLine(Cli.CONFIGURATION);
        assertThat(Syncwright.run("adopt", "--db", server.jdbcUrl(), "--scope", "shop").exit()).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            exec(devices[i], "UPDATE items SET name = 'device " + i + "' WHERE id = " + (i + 2));
            JsonNode r = json(Syncwright.run("sync", "--local", devices[i], "--remote", server.jdbcUrl(), "--scope", "shop", "--json")
                    .succeeds());
            assertThat(r.path("download").path("applied").asLong()).as("what changed since the snapshot").isEqualTo(1 + i);
            assertThat(r.path("upload").path("applied").asLong()).isEqualTo(1);
        }
        Syncwright.run("sync", "--local", devices[0], "--remote", server.jdbcUrl(), "--scope", "shop", "--quiet").succeeds();
        assertThat(rows(server.jdbcUrl(), "SELECT id, name, qty FROM items ORDER BY id"))
                .containsExactly("1|bolt|11", "2|device 0|null", "3|device 1|7")
                .isEqualTo(rows(devices[0], "SELECT id, name, qty FROM items ORDER BY id"));
    }

    @Test
    void verifyNamesTheRowThatDiffersAndRepairsIt() throws Exception {
        run("sync", "--quiet").succeeds();
        assertThat(run("verify").succeeds().out()).contains("3 local rows, 3 remote rows, equal");
        // written on the server where no trigger saw it: sync cannot know, verify finds it
        exec(server, "ALTER TABLE items DISABLE TRIGGER USER");
        exec(server, "UPDATE items SET name = 'hex nut' WHERE id = 2");
        exec(server, "ALTER TABLE items ENABLE TRIGGER USER");
        run("sync", "--quiet").succeeds();

        Syncwright.Result found = run("verify");
        assertThat(found.exit()).as(found.err()).isEqualTo(1);
        assertThat(found.out()).contains("1 row differs").contains("items [2]: name (local 'nut', remote 'hex nut')")
                .contains("--repair local");
        Syncwright.Result asJson = run("verify", "--json");
        assertThat(asJson.exit()).isEqualTo(1);
        JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(asJson.out());
        assertThat(j.get("equal").asBoolean()).isFalse();
        assertThat(j.get("differences")).hasSize(1);
        JsonNode d = j.get("differences").get(0);
        assertThat(d.get("table").asText()).isEqualTo("items");
        assertThat(d.get("key").asText()).isEqualTo("[2]");
        assertThat(d.get("kind").asText()).isEqualTo("DIFFERENT");
        assertThat(d.get("columns").toString()).isEqualTo("[\"name\"]");
        assertThat(d.get("local").get("qty").isNull()).isTrue();
        assertThat(d.get("remote").get("name").asText()).isEqualTo("hex nut");

        assertThat(run("verify", "--repair", "local").succeeds().out()).contains("Repaired the local replica: equal now");
        assertThat(rows(client(), "SELECT name FROM items WHERE id = 2")).containsExactly("hex nut");
        assertThat(run("verify", "--quiet").succeeds().out()).isEmpty();
        assertThat(run("verify", "--repair", "sideways").exit()).isEqualTo(2);
    }

    @Test
    void aReprovisionedServerIsRefusedThenReinitializeKeepsTheUnsyncedEdit() throws Exception {
        run("sync", "--quiet").succeeds();
        exec(client(), "UPDATE items SET qty = 99 WHERE id = 1");
        Syncwright.run("deprovision", "--db", server.jdbcUrl(), "--scope", "shop").succeeds();
        Syncwright.run("provision", "--db", server.jdbcUrl(), "--scope", "shop", "--tables", "items").succeeds();

        Syncwright.Result refused = run("sync").failsWithOneLine(3);
        assertThat(refused.err()).contains("syncwright reinitialize");
        assertThat(rows(server.jdbcUrl(), "SELECT qty FROM items WHERE id = 1")).containsExactly("10");

        Syncwright.Result r = run("reinitialize").succeeds();
        assertThat(r.out()).contains("kept: 1 unsynced row").contains("verify: equal (3 rows)");
        assertThat(rows(server.jdbcUrl(), "SELECT qty FROM items WHERE id = 1")).containsExactly("99");
        run("sync", "--quiet").succeeds();
        run("verify", "--quiet").succeeds();
    }

    @Test
    void reidentifyGivesTheDatabaseANewIdentityItsClientsAccept() throws Exception {
        run("sync", "--quiet").succeeds();
        JsonNode j = json(Syncwright.run("reidentify", "--db", server.jdbcUrl(), "--scope", "shop", "--json").succeeds());
        assertThat(j.get("replicaId").asText()).isNotEqualTo(j.get("formerReplicaId").asText());
        exec(server, "UPDATE items SET qty = 11 WHERE id = 1");
        run("sync", "--quiet").succeeds();
        assertThat(rows(client(), "SELECT qty FROM items WHERE id = 1")).containsExactly("11");
        run("verify", "--quiet").succeeds();
        Syncwright.run("reidentify", "--db", server.jdbcUrl(), "--scope", "nope").failsWithOneLine(3);
    }
}
