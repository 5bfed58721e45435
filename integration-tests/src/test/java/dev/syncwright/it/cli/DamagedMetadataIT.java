package dev.syncwright.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: stored knowledge that is NULL or corrupt. NULL client knowledge gave "Index 1 out of
 * bounds" on upload, and a download then overwrote the client's edit as a conflict it could not see;
 * a corrupt knowledge did not say which side's copy was bad. The message now names the database
 * (SQLite file, or PostgreSQL database), the replica and the scope, and says what to do; nothing is
 * written.
 */
class DamagedMetadataIT {
    private static final String ROWS = "SELECT id, body FROM notes ORDER BY id";

    @TempDir
    Path dir;

    @Test
    void nullClientKnowledgeIsNamedAndNothingIsOverwritten() throws Exception {
        try (TestDatabase pg = server()) {
            Path file = synced(pg);
            SyncContractIT.exec(client(file), "UPDATE syncwright_scopes SET knowledge = NULL");
            SyncContractIT.exec(client(file), "UPDATE notes SET body = 'client edit' WHERE id = 1");
            SyncContractIT.exec(pg, "UPDATE notes SET body = 'server edit' WHERE id = 1");
            for (String direction : new String[] {"both", "download"}) {
                Syncwright.Result r = sync(pg, file, "--direction", direction).failsWithOneLine(Cli.FAILED);
                assertThat(r.err()).contains("scope 'notes'", "SQLite database " + file, "is damaged", "knowledge is missing",
                        "table", "restore it from a backup").doesNotContain("out of bounds");
            }
            assertThat(SyncContractIT.rows(client(file), ROWS)).as("the client's edit").containsExactly("1|client edit", "2|two");
            assertThat(SyncContractIT.rows(pg.jdbcUrl(), ROWS)).as("the server's edit").containsExactly("1|server edit", "2|two");
        }
    }

    @Test
    void corruptKnowledgeNamesTheSideWhoseCopyIsBad() throws Exception {
        try (TestDatabase pg = server()) {
            Path file = synced(pg);
            String corrupt = "X'53574B0100112233445566778899'"; // the magic and format, then garbage: a checksum mismatch
            SyncContractIT.exec(client(file), "UPDATE syncwright_scopes SET knowledge = " + corrupt);
            Syncwright.Result local = sync(pg, file).failsWithOneLine(Cli.FAILED);
            assertThat(local.err()).contains("scope 'notes'", "SQLite database " + file, "knowledge cannot be read",
                    "checksum", "This database's copy is at fault");

            Path other = synced(pg, "other.db");
            String db = SyncContractIT.rows(pg.jdbcUrl(), "SELECT current_database()").get(0);
            SyncContractIT.exec(pg, "UPDATE syncwright.scopes SET knowledge = '\\x53574b01001122334455'::bytea");
            Syncwright.Result remote = sync(pg, other).failsWithOneLine(Cli.FAILED);
            assertThat(remote.err()).contains("scope 'notes'", "PostgreSQL database " + db, "knowledge cannot be read")
                    .doesNotContain(other.toString());
        }
    }

    private TestDatabase server() throws Exception {
        TestDatabase pg = TestDatabases.postgres("cli_damaged");
        SyncContractIT.exec(pg, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body VARCHAR(50))");
        SyncContractIT.exec(pg, "INSERT INTO notes VALUES (1, 'one'), (2, 'two')");
        Syncwright.run("provision", "--db", pg.jdbcUrl(), "--scope", "notes", "--tables", "notes").succeeds();
        return pg;
    }

    private Path synced(TestDatabase pg) {
        return synced(pg, "client.db");
    }

    /** A client that has synced both ways: its tracking rows hold versions of the server (replica key 1). */
    private Path synced(TestDatabase pg, String name) {
        Path file = dir.resolve(name);
        sync(pg, file).succeeds();
        return file;
    }

    private static Syncwright.Result sync(TestDatabase pg, Path file, String... extra) {
        String[] args = {"sync", "--local", client(file), "--remote", pg.jdbcUrl(), "--scope", "notes"};
        String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return Syncwright.run(all);
    }

    private static String client(Path file) {
        return "jdbc:sqlite:" + file;
    }
}
