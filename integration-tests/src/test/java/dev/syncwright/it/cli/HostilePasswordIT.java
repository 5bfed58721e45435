package dev.syncwright.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: a password holding {@code , ' " ) : @} is never printed, not even in part, whether it
 * comes from {@code --password}, the environment, a {@code ?password=} parameter or the
 * {@code user:password@host} form, on success or failure, in stdout, stderr, {@code --json} and
 * {@code --verbose} stack traces and driver logs. A real user with that password on a real server.
 */
class HostilePasswordIT {
    /** Pieces that occur nowhere else: finding any of them in an output is a leak of part of a password. */
    private static final List<String> PIECES = List.of("Qx7", "Wv4", "Jk9", "Zr2", "Hm5", "Tb8", "Ny3", "Kp6");
    private static final String HOSTILE = "Qx7,Wv4'Jk9\"Zr2)Hm5:Tb8@Ny3";
    private static final String WRONG = HOSTILE + ",Kp6";

    @TempDir
    Path dir;

    /** The MariaDB server really checks the password: the right one gets in through every form, a wrong one never does. */
    @Test
    void mariadbUserWithAHostilePassword() throws SQLException {
        try (TestDatabase maria = TestDatabases.mariadb("cli_hostile")) {
            String user = "sw_hostile_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24));
            String name = maria.jdbcUrl().replaceAll("^.*/([^/?]+)(\\?.*)?$", "$1");
            exec(maria, "CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + HOSTILE.replace("'", "''") + "'");
            try {
                exec(maria, "GRANT ALL ON `" + name + "`.* TO '" + user + "'@'%'");
                exec(maria, "CREATE TABLE notes (id INTEGER NOT NULL PRIMARY KEY, body VARCHAR(50))");
                exec(maria, "INSERT INTO notes VALUES (1, 'one'), (2, 'two')");
                String url = CliUsageIT.withoutCredentials(maria.jdbcUrl());
                Map<String, String> env = Map.of(Cli.ENV_USER, user, Cli.ENV_PASSWORD, HOSTILE);

                clean(Syncwright.run("provision", "--db", url, "--user", user, "--password", HOSTILE, "--scope", "notes",
                        "--tables", "notes", "--verbose")).succeeds();
                clean(Syncwright.run(env, "status", "--db", url, "--scope", "notes", "--json", "--verbose")).succeeds();
                Syncwright.Result byParam = clean(Syncwright.run("status", "--db", param(url, user, HOSTILE), "--scope", "nope",
                        "--json", "--verbose")).failsVerbosely(Cli.CONFIGURATION);
                assertThat(byParam.out()).contains("not provisioned");
                // the user:password@host form with a ',' in the password: Connector/J would split the host list there
                Syncwright.Result byUserInfo = clean(Syncwright.run("sync", "--local", "jdbc:sqlite:" + dir.resolve("c.db"),
                        "--remote", userInfo(url, user, HOSTILE), "--scope", "notes", "--verbose")).succeeds();
                assertThat(byUserInfo.out()).contains("2 applied", user + ":***@");

                assumeWrongPasswordsRefused(url, user);
                Syncwright.Result option = clean(Syncwright.run("status", "--db", url, "--user", user, "--password", WRONG,
                        "--scope", "notes")).failsWithOneLine(Cli.CONFIGURATION);
                assertThat(option.err()).contains("cannot connect").containsIgnoringCase("denied");
                clean(Syncwright.run(Map.of(Cli.ENV_USER, user, Cli.ENV_PASSWORD, WRONG), "provision", "--db", url,
                        "--scope", "notes", "--tables", "notes", "--verbose")).failsVerbosely(Cli.CONFIGURATION);
                Syncwright.Result inParam = clean(Syncwright.run("status", "--db", param(url, user, WRONG), "--scope", "notes",
                        "--json")).failsWithOneLine(Cli.CONFIGURATION);
                assertThat(inParam.err()).containsIgnoringCase("denied").contains("password=***");
                Syncwright.Result info = clean(Syncwright.run("status", "--db", userInfo(url, user, WRONG), "--scope", "notes",
                        "--json", "--verbose")).failsVerbosely(Cli.CONFIGURATION);
                assertThat(info.out()).containsIgnoringCase("denied").contains(user + ":***@");
                clean(Syncwright.run("sync", "--local", "jdbc:sqlite:" + dir.resolve("c.db"), "--remote", userInfo(url, user, WRONG),
                        "--scope", "notes", "--json", "--verbose")).failsVerbosely(Cli.CONFIGURATION);
                clean(Syncwright.run("sync", "--local", "jdbc:sqlite:" + dir.resolve("c.db"), "--remote", url, "--user", user,
                        "--password", WRONG, "--scope", "notes", "--json")).failsWithOneLine(Cli.CONFIGURATION);
            } finally {
                exec(maria, "DROP USER IF EXISTS '" + user + "'@'%'");
            }
        }
    }

    /** The local PostgreSQL trusts local users: every form gets in, and the password must not come out, failing or not. */
    @Test
    void postgresWithAHostilePassword() throws SQLException {
        try (TestDatabase pg = TestDatabases.postgres("cli_hostile")) {
            exec(pg, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body VARCHAR(50))");
            exec(pg, "INSERT INTO notes VALUES (1, 'one'), (2, 'two')");
            String url = CliUsageIT.withoutCredentials(pg.jdbcUrl());
            String user = pg.user();
            clean(Syncwright.run(Map.of(Cli.ENV_USER, user, Cli.ENV_PASSWORD, HOSTILE), "provision", "--db", url,
                    "--scope", "notes", "--tables", "notes", "--verbose")).succeeds();
            clean(Syncwright.run("status", "--db", url, "--user", user, "--password", HOSTILE, "--scope", "notes", "--json",
                    "--verbose")).succeeds();
            clean(Syncwright.run("status", "--db", param(url, user, HOSTILE), "--scope", "nope", "--json", "--verbose"))
                    .failsVerbosely(Cli.CONFIGURATION);
            Syncwright.Result info = clean(Syncwright.run("sync", "--local", "jdbc:sqlite:" + dir.resolve("c.db"), "--remote",
                    userInfo(url, user, HOSTILE), "--scope", "notes", "--verbose")).succeeds();
            assertThat(info.out()).contains("2 applied", user + ":***@");
            clean(Syncwright.run("sync", "--local", "jdbc:sqlite:" + dir.resolve("c.db"), "--remote", param(url, user, HOSTILE),
                    "--scope", "nope", "--json", "--verbose")).failsVerbosely(Cli.CONFIGURATION);
            // usage errors: nothing is bound yet, the secrets are found in the raw arguments
            clean(Syncwright.run("status", "--db", userInfo(url, user, HOSTILE), "--scope", "notes", "--json", "--bogus"))
                    .failsWithOneLine(Cli.USAGE);
            clean(Syncwright.run("sync", "--local", param(url, user, WRONG), "--remote=" + userInfo(url, user, HOSTILE),
                    "--scope", "notes", "--direction", "sideways")).failsWithOneLine(Cli.USAGE);
        }
    }

    private static Syncwright.Result clean(Syncwright.Result r) {
        List<String> leaked = new ArrayList<>();
        for (String piece : PIECES) {
            if ((r.out() + r.err()).contains(piece)) {
                leaked.add(piece);
            }
        }
        assertThat(leaked).as("pieces of the password in the output; stdout: %s; stderr: %s", r.out(), r.err()).isEmpty();
        return r;
    }

    /** The password as a URL parameter, as typed: the drivers take these characters there unencoded. */
    private static String param(String url, String user, String password) {
        return CliUsageIT.param(url, "user=" + user + "&password=" + password);
    }

    private static String userInfo(String url, String user, String password) {
        return url.replaceFirst("//", "//" + user + ":" + java.util.regex.Matcher.quoteReplacement(password) + "@");
    }

    private static void assumeWrongPasswordsRefused(String url, String user) {
        CliUsageIT.assumePasswordsChecked(url, user, WRONG);
    }

    private static void exec(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
