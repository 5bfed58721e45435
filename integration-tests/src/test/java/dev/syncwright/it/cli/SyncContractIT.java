package dev.syncwright.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncwright.dialect.Dialects;
import dev.syncwright.dialect.UnsupportedDatabaseException;
import dev.syncwright.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code syncwright sync} end to end, written once and run per server database: the built jar in its
 * own process, a server database of the test's own, and a SQLite client file that does not exist
 * before the first sync.
 */
abstract class SyncContractIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CUSTOMERS = "SELECT id, name, email, phone FROM customers ORDER BY id";
    private static final String ORDERS = "SELECT id, customer_id, note FROM orders ORDER BY id";
    private static final Pattern PROGRESS = Pattern.compile("^(upload|download) batch (\\d+) committed: (\\d+) .*");

    TestDatabase server;

    @TempDir
    Path dir;

    Path clientFile;

    abstract TestDatabase create(String hint);

    @BeforeEach
    void createServer() throws SQLException {
        server = create(getClass().getSimpleName());
        try {
            Dialects.detect(server.dataSource());
        } catch (UnsupportedDatabaseException e) {
            Assumptions.abort("No Syncwright dialect registered for " + server.kind() + " yet: " + e.getMessage());
        }
        clientFile = dir.resolve("client.db");
    }

    @AfterEach
    void dropServer() {
        if (server != null) {
            server.close();
        }
    }

    String client() {
        return "jdbc:sqlite:" + clientFile;
    }

    @Test
    void initialDownloadThenEditsOnBothSidesAndConflictPolicies() throws Exception {
        exec(server, "CREATE TABLE customers (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL,"
                + " email VARCHAR(100), phone VARCHAR(30))");
        exec(server, "CREATE TABLE orders (id INTEGER NOT NULL PRIMARY KEY, customer_id INTEGER NOT NULL, note VARCHAR(100),"
                + " FOREIGN KEY (customer_id) REFERENCES customers (id))");
        StringBuilder customers = new StringBuilder("INSERT INTO customers (id, name, email, phone) VALUES ");
        for (int i = 1; i <= 20; i++) {
            customers.append(i > 1 ? ", " : "").append("(").append(i).append(", 'Customer ").append(i).append("', ")
                    .append(i % 3 == 0 ? "NULL" : "'c" + i + "@example.org'").append(", '555-").append(i).append("')");
        }
        exec(server, customers.toString());
        StringBuilder orders = new StringBuilder("INSERT INTO orders (id, customer_id, note) VALUES ");
        for (int i = 1; i <= 30; i++) {
            orders.append(i > 1 ? ", " : "").append("(").append(i).append(", ").append(1 + i % 20).append(", 'order ")
                    .append(i).append("')");
        }
        exec(server, orders.toString());
        Syncwright.run("provision", "--db", server.jdbcUrl(), "--scope", "sales", "--tables", "customers,orders").succeeds();
        assertThat(clientFile).doesNotExist();

        // initial download into a SQLite file that does not exist yet
        Syncwright.Result first = sync("--json");
        JsonNode json = json(first);
        assertThat(json.get("localFileCreated").asBoolean()).isTrue();
        assertThat(json.get("localProvisioned").asBoolean()).isTrue();
        assertThat(json.get("download").get("sent").asLong()).isEqualTo(50);
        assertThat(json.get("download").get("applied").asLong()).isEqualTo(50);
        assertThat(json.get("download").get("conflicts").asLong()).isZero();
        assertThat(json.get("download").get("batches").asInt()).isPositive();
        assertThat(json.get("upload").get("sent").asLong()).isZero();
        assertThat(json.get("durationMs").asLong()).isNotNegative();
        assertBothSidesEqual();
        assertThat(rows(client(), "SELECT count(*) FROM customers")).containsExactly("20");

        // nothing changed: nothing travels
        JsonNode idle = json(sync("--json"));
        assertThat(idle.get("localFileCreated").asBoolean()).isFalse();
        assertThat(idle.get("localProvisioned").asBoolean()).isFalse();
        assertThat(idle.get("upload").get("sent").asLong()).isZero();
        assertThat(idle.get("download").get("sent").asLong()).isZero();

        // edits on both sides: different columns of one row, deletes, inserts (a parent and its child on the client)
        exec(client(), "UPDATE customers SET email = 'ada@client.example' WHERE id = 1");
        exec(client(), "INSERT INTO customers (id, name, email, phone) VALUES (100, 'Client-made', NULL, '1')");
        exec(client(), "INSERT INTO orders (id, customer_id, note) VALUES (200, 100, 'child of a new client row')");
        exec(client(), "DELETE FROM orders WHERE id = 2");
        exec(server, "UPDATE customers SET phone = '999' WHERE id = 1");
        exec(server, "INSERT INTO customers (id, name, email, phone) VALUES (101, 'Server-made', 's@example.org', NULL)");
        exec(server, "DELETE FROM orders WHERE id = 3");
        JsonNode edits = json(sync("--json"));
        assertThat(edits.get("upload").get("sent").asLong()).isEqualTo(4);
        assertThat(edits.get("upload").get("conflicts").asLong()).isZero();
        assertThat(edits.get("download").get("conflicts").asLong()).isZero();
        assertBothSidesEqual();
        assertThat(rows(server.jdbcUrl(), "SELECT email, phone FROM customers WHERE id = 1")).containsExactly("ada@client.example|999");
        assertThat(rows(server.jdbcUrl(), "SELECT id FROM orders WHERE id IN (2, 3, 200)")).containsExactly("200");
        assertThat(rows(client(), "SELECT id FROM customers WHERE id >= 100 ORDER BY id")).containsExactly("100", "101");

        // the same column on both sides, client wins
        exec(client(), "UPDATE customers SET name = 'Client name' WHERE id = 5");
        exec(server, "UPDATE customers SET name = 'Server name' WHERE id = 5");
        JsonNode clientWins = json(sync("--json", "--conflicts", "client-wins"));
        assertThat(clientWins.get("upload").get("conflicts").asLong() + clientWins.get("download").get("conflicts").asLong())
                .isEqualTo(1);
        assertThat(rows(server.jdbcUrl(), "SELECT name FROM customers WHERE id = 5")).containsExactly("Client name");
        assertBothSidesEqual();

        // the same column on both sides, deferred: exit 1, both sides keep their value
        exec(client(), "UPDATE customers SET name = 'Client again' WHERE id = 6");
        exec(server, "UPDATE customers SET name = 'Server again' WHERE id = 6");
        Syncwright.Result deferred = sync("--json", "--conflicts", "defer");
        assertThat(deferred.exit()).as("exit code; stderr: %s", deferred.err()).isEqualTo(Cli.CONFLICTS);
        JsonNode d = JSON.readTree(deferred.out());
        assertThat(d.get("upload").get("conflictsByResolution").path("DEFER").asLong()
                + d.get("download").get("conflictsByResolution").path("DEFER").asLong()).isPositive();
        assertThat(rows(server.jdbcUrl(), "SELECT name FROM customers WHERE id = 6")).containsExactly("Server again");
        assertThat(rows(client(), "SELECT name FROM customers WHERE id = 6")).containsExactly("Client again");

        // and settled by the default policy on the next sync, in words this time
        Syncwright.Result settled = sync().succeeds();
        assertThat(settled.out()).contains("Synced scope 'sales'", "upload:", "download:", "conflict");
        assertThat(rows(client(), "SELECT name FROM customers WHERE id = 6")).containsExactly("Server again");
        assertBothSidesEqual();
        Syncwright.Result quiet = sync("--quiet").succeeds();
        assertThat(quiet.out()).isEmpty();
        assertThat(quiet.err()).isEmpty();
    }

    /**
     * SIGKILL in the middle of the initial download; the next sync completes, re-sends at most the
     * interrupted batch beyond what was still missing, and the client equals the server.
     */
    @Test
    void killedSyncResumesAndReSendsAtMostTheInterruptedBatch() throws Exception {
        int rowCount = 40_000;
        int batchRows = 500;
        exec(server, "CREATE TABLE events (id INTEGER NOT NULL PRIMARY KEY, payload VARCHAR(200) NOT NULL)");
        for (int from = 1; from <= rowCount; from += 1000) {
            StringBuilder insert = new StringBuilder("INSERT INTO events (id, payload) VALUES ");
            for (int i = from; i < from + 1000 && i <= rowCount; i++) {
                insert.append(i > from ? ", " : "").append("(").append(i).append(", 'event ").append(i)
                        .append(" ").append("x".repeat(120)).append("')");
            }
            exec(server, insert.toString());
        }
        Syncwright.run("provision", "--db", server.jdbcUrl(), "--scope", "log", "--tables", "events").succeeds();

        Process p = Syncwright.start(Map.of(), "sync", "--local", client(), "--remote", server.jdbcUrl(), "--scope", "log",
                "--batch-rows", String.valueOf(batchRows), "--json");
        CompletableFuture<String> out = Syncwright.read(p.getInputStream());
        long committedBeforeKill = -1;
        List<String> seen = new ArrayList<>();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                seen.add(line);
                Matcher m = PROGRESS.matcher(line);
                if (m.matches() && m.group(1).equals("download") && Integer.parseInt(m.group(2)) >= 3) {
                    committedBeforeKill = Long.parseLong(m.group(3));
                    p.destroyForcibly();
                    break;
                }
            }
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(committedBeforeKill).as("a download progress line for batch 3; stderr: %s", seen).isPositive();
        assertThat(p.exitValue()).as("killed before it finished; stdout: %s", out.join()).isNotZero();
        assertThat(committedBeforeKill).isLessThan(rowCount);
        long onClient = Long.parseLong(rows(client(), "SELECT count(*) FROM events").get(0));
        assertThat(onClient).as("committed batches survive the kill").isBetween(committedBeforeKill, (long) rowCount - 1);

        Syncwright.Result again = sync("--scope", "log", "--batch-rows", String.valueOf(batchRows), "--json");
        JsonNode json = json(again);
        assertThat(json.get("localFileCreated").asBoolean()).isFalse();
        assertThat(json.get("localProvisioned").asBoolean()).isFalse();
        assertThat(json.get("upload").get("sent").asLong()).as("nothing echoes back").isZero();
        assertThat(json.get("download").get("sent").asLong()).as("re-sends at most the interrupted batch")
                .isLessThanOrEqualTo(rowCount - committedBeforeKill + batchRows)
                .isGreaterThanOrEqualTo(rowCount - onClient);
        System.out.printf("[%s] killed after %d committed rows (%d on the client); the resumed sync sent %d of %d in %d ms%n",
                getClass().getSimpleName(), committedBeforeKill, onClient, json.get("download").get("sent").asLong(), rowCount,
                json.get("durationMs").asLong());
        String events = "SELECT id, payload FROM events ORDER BY id";
        List<String> serverRows = rows(server.jdbcUrl(), events);
        assertThat(serverRows).hasSize(rowCount);
        assertThat(rows(client(), events)).isEqualTo(serverRows);
    }

    @Test
    void unknownScopeOnTheRemoteIsNamed() throws Exception {
        exec(server, "CREATE TABLE customers (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(100))");
        Syncwright.run("provision", "--db", server.jdbcUrl(), "--scope", "sales", "--tables", "customers").succeeds();
        Syncwright.Result r = Syncwright.run("sync", "--local", client(), "--remote", server.jdbcUrl(), "--scope", "nosuchscope")
                .failsWithOneLine(Cli.CONFIGURATION);
        assertThat(r.err()).contains("'nosuchscope'", "not provisioned");
        assertThat(clientFile).as("nothing created for a sync that cannot start").doesNotExist();

        // with --json, one error object on stdout too, its message the stderr line's
        Syncwright.Result j = Syncwright.run("sync", "--local", client(), "--remote", server.jdbcUrl(), "--scope", "nosuchscope",
                "--json").failsWithOneLine(Cli.CONFIGURATION);
        assertThat(j.out().strip()).as("one JSON object on one line").doesNotContain("\n");
        JsonNode e = JSON.readTree(j.out());
        assertThat(e.get("error").get("exitCode").asInt()).isEqualTo(Cli.CONFIGURATION);
        assertThat(e.get("error").get("code").asText()).isEqualTo("CONFIGURATION");
        assertThat(e.get("error").get("message").asText()).isEqualTo(j.err().strip().substring("syncwright sync: ".length()));
        assertThat(e.get("scope").asText()).isEqualTo("nosuchscope");
        assertThat(e.get("direction").asText()).isEqualTo("both");
        assertThat(e.get("conflicts").asText()).isEqualTo("server-wins");
    }

    /** An existing SQLite file that lacks the scope is provisioned, not created: the report says which. */
    @Test
    void anExistingFileWithoutTheScopeIsReportedAsProvisionedNotCreated() throws Exception {
        exec(server, "CREATE TABLE customers (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(100))");
        exec(server, "INSERT INTO customers (id, name) VALUES (1, 'Ada'), (2, 'Grace')");
        Syncwright.run("provision", "--db", server.jdbcUrl(), "--scope", "sales", "--tables", "customers").succeeds();
        exec(client(), "CREATE TABLE app_settings (k TEXT PRIMARY KEY, v TEXT)");
        JsonNode json = json(sync("--json"));
        assertThat(json.get("localFileCreated").asBoolean()).isFalse();
        assertThat(json.get("localProvisioned").asBoolean()).isTrue();
        assertThat(json.has("localCreated")).isFalse();
        assertThat(rows(client(), "SELECT id, name FROM customers ORDER BY id")).containsExactly("1|Ada", "2|Grace");

        Path other = dir.resolve("other.db");
        exec("jdbc:sqlite:" + other, "CREATE TABLE app_settings (k TEXT PRIMARY KEY, v TEXT)");
        Syncwright.Result existing = Syncwright.run("sync", "--local", "jdbc:sqlite:" + other, "--remote", server.jdbcUrl(),
                "--scope", "sales").succeeds();
        assertThat(existing.out()).contains("scope provisioned from the server's").doesNotContain("new file");
        Path fresh = dir.resolve("fresh.db");
        Syncwright.Result created = Syncwright.run("sync", "--local", "jdbc:sqlite:" + fresh, "--remote", server.jdbcUrl(),
                "--scope", "sales").succeeds();
        assertThat(created.out()).contains("new file: tables created and provisioned");
        assertThat(sync().succeeds().out()).doesNotContain("new file", "provisioned from");
    }

    /** Rows the database refuses are named by side, whatever the cause, with the way to the conflict log. */
    @Test
    void refusedRowsAreReportedByTheDatabaseThatRefusedThem() throws Exception {
        exec(server, "CREATE TABLE customers (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL, UNIQUE (name))");
        exec(server, "INSERT INTO customers (id, name) VALUES (1, 'Ada')");
        Syncwright.run("provision", "--db", server.jdbcUrl(), "--scope", "sales", "--tables", "customers").succeeds();
        sync().succeeds();
        // the same unique name on both sides: the server refuses the upload, the client the download
        exec(client(), "INSERT INTO customers (id, name) VALUES (2, 'Zed')");
        exec(server, "INSERT INTO customers (id, name) VALUES (3, 'Zed')");
        Syncwright.Result r = sync();
        assertThat(r.exit()).as("exit code; stderr: %s", r.err()).isEqualTo(Cli.CONFLICTS);
        assertThat(r.out()).contains("1 row was refused by the remote database (the conflict log has each row's key and the "
                + "database's error: 'syncwright status --db " + masked(server.jdbcUrl()) + " --scope sales')")
                .contains("1 row was refused by the local database (the conflict log has each row's key and the database's "
                        + "error: 'syncwright status --db " + client() + " --scope sales')")
                .doesNotContain("unique or foreign-key")
                // each refused row, with its table, key and the database's own error
                .containsPattern("refused by the remote database: table [\\w.]*customers, row \\[2\\]: .+")
                .containsPattern("refused by the local database: table [\\w.]*customers, row \\[3\\]: .+");
        assertThat(Syncwright.run("status", "--db", server.jdbcUrl(), "--scope", "sales").succeeds().out())
                .containsPattern("Conflict log: 1 open").containsPattern("customers \\[2\\] constraint: table [\\w.]*customers, row \\[2\\]: .+");
        assertThat(Syncwright.run("status", "--db", server.jdbcUrl(), "--scope", "sales", "--json").succeeds().out())
                .contains("\"openEntries\":[{").contains("\"key\":\"[2]\"").contains("\"kind\":\"CONSTRAINT\"");
        // refused again by the next sync: still one entry in each log
        sync();
        assertThat(conflicts(server.jdbcUrl())).isEqualTo(new long[] {1, 1});
    }

    /** {@code status} reports the conflict log: zeros before any sync, open after a deferred one, none open once settled. */
    @Test
    void statusCountsTheConflictLog() throws Exception {
        exec(server, "CREATE TABLE customers (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(100))");
        exec(server, "INSERT INTO customers (id, name) VALUES (1, 'Ada'), (2, 'Grace')");
        Syncwright.run("provision", "--db", server.jdbcUrl(), "--scope", "sales", "--tables", "customers").succeeds();
        // never synced: the database may have no conflict log yet, which counts as empty
        assertThat(conflicts(server.jdbcUrl())).isEqualTo(new long[] {0, 0});
        sync().succeeds();
        assertThat(conflicts(client())).isEqualTo(new long[] {0, 0});

        exec(client(), "UPDATE customers SET name = 'Client' WHERE id = 1");
        exec(server, "UPDATE customers SET name = 'Server' WHERE id = 1");
        Syncwright.Result deferred = sync("--conflicts", "defer");
        assertThat(deferred.exit()).as("exit code; stderr: %s", deferred.err()).isEqualTo(Cli.CONFLICTS);
        long[] onServer = conflicts(server.jdbcUrl());
        long[] onClient = conflicts(client());
        assertThat(onServer[0] + onClient[0]).as("open conflicts on server + client").isPositive();
        assertThat(onServer[1]).isGreaterThanOrEqualTo(onServer[0]);
        assertThat(onClient[1]).isGreaterThanOrEqualTo(onClient[0]);
        String logged = onServer[0] > 0 ? server.jdbcUrl() : client();
        assertThat(Syncwright.run("status", "--db", logged, "--scope", "sales").succeeds().out())
                .containsPattern("Conflict log: [1-9]\\d* open");

        sync().succeeds();
        long[] settledServer = conflicts(server.jdbcUrl());
        long[] settledClient = conflicts(client());
        assertThat(settledServer[0] + settledClient[0]).as("open after the default policy settled them").isZero();
        assertThat(settledServer[1] + settledClient[1]).as("the log keeps settled conflicts").isPositive();
    }

    /** {open, total} from {@code status --json}. */
    static long[] conflicts(String url) throws Exception {
        JsonNode c = json(Syncwright.run("status", "--db", url, "--scope", "sales", "--json")).get("conflicts");
        assertThat(c).as("conflicts in status --json").isNotNull();
        return new long[] {c.get("open").asLong(), c.get("total").asLong()};
    }

    /** A sync of scope "sales" (unless {@code --scope} is among the extra arguments) from the client file to the server. */
    Syncwright.Result sync(String... extra) {
        List<String> args = new ArrayList<>(List.of("sync", "--local", client(), "--remote", server.jdbcUrl()));
        if (!List.of(extra).contains("--scope")) {
            args.addAll(List.of("--scope", "sales"));
        }
        args.addAll(List.of(extra));
        return Syncwright.run(args.toArray(String[]::new));
    }

    static JsonNode json(Syncwright.Result r) throws Exception {
        r.succeeds();
        assertThat(r.out().strip()).as("one JSON object on one line").doesNotContain("\n");
        return JSON.readTree(r.out());
    }

    void assertBothSidesEqual() throws SQLException {
        assertThat(rows(client(), CUSTOMERS)).as("customers").isEqualTo(rows(server.jdbcUrl(), CUSTOMERS));
        assertThat(rows(client(), ORDERS)).as("orders").isEqualTo(rows(server.jdbcUrl(), ORDERS));
    }

    static void exec(TestDatabase db, String sql) throws SQLException {
        exec(db.jdbcUrl(), sql);
    }

    static void exec(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** A URL as the command prints it: the value of a password parameter, even an empty one, is *** (README). */
    static String masked(String url) {
        return url.replaceAll("(?i)([?&;](?:password[123]?|passwd|pwd|sslpassword)=)[^&]*", "$1***");
    }

    /** Rows as "a|b|c" strings, every value by getString. */
    static List<String> rows(String url, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(b.toString());
            }
        }
        return out;
    }
}
