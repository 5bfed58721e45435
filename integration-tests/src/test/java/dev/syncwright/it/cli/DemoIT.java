package dev.syncwright.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code syncwright demo} as a newcomer runs it: the shaded jar in its own process, with none of the
 * variables that point tests or commands at a database server, so the embedded server is all it has.
 */
class DemoIT {
    /** Whatever could point the demo at a server of this machine; the demo must not need any of them. */
    private static final List<String> UNSET = List.of("SYNCWRIGHT_TEST_PG_URL", "SYNCWRIGHT_TEST_MYSQL_URL",
            Cli.ENV_USER, Cli.ENV_PASSWORD, "PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE", "DATABASE_URL");

    @TempDir
    Path dir;

    @Test
    void demoRunsWithNoSetUpAndEndsEqual() throws Exception {
        long t0 = System.nanoTime();
        Syncwright.Result r = Syncwright.runWithout(UNSET, "demo", "--dir", dir.toString());
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        r.succeeds();
        assertThat(r.out()).contains("Step 1", "Step 2", "Step 3", "Step 4", "Step 5", "conflict log on the",
                "STEP", "ROWS UP", "ROWS DOWN", "CONFLICTS");
        assertThat(r.out()).containsPattern("Final check: server and client are EQUAL \\(\\d+ rows in 4 tables");
        assertThat(r.out()).doesNotContain("NOT EQUAL");
        assertThat(seconds).as("the demo in seconds; it runs in CI").isLessThan(90);

        Path file = dir.resolve(Cli.DEMO_FILE);
        assertThat(file).isRegularFile();
        assertThat(r.out()).contains("status --db jdbc:sqlite:" + file.toAbsolutePath().normalize() + " --scope demo");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String table : Cli.DEMO_TABLES) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("rows in " + table + " of the client file").isGreaterThan(100);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT email, city FROM customers WHERE id = 1")) {
                rs.next();
                assertThat(rs.getString(1) + "|" + rs.getString(2)).as("the column merge").isEqualTo("ada@new-mail.example|Reykjavik");
            }
        }

        Matcher data = Pattern.compile("data in (\\S+) \\(removed at the end\\)").matcher(r.out());
        assertThat(data.find()).as("the server's data directory is named").isTrue();
        assertThat(Path.of(data.group(1))).as("the embedded server's data directory, removed at exit").doesNotExist();

        // the inspection command it prints works on the file it left
        Syncwright.Result status = Syncwright.run("status", "--db", "jdbc:sqlite:" + file, "--scope", "demo", "--json").succeeds();
        assertThat(status.out()).contains("\"scope\":\"demo\"", "\"conflicts\":{");
        assertThat(Files.size(file)).isPositive();
    }

    @Test
    void demoRunsAgainOverItsOwnFile() {
        Syncwright.runWithout(UNSET, "demo", "--dir", dir.toString(), "--quiet").succeeds();
        Syncwright.Result again = Syncwright.runWithout(UNSET, "demo", "--dir", dir.toString(), "--quiet").succeeds();
        assertThat(again.out()).contains("replaced", "Final check: server and client are EQUAL");
        assertThat(again.err()).as("--quiet: no progress").isEmpty();
    }

    @Test
    void missingDirIsAConfigurationError() {
        Syncwright.Result r = Syncwright.runWithout(UNSET, "demo", "--dir", dir.resolve("nope").toString()).failsWithOneLine(
                Cli.CONFIGURATION);
        assertThat(r.err()).contains("nope");
    }
}
