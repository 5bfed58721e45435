package dev.syncwright.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code syncwright serve} and {@code syncwright sync --remote http://...} as a user runs them, in
 * processes of their own (issue 13): a new client set up over HTTP, both directions, JSON output,
 * a missing token, and a client killed with SIGKILL mid-download that resumes where it stopped.
 */
class HttpCliIT {
    private static final int ROWS = 20_000;
    private static final Pattern LISTENING = Pattern.compile("at http://[^:]+:(\\d+)/syncwright/v1/");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aDeviceSyncsWithServeOverHttpAndResumesAfterKill9() throws Exception {
        try (TestDatabase pg = TestDatabases.postgres("cli_http")) {
            SyncContractIT.exec(pg, "CREATE TABLE events (id INTEGER NOT NULL PRIMARY KEY, payload VARCHAR(200) NOT NULL)");
            SyncContractIT.exec(pg, "INSERT INTO events SELECT g, 'event ' || g || repeat('x', 100) FROM generate_series(1, " + ROWS + ") g");
            Syncwright.run("provision", "--db", pg.jdbcUrl(), "--scope", "log", "--tables", "events").succeeds();
            Path tokens = dir.resolve("tokens");
            Files.writeString(tokens, "device-token-0123456789 phone-1 log\n");
            Path token = dir.resolve("token");
            Files.writeString(token, "device-token-0123456789\n");
            Process serve = Syncwright.start(Map.of(), "serve", "--db", pg.jdbcUrl(), "--scope", "log", "--port", "0",
                    "--bind", "127.0.0.1", "--tokens", tokens.toString());
            try {
                String url = "http://127.0.0.1:" + port(serve);
                String local = "jdbc:sqlite:" + dir.resolve("device.db");

                Syncwright.Result noToken = Syncwright.run("sync", "--local", local, "--remote", url, "--scope", "log");
                noToken.failsWithOneLine(Cli.CONFIGURATION);
                assertThat(noToken.err()).contains("401");

                // killed with SIGKILL after its third committed batch; the next sync goes on from there
                Process first = Syncwright.start(Map.of(), "sync", "--local", local, "--remote", url, "--scope", "log",
                        "--token-file", token.toString(), "--batch-rows", "500");
                CompletableFuture<String> out = Syncwright.read(first.getInputStream());
                boolean killed = false;
                try (BufferedReader err = new BufferedReader(new InputStreamReader(first.getErrorStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = err.readLine()) != null) {
                        if (!killed && line.startsWith("download batch 3 committed")) {
                            // kill(1), not Process.destroyForcibly(), which closes the streams this loop reads
                            assertThat(new ProcessBuilder("kill", "-KILL", String.valueOf(first.pid())).start().waitFor()).isZero();
                            killed = true;
                        }
                    }
                }
                assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
                out.join();
                assertThat(killed).as("the sync was killed mid-download").isTrue();
                long kept = count(local);
                assertThat(kept).isBetween(1500L, (long) ROWS - 1);

                Syncwright.Result resumed = Syncwright.run("sync", "--local", local, "--remote", url, "--scope", "log",
                        "--token-file", token.toString(), "--json");
                resumed.succeeds();
                JsonNode r = JSON.readTree(resumed.out());
                assertThat(r.path("download").path("applied").asLong()).as("only what the killed sync had not committed")
                        .isEqualTo(ROWS - kept);
                assertThat(count(local)).isEqualTo(ROWS);

                SyncContractIT.exec(local, "UPDATE events SET payload = 'edited on the device' WHERE id = 7");
                SyncContractIT.exec(pg, "UPDATE events SET payload = 'edited on the server' WHERE id = 8");
                Syncwright.Result both = Syncwright.run(Map.of(Cli.ENV_TOKEN, "device-token-0123456789"), "sync", "--local",
                        local, "--remote", url, "--scope", "log", "--json");
                both.succeeds();
                JsonNode b = JSON.readTree(both.out());
                assertThat(b.path("upload").path("applied").asLong()).isEqualTo(1);
                assertThat(b.path("download").path("applied").asLong()).isEqualTo(1);
                assertThat(SyncContractIT.rows(pg.jdbcUrl(), "SELECT payload FROM events WHERE id = 7")).containsExactly("edited on the device");
                assertThat(SyncContractIT.rows(local, "SELECT payload FROM events WHERE id = 8")).containsExactly("edited on the server");
                assertThat(both.out() + both.err()).doesNotContain("device-token-0123456789");

                Syncwright.Result again = Syncwright.run(Map.of(Cli.ENV_TOKEN, "device-token-0123456789"), "sync", "--local",
                        local, "--remote", url, "--scope", "log", "--json");
                again.succeeds();
                JsonNode a = JSON.readTree(again.out());
                assertThat(a.path("upload").path("sent").asLong() + a.path("download").path("sent").asLong()).as("no echo").isZero();
            } finally {
                assertThat(new ProcessBuilder("kill", "-TERM", String.valueOf(serve.pid())).start().waitFor()).isZero();
                assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(serve.exitValue()).as("serve stops cleanly on SIGTERM").isZero();
        }
    }

    /**
     * {@code serve --snapshots}: a new device's first sync starts from the snapshot (one file, no row
     * applied one by one) and downloads only what changed since; {@code --no-snapshot} takes the
     * ordinary path; both end equal to the server.
     */
    @Test
    void aNewDeviceStartsFromTheServersSnapshot() throws Exception {
        try (TestDatabase pg = TestDatabases.postgres("cli_snapshot")) {
            SyncContractIT.exec(pg, "CREATE TABLE events (id INTEGER NOT NULL PRIMARY KEY, payload VARCHAR(200) NOT NULL)");
            SyncContractIT.exec(pg, "INSERT INTO events SELECT g, 'event ' || g FROM generate_series(1, 5000) g");
            Syncwright.run("provision", "--db", pg.jdbcUrl(), "--scope", "log", "--tables", "events").succeeds();
            Path snapshots = dir.resolve("snapshots");
            Process serve = Syncwright.start(Map.of(), "serve", "--db", pg.jdbcUrl(), "--scope", "log", "--port", "0",
                    "--bind", "127.0.0.1", "--no-auth", "--snapshots", snapshots.toString());
            try {
                String url = "http://127.0.0.1:" + port(serve);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!Files.isDirectory(snapshots) || Files.list(snapshots).noneMatch(f -> f.toString().endsWith(".snapshot.db"))) {
                    assertThat(System.nanoTime()).as("the first snapshot within a minute").isLessThan(deadline);
                    Thread.sleep(50);
                }
                SyncContractIT.exec(pg, "UPDATE events SET payload = 'since the snapshot' WHERE id <= 3");
                String local = "jdbc:sqlite:" + dir.resolve("device.db");
                Syncwright.Result first = Syncwright.run("sync", "--local", local, "--remote", url, "--scope", "log", "--json");
                first.succeeds();
                assertThat(first.err()).contains("Started from the snapshot");
                JsonNode r = JSON.readTree(first.out());
                assertThat(r.path("snapshotBytes").asLong()).isPositive();
                assertThat(r.path("download").path("applied").asLong()).as("only what changed since the snapshot").isEqualTo(3);
                assertThat(count(local)).isEqualTo(5000);
                assertThat(SyncContractIT.rows(local, "SELECT payload FROM events WHERE id = 2")).containsExactly("since the snapshot");

                String plain = "jdbc:sqlite:" + dir.resolve("plain.db");
                Syncwright.Result ordinary = Syncwright.run("sync", "--local", plain, "--remote", url, "--scope", "log", "--json",
                        "--no-snapshot");
                ordinary.succeeds();
                JsonNode o = JSON.readTree(ordinary.out());
                assertThat(o.path("snapshotBytes").isNull()).isTrue();
                assertThat(o.path("download").path("applied").asLong()).isEqualTo(5000);
                assertThat(SyncContractIT.rows(plain, "SELECT id, payload FROM events ORDER BY id"))
                        .isEqualTo(SyncContractIT.rows(local, "SELECT id, payload FROM events ORDER BY id"));
            } finally {
                assertThat(new ProcessBuilder("kill", "-TERM", String.valueOf(serve.pid())).start().waitFor()).isZero();
                assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    /** The port `serve` says it listens on. */
    private static int port(Process serve) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        String line;
        while ((line = out.readLine()) != null) {
            seen.add(line);
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "serve-output");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("serve did not say where it listens: " + seen + "; stderr: "
                + new String(serve.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static long count(String local) throws Exception {
        return Long.parseLong(SyncContractIT.rows(local, "SELECT count(*) FROM events").get(0));
    }
}
