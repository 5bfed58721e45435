package dev.syncwright.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code syncwright sync} process stopped in the middle of a download (issue 11): by SIGTERM
 * it exits with the documented 130 as on Ctrl-C; by a connection the server cuts, it says so (not
 * "Streaming result set ... is still active", the clean-up's failure that followed). Either way the
 * next sync completes.
 */
class InterruptedSyncIT {
    private static final int ROWS = 40_000;
    private static final int BATCH = 200;
    private static final String PROGRESS = "download batch 3 committed";

    @TempDir
    Path dir;

    @Test
    void sigtermExits130AndTheNextSyncResumes() throws Exception {
        try (TestDatabase pg = TestDatabases.postgres("cli_sigterm")) {
            fill(pg);
            // kill(1), not Process.destroy(), which closes the streams the rest of stderr comes through
            Syncwright.Result r = syncStoppedBy(pg, p -> assertThat(new ProcessBuilder("kill", "-TERM", String.valueOf(p.pid()))
                    .start().waitFor()).isZero());
            assertThat(r.exit()).as("exit code; stderr: %s", r.err()).isEqualTo(Cli.INTERRUPTED);
            assertThat(r.err()).contains("interrupted;", "committed and stay");
            assertResumes(pg);
        }
    }

    @Test
    void mariadbConnectionCutDuringADownloadIsNamed() throws Exception {
        try (TestDatabase maria = TestDatabases.mariadb("cli_cut")) {
            fill(maria);
            Syncwright.Result r = syncStoppedBy(maria, p -> killSessions(maria));
            r.failsWithOneLine(Cli.FAILED);
            assertThat(r.err()).contains("the connection to the remote database", "was lost", "run the sync again")
                    .doesNotContain("Streaming result set", "Closing the enumeration");
            assertResumes(maria);
        }
    }

    private interface Stop {
        void stop(Process p) throws Exception;
    }

    /** Starts a download into a new SQLite file and stops it once its third batch is committed. */
    private Syncwright.Result syncStoppedBy(TestDatabase server, Stop stop) throws Exception {
        Process p = Syncwright.start(Map.of(), "sync", "--local", client(), "--remote", server.jdbcUrl(), "--scope", "log",
                "--batch-rows", String.valueOf(BATCH));
        CompletableFuture<String> out = Syncwright.read(p.getInputStream());
        List<String> err = new ArrayList<>();
        boolean stopped = false;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                err.add(line);
                if (!stopped && line.startsWith(PROGRESS)) {
                    stop.stop(p);
                    stopped = true;
                }
            }
        }
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("finished after being stopped").isTrue();
        assertThat(stopped).as("a progress line '%s'; stderr: %s", PROGRESS, err).isTrue();
        assertThat(count()).as("stopped before the end").isLessThan(ROWS);
        // the one-line contract is about the error: the progress lines before it are not part of it
        String errors = String.join("\n", err.stream().filter(l -> !l.matches("^(upload|download) batch \\d+ committed.*")).toList());
        return new Syncwright.Result(p.exitValue(), out.join(), errors + "\n");
    }

    private void assertResumes(TestDatabase server) throws Exception {
        Syncwright.run("sync", "--local", client(), "--remote", server.jdbcUrl(), "--scope", "log", "--batch-rows", "5000")
                .succeeds();
        assertThat(count()).isEqualTo(ROWS);
    }

    /** The server ends every session on the test's database but this one, as a restart or a network cut would. */
    private static void killSessions(TestDatabase maria) throws SQLException {
        try (Connection c = maria.connect(); Statement s = c.createStatement()) {
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT id FROM information_schema.processlist WHERE db = DATABASE() "
                    + "AND id <> CONNECTION_ID()")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            assertThat(ids).as("the sync's sessions").isNotEmpty();
            for (long id : ids) {
                s.execute("KILL CONNECTION " + id);
            }
        }
    }

    private static void fill(TestDatabase server) throws Exception {
        SyncContractIT.exec(server, "CREATE TABLE events (id INTEGER NOT NULL PRIMARY KEY, payload VARCHAR(200) NOT NULL)");
        for (int from = 1; from <= ROWS; from += 2000) {
            StringBuilder insert = new StringBuilder("INSERT INTO events (id, payload) VALUES ");
            for (int i = from; i < from + 2000; i++) {
                insert.append(i > from ? ", " : "").append("(").append(i).append(", 'event ").append(i).append(" ")
                        .append("x".repeat(120)).append("')");
            }
            SyncContractIT.exec(server, insert.toString());
        }
        Syncwright.run("provision", "--db", server.jdbcUrl(), "--scope", "log", "--tables", "events").succeeds();
    }

    private long count() throws SQLException {
        return Long.parseLong(SyncContractIT.rows(client(), "SELECT count(*) FROM events").get(0));
    }

    private String client() {
        return "jdbc:sqlite:" + dir.resolve("client.db");
    }
}
