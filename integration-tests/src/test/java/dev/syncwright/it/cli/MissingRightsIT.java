package dev.syncwright.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: the same missing right exited 4 in {@code status} and 3 in {@code sync}. A right the
 * database user lacks is a configuration error (3) in every command, and the message says so. A real
 * user on each server that may use the scope's table and the sync tables, all but the tracking table.
 */
class MissingRightsIT {
    @TempDir
    Path dir;

    @Test
    void mariadbUserWithoutTheTrackingTable() throws Exception {
        try (TestDatabase maria = TestDatabases.mariadb("cli_rights")) {
            provision(maria);
            String user = "sw_rights_" + hex();
            String db = SyncContractIT.rows(maria.jdbcUrl(), "SELECT DATABASE()").get(0);
            SyncContractIT.exec(maria, "CREATE USER '" + user + "'@'%' IDENTIFIED BY 'rights-pw'");
            try {
                for (String table : SyncContractIT.rows(maria.jdbcUrl(), "SELECT table_name FROM information_schema.tables "
                        + "WHERE table_schema = DATABASE() AND table_name NOT LIKE 'syncwright_trk_%'")) {
                    SyncContractIT.exec(maria, "GRANT SELECT, INSERT, UPDATE, DELETE ON `" + db + "`.`" + table + "` TO '" + user + "'@'%'");
                }
                String url = CliUsageIT.param(CliUsageIT.withoutCredentials(maria.jdbcUrl()), "user=" + user + "&password=rights-pw");
                assertSameExitEverywhere(url, "syncwright_trk_notes");
            } finally {
                SyncContractIT.exec(maria, "DROP USER IF EXISTS '" + user + "'@'%'");
            }
        }
    }

    /** Rights on the scope's tables only (no catalog rights beyond them): the table reads as it is, and the sync runs. */
    @Test
    void mariadbUserWithRightsOnTheScopesTablesOnlySyncs() throws Exception {
        try (TestDatabase maria = TestDatabases.mariadb("cli_rights")) {
            provision(maria);
            String user = "sw_rights_" + hex();
            String db = SyncContractIT.rows(maria.jdbcUrl(), "SELECT DATABASE()").get(0);
            SyncContractIT.exec(maria, "CREATE USER '" + user + "'@'%' IDENTIFIED BY 'rights-pw'");
            try {
                for (String table : SyncContractIT.rows(maria.jdbcUrl(), "SELECT table_name FROM information_schema.tables "
                        + "WHERE table_schema = DATABASE()")) {
                    SyncContractIT.exec(maria, "GRANT SELECT, INSERT, UPDATE, DELETE ON `" + db + "`.`" + table + "` TO '" + user + "'@'%'");
                }
                String url = CliUsageIT.param(CliUsageIT.withoutCredentials(maria.jdbcUrl()), "user=" + user + "&password=rights-pw");
                assertThat(Syncwright.run("status", "--db", url, "--scope", "notes").succeeds().out()).doesNotContain("changed");
                Syncwright.run("sync", "--local", "jdbc:sqlite:" + dir.resolve("c.db"), "--remote", url, "--scope", "notes").succeeds();
                assertThat(SyncContractIT.rows("jdbc:sqlite:" + dir.resolve("c.db"), "SELECT count(*) FROM notes")).containsExactly("2");
            } finally {
                SyncContractIT.exec(maria, "DROP USER IF EXISTS '" + user + "'@'%'");
            }
        }
    }

    @Test
    void postgresRoleWithoutTheTrackingTable() throws Exception {
        try (TestDatabase pg = TestDatabases.postgres("cli_rights")) {
            provision(pg);
            String role = "sw_rights_" + hex();
            String db = SyncContractIT.rows(pg.jdbcUrl(), "SELECT current_database()").get(0);
            SyncContractIT.exec(pg, "CREATE ROLE " + role + " LOGIN PASSWORD 'rights-pw'");
            try {
                SyncContractIT.exec(pg, "GRANT CONNECT ON DATABASE " + db + " TO " + role);
                SyncContractIT.exec(pg, "GRANT USAGE ON SCHEMA syncwright TO " + role);
                SyncContractIT.exec(pg, "GRANT SELECT, INSERT, UPDATE, DELETE ON public.notes, syncwright.scopes, "
                        + "syncwright.scope_tables, syncwright.conflicts, syncwright.peers TO " + role);
                String url = CliUsageIT.param(CliUsageIT.withoutCredentials(pg.jdbcUrl()), "user=" + role + "&password=rights-pw");
                assertSameExitEverywhere(url, "public.notes");
            } finally {
                SyncContractIT.exec(pg, "DROP OWNED BY " + role);
                SyncContractIT.exec(pg, "DROP ROLE IF EXISTS " + role);
            }
        }
    }

    private void assertSameExitEverywhere(String url, String table) {
        Syncwright.Result status = Syncwright.run("status", "--db", url, "--scope", "notes", "--json")
                .failsWithOneLine(Cli.CONFIGURATION);
        assertThat(status.err()).contains("lacks a right", "SELECT", table);
        assertThat(status.out()).contains("\"code\":\"CONFIGURATION\"");
        Syncwright.Result sync = Syncwright.run("sync", "--local", "jdbc:sqlite:" + dir.resolve("c.db"), "--remote", url,
                "--scope", "notes").failsWithOneLine(Cli.CONFIGURATION);
        assertThat(sync.err()).contains("lacks a right", "remote database", table);
    }

    private static void provision(TestDatabase server) throws Exception {
        SyncContractIT.exec(server, "CREATE TABLE notes (id INTEGER NOT NULL PRIMARY KEY, body VARCHAR(50))");
        SyncContractIT.exec(server, "INSERT INTO notes VALUES (1, 'one'), (2, 'two')");
        Syncwright.run("provision", "--db", server.jdbcUrl(), "--scope", "notes", "--tables", "notes").succeeds();
    }

    private static String hex() {
        return Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24));
    }
}
