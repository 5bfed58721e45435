package dev.syncwright.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.io.IOException;
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
    private static final ObjectMapper JSON = new ObjectMapper();

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
        assertThat(r.out().replaceAll("\\s+", " ")).contains("localFileCreated (this sync created the local SQLite file)",
                "localProvisioned", "On failure: {error: {exitCode, code, message}, scope, direction, conflicts}")
                .doesNotContain("unique or foreign-key");
        assertThat(r.out().lines().filter(l -> l.length() > 80).toList()).as("help lines wider than 80").isEmpty();
    }

    @Test
    void badUsageExitsTwoWithOneLine() {
        String local = "jdbc:sqlite:" + dir.resolve("c.db");
        String remote = "jdbc:postgresql://127.0.0.1:1/x";
        Syncwright.Result missing = Syncwright.run("sync", "--local", local).failsWithOneLine(Cli.USAGE);
        assertThat(missing.err()).contains("--remote", "--scope", "--help");
        Syncwright.Result direction = Syncwright.run("sync", "--local", local, "--remote", remote, "--scope", "s",
                "--direction", "sideways").failsWithOneLine(Cli.USAGE);
        assertThat(direction.err()).contains("--direction", "sideways");
        Syncwright.Result policy = Syncwright.run("sync", "--local", local, "--remote", remote, "--scope", "s",
                "--conflicts", "coin-toss").failsWithOneLine(Cli.USAGE);
        assertThat(policy.err()).contains("--conflicts", "server-wins", "client-wins", "merge", "defer");
        Syncwright.run("sync", "--local", local, "--remote", remote, "--scope", "s", "--batch-rows", "0")
                .failsWithOneLine(Cli.USAGE);
        Syncwright.run("sync", "--local", local, "--remote", remote, "--scope", "s", "--batch-rows", "many")
                .failsWithOneLine(Cli.USAGE);
        Syncwright.run("sync", "--local", local, "--remote", remote, "--scope", " ").failsWithOneLine(Cli.USAGE);
        Syncwright.Result secret = Syncwright.run("sync", "--local", local, "--remote", remote, "--scope", "s",
                "--password", SECRET, "--local-password", SECRET + "2", "--bogus").failsWithOneLine(Cli.USAGE);
        assertThat(secret.err() + secret.out()).doesNotContain(SECRET);
        assertThat(dir.resolve("c.db")).doesNotExist();
    }

    @Test
    void unreachableRemoteIsOneLineWithoutStackTraceOrPassword() throws IOException {
        int port = CliUsageIT.closedPort();
        String local = "jdbc:sqlite:" + dir.resolve("c.db");
        Syncwright.Result pg = Syncwright.run("sync", "--local", local, "--remote", "jdbc:postgresql://127.0.0.1:" + port + "/shop",
                "--scope", "s", "--password", SECRET).failsWithOneLine(Cli.CONFIGURATION);
        assertThat(pg.err()).contains("cannot connect", "remote", "127.0.0.1:" + port).doesNotContain(SECRET);
        Syncwright.Result my = Syncwright.run(Map.of(Cli.ENV_PASSWORD, SECRET), "sync", "--local", local,
                "--remote", "jdbc:mysql://127.0.0.1:" + port + "/shop?user=app&password=" + SECRET + "x", "--scope", "s")
                .failsWithOneLine(Cli.CONFIGURATION);
        assertThat(my.err() + my.out()).contains("cannot connect").doesNotContain(SECRET);
        Syncwright.Result http = Syncwright.run("sync", "--local", local, "--remote", "https://sync.example.com", "--scope", "s")
                .failsWithOneLine(Cli.CONFIGURATION);
        assertThat(http.err()).contains("serve");
        assertThat(dir.resolve("c.db")).doesNotExist();
    }

    /** --json: one error object on stdout for any failure, usage errors included; its message masked as stderr's. */
    @Test
    void jsonFailureIsOneErrorObjectWithThePasswordMasked() throws Exception {
        int port = CliUsageIT.closedPort();
        String local = "jdbc:sqlite:" + dir.resolve("c.db");
        Syncwright.Result r = Syncwright.run("sync", "--local", local, "--remote", "jdbc:mysql://127.0.0.1:" + port
                + "/shop?user=app&password=" + SECRET, "--scope", "s", "--json").failsWithOneLine(Cli.CONFIGURATION);
        assertThat(r.out().strip()).as("one JSON object on one line").doesNotContain("\n");
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("error").get("exitCode").asInt()).isEqualTo(Cli.CONFIGURATION);
        assertThat(json.get("error").get("code").asText()).isEqualTo("CONFIGURATION");
        assertThat(json.get("error").get("message").asText()).contains("cannot connect", "password=***")
                .isEqualTo(r.err().strip().substring("syncwright sync: ".length()));
        assertThat(json.get("scope").asText()).isEqualTo("s");
        assertThat(r.out() + r.err()).doesNotContain(SECRET);

        Syncwright.Result usage = Syncwright.run("sync", "--local", local, "--remote", "jdbc:postgresql://127.0.0.1:1/x",
                "--scope", "s", "--direction", "sideways", "--json", "--password", SECRET).failsWithOneLine(Cli.USAGE);
        JsonNode u = JSON.readTree(usage.out()).get("error");
        assertThat(u.get("exitCode").asInt()).isEqualTo(Cli.USAGE);
        assertThat(u.get("code").asText()).isEqualTo("USAGE");
        assertThat(u.get("message").asText()).contains("--direction", "sideways");
        Syncwright.Result bogus = Syncwright.run("sync", "--local", local, "--remote", "jdbc:postgresql://127.0.0.1:1/x?password="
                + SECRET, "--scope", "s", "--json", "--bogus");
        assertThat(bogus.exit()).isEqualTo(Cli.USAGE);
        assertThat(JSON.readTree(bogus.out()).get("error").get("code").asText()).isEqualTo("USAGE");
        assertThat(bogus.out() + bogus.err()).doesNotContain(SECRET);
        assertThat(Syncwright.run("sync", "--local", local, "--scope", "s").out()).as("no JSON without --json").isEmpty();
        assertThat(dir.resolve("c.db")).doesNotExist();
    }

    @Test
    void localSqliteFileInAMissingDirectoryOrInMemoryIsRefused() {
        try (TestDatabase pg = TestDatabases.postgres("cli_sync_local")) {
            Path missing = dir.resolve("no-such-dir").resolve("c.db");
            Syncwright.Result r = Syncwright.run("sync", "--local", "jdbc:sqlite:" + missing, "--remote", pg.jdbcUrl(),
                    "--scope", "s").failsWithOneLine(Cli.CONFIGURATION);
            assertThat(r.err()).contains(missing.getParent().toString(), "does not exist");
            assertThat(missing.getParent()).doesNotExist();
            Syncwright.run("sync", "--local", "jdbc:sqlite::memory:", "--remote", pg.jdbcUrl(), "--scope", "s")
                    .failsWithOneLine(Cli.CONFIGURATION);
        }
    }

    @Test
    void wrongPasswordIsOneLineAndNeverPrinted() {
        try (TestDatabase maria = TestDatabases.mariadb("cli_sync_password")) {
            String url = CliUsageIT.withoutCredentials(maria.jdbcUrl());
            String user = maria.user() == null ? "root" : maria.user();
            CliUsageIT.assumePasswordsChecked(url, user, SECRET);
            Syncwright.Result r = Syncwright.run("sync", "--local", "jdbc:sqlite:" + dir.resolve("c.db"), "--remote", url,
                    "--user", user, "--password", SECRET, "--scope", "s").failsWithOneLine(Cli.CONFIGURATION);
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
            Syncwright.Result byUrl = Syncwright.run(Map.of(Cli.ENV_PASSWORD, SECRET + "env"), "sync", "--local", local,
                    "--remote", CliUsageIT.param(pg.jdbcUrl(), "password=" + SECRET), "--scope", "notes", "--verbose").succeeds();
            assertThat(byUrl.out() + byUrl.err()).doesNotContain(SECRET).contains("password=***");
        }
    }
}
