package dev.syncwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sync}: help, usage errors, connection failures and secrets. */
class SyncUsageIT {
    private static final String SECRET = "Sup3rSecretPw";

    @TempDir
    Path dir;

    @Test
    void helpListsSyncWithExamplesAndExitCodes() {
        Syncwright.Result top = Syncwright.run("--help").succeeds();
        assertThat(top.out()).contains("sync ", "syncwright sync --local");
        Syncwright.Result r = Syncwright.run("sync", "--help").succeeds();
        assertThat(r.out()).contains("--local", "--remote", "--scope", "--direction", "--conflicts", "--batch-rows", "--json",
                "--quiet", "server-wins", "client-wins", "merge", "defer", "Examples:", "Exit codes:", "SYNCWRIGHT_DB_PASSWORD");
        assertThat(r.out()).contains("1     sync finished, but conflicts were deferred");
        assertThat(r.out().lines().filter(l -> l.length() > 80).toList()).as("help lines wider than 80").isEmpty();
    }

    @Test
    void badUsageExitsTwoWithOneLine() {
        String local = "jdbc:sqlite:" + dir.resolve("c.db");
        String remote = "jdbc:postgresql://127.0.0.1:1/x";
        Syncwright.Result missing = Syncwright.run("sync", "--local", local).failsWithOneLine(ExitCodes.USAGE);
        assertThat(missing.err()).contains("--remote", "--scope", "--help");
        Syncwright.Result direction = Syncwright.run("sync", "--local", local, "--remote", remote, "--scope", "s",
                "--direction", "sideways").failsWithOneLine(ExitCodes.USAGE);
        assertThat(direction.err()).contains("--direction", "sideways");
        Syncwright.Result policy = Syncwright.run("sync", "--local", local, "--remote", remote, "--scope", "s",
                "--conflicts", "coin-toss").failsWithOneLine(ExitCodes.USAGE);
        assertThat(policy.err()).contains("--conflicts", "server-wins", "client-wins", "merge", "defer");
        Syncwright.run("sync", "--local", local, "--remote", remote, "--scope", "s", "--batch-rows", "0")
                .failsWithOneLine(ExitCodes.USAGE);
        Syncwright.run("sync", "--local", local, "--remote", remote, "--scope", "s", "--batch-rows", "many")
                .failsWithOneLine(ExitCodes.USAGE);
        Syncwright.run("sync", "--local", local, "--remote", remote, "--scope", " ").failsWithOneLine(ExitCodes.USAGE);
        Syncwright.Result secret = Syncwright.run("sync", "--local", local, "--remote", remote, "--scope", "s",
                "--password", SECRET, "--local-password", SECRET + "2", "--bogus").failsWithOneLine(ExitCodes.USAGE);
        assertThat(secret.err() + secret.out()).doesNotContain(SECRET);
        assertThat(dir.resolve("c.db")).doesNotExist();
    }

    @Test
    void unreachableRemoteIsOneLineWithoutStackTraceOrPassword() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there now
        }
        String local = "jdbc:sqlite:" + dir.resolve("c.db");
        Syncwright.Result pg = Syncwright.run("sync", "--local", local, "--remote", "jdbc:postgresql://127.0.0.1:" + port + "/shop",
                "--scope", "s", "--password", SECRET).failsWithOneLine(ExitCodes.CONFIGURATION);
        assertThat(pg.err()).contains("cannot connect", "remote", "127.0.0.1:" + port).doesNotContain(SECRET);
        Syncwright.Result my = Syncwright.run(Map.of(Connect.ENV_PASSWORD, SECRET), "sync", "--local", local,
                "--remote", "jdbc:mysql://127.0.0.1:" + port + "/shop?user=app&password=" + SECRET + "x", "--scope", "s")
                .failsWithOneLine(ExitCodes.CONFIGURATION);
        assertThat(my.err() + my.out()).contains("cannot connect").doesNotContain(SECRET);
        Syncwright.Result http = Syncwright.run("sync", "--local", local, "--remote", "https://sync.example.com", "--scope", "s")
                .failsWithOneLine(ExitCodes.CONFIGURATION);
        assertThat(http.err()).contains("serve");
        assertThat(dir.resolve("c.db")).doesNotExist();
    }

    @Test
    void localSqliteFileInAMissingDirectoryOrInMemoryIsRefused() {
        try (TestDatabase pg = TestDatabases.postgres("cli_sync_local")) {
            Path missing = dir.resolve("no-such-dir").resolve("c.db");
            Syncwright.Result r = Syncwright.run("sync", "--local", "jdbc:sqlite:" + missing, "--remote", pg.jdbcUrl(),
                    "--scope", "s").failsWithOneLine(ExitCodes.CONFIGURATION);
            assertThat(r.err()).contains(missing.getParent().toString(), "does not exist");
            assertThat(missing.getParent()).doesNotExist();
            Syncwright.run("sync", "--local", "jdbc:sqlite::memory:", "--remote", pg.jdbcUrl(), "--scope", "s")
                    .failsWithOneLine(ExitCodes.CONFIGURATION);
        }
    }

    @Test
    void wrongPasswordIsOneLineAndNeverPrinted() {
        try (TestDatabase maria = TestDatabases.mariadb("cli_sync_password")) {
            String url = CliUsageIT.withoutCredentials(maria.jdbcUrl());
            String user = maria.user() == null ? "root" : maria.user();
            CliUsageIT.assumePasswordsChecked(url, user, SECRET);
            Syncwright.Result r = Syncwright.run("sync", "--local", "jdbc:sqlite:" + dir.resolve("c.db"), "--remote", url,
                    "--user", user, "--password", SECRET, "--scope", "s").failsWithOneLine(ExitCodes.CONFIGURATION);
            assertThat(r.err()).contains("cannot connect").containsIgnoringCase("denied").doesNotContain(SECRET);
        }
    }

    /** The local PostgreSQL trusts local users, so any password gets in, and must not come out, even with --verbose. */
    @Test
    void passwordNotPrintedOnSuccess() throws SQLException {
        try (TestDatabase pg = TestDatabases.postgres("cli_sync_secret")) {
            try (Connection c = pg.connect(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body VARCHAR(50))");
                st.execute("INSERT INTO notes VALUES (1, 'one'), (2, 'two')");
            }
            Syncwright.run("provision", "--db", pg.jdbcUrl(), "--scope", "notes", "--tables", "notes").succeeds();
            String local = "jdbc:sqlite:" + dir.resolve("c.db");
            Syncwright.Result byOption = Syncwright.run("sync", "--local", local, "--remote", pg.jdbcUrl(), "--scope", "notes",
                    "--password", SECRET, "--verbose").succeeds();
            assertThat(byOption.out()).contains("2 sent");
            assertThat(byOption.out() + byOption.err()).doesNotContain(SECRET);
            Syncwright.Result byUrl = Syncwright.run(Map.of(Connect.ENV_PASSWORD, SECRET + "env"), "sync", "--local", local,
                    "--remote", CliUsageIT.param(pg.jdbcUrl(), "password=" + SECRET), "--scope", "notes", "--verbose").succeeds();
            assertThat(byUrl.out() + byUrl.err()).doesNotContain(SECRET).contains("password=***");
        }
    }
}
