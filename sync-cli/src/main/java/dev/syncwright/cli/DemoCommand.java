package dev.syncwright.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.SessionStatistics;
import dev.syncwright.core.SyncDirection;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.jdbc.ConflictRecord;
import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.jdbc.SqliteClients;
import dev.syncwright.tracking.Provisioner;
import dev.syncwright.tracking.SyncScope;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Shows Syncwright doing its main job with no set-up: starts an embedded PostgreSQL 17 server (in a "
                + "temporary directory, removed at the end), creates a small shop schema (customers, products, orders, "
                + "order_lines with foreign keys; a few thousand rows), provisions it, and syncs it with a new SQLite "
                + "client file, step by step:",
            "  1. the initial download to the empty client,",
            "  2. an offline edit on each side to different columns of one row, merged column by column,",
            "  3. a real conflict (one column edited on both sides) resolved by the server-wins policy, with its "
                + "conflict log row,",
            "  4. deletes travelling both ways,",
            "  5. a final check that server and client are equal, row by row over all four tables.",
            "It ends with a summary table and the commands to look at the SQLite file. No database server, Docker or "
                + "network is needed; the PostgreSQL connection variables are not read."},
        footerHeading = "%nExamples:%n",
        footer = {"  syncwright demo",
            "  syncwright demo --dir /tmp/sw --quiet",
            "  syncwright demo --keep      # leave the server running; Ctrl-C stops it",
            "",
            "With --keep, sync by hand against the printed URL, e.g.:",
            "  syncwright sync --local jdbc:sqlite:syncwright-demo.db --scope demo \\",
            "      --remote 'jdbc:postgresql://localhost:PORT/shop?user=postgres'"})
final class DemoCommand implements Callable<Integer> {
    static final String SCOPE = "demo";
    static final String FILE_NAME = "syncwright-demo.db";
    static final List<String> TABLES = DemoShop.TABLES;
    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".",
            description = "Directory for the SQLite client file " + FILE_NAME + " (default: the current directory). A file "
                    + "left by an earlier demo is replaced.")
    Path dir;

    @Option(names = "--keep", description = "Leave the embedded server running at the end and print its JDBC URL, "
            + "to try 'syncwright sync' and 'status' by hand; Ctrl-C stops it and removes its data.")
    boolean keep;

    @Option(names = "--quiet", description = "No progress bars or progress lines; the steps and the summary are still shown.")
    boolean quiet;

    @Option(names = "--verbose", description = "Show stack traces and the embedded server's logging on failure.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    private PrintWriter out;
    private Progress progress;
    private final List<Step> steps = new ArrayList<>();

    /** One line of the summary table. */
    private record Step(String name, long up, long down, long conflicts, Duration time) {
    }

    @Override
    public Integer call() {
        Logging.configure(verbose, new Secrets());
        out = spec.commandLine().getOut();
        progress = Progress.of(quiet, spec.commandLine().getErr());
        Path file = dir.resolve(FILE_NAME).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            return fail(ExitCodes.CONFIGURATION, "--dir " + dir + " is not a directory", null);
        }
        Path data;
        try {
            data = Files.createTempDirectory("syncwright-demo-pg-");
        } catch (IOException e) {
            return fail(ExitCodes.CONFIGURATION, "cannot create a temporary directory for the embedded server: " + e.getMessage(), e);
        }
        HikariDataSource server = null;
        HikariDataSource client = null;
        // stops the server and removes its data: at the end, or on Ctrl-C (always with --keep)
        DemoServer demoServer = new DemoServer(data);
        Thread hook = new Thread(demoServer::stop, "syncwright-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Instant t0 = Instant.now();
            say("Syncwright demo: a PostgreSQL server and a SQLite client, kept in sync.");
            say("");
            say("Starting an embedded PostgreSQL server (no installed database needed) ...");
            String serverUrl = demoServer.start();
            server = serverPool(serverUrl);
            String version = DemoShop.query(server, "SHOW server_version");
            say("  PostgreSQL " + version + " on port " + demoServer.port() + ", data in " + data + " (removed at the end), started in "
                    + Progress.seconds(Duration.between(t0, Instant.now())));

            Instant t = Instant.now();
            int rows = DemoShop.create(server);
            say("Created the shop schema on the server: customers, products, orders and order_lines (with foreign keys), "
                    + rows + " rows.");
            Provisioner.of(server).provision(SyncScope.named(SCOPE).tables(DemoShop.TABLES).build());
            say("Provisioned scope '" + SCOPE + "' on the server: tracking tables and triggers; the existing rows were "
                    + "backfilled as changes to send.");
            steps.add(new Step("set up server (schema, " + rows + " rows, provision)", 0, 0, 0, Duration.between(t, Instant.now())));

            deleteClientFile(file);
            // a new client file, opened as `syncwright sync` opens one (ADR 041)
            client = SqliteClients.file(file).poolName("demo-client").open();
            JdbcSyncProvider serverReplica = JdbcSyncProvider.open(server, SCOPE);
            JdbcSyncProvider clientReplica = JdbcSyncProvider.openClient(client, serverReplica);

            // 1. initial download
            say("");
            say("Step 1 - initial download. The client " + file + " is new: its tables were created from the server's "
                    + "scope definition, and now every row comes down in batches.");
            SyncResult r = sync("initial download", clientReplica, serverReplica);
            say("  " + r.download().applied() + " rows downloaded in " + r.download().batches() + " batches; the client "
                    + "has " + DemoShop.count(client, "order_lines") + " order lines.");

            // 2. column-level merge
            say("");
            say("Step 2 - offline edits on both sides, to different columns of one row.");
            DemoShop.exec(client, "UPDATE customers SET email = 'ada@new-mail.example' WHERE id = 1");
            DemoShop.exec(server, "UPDATE customers SET city = 'Reykjavik' WHERE id = 1");
            say("  client (offline): UPDATE customers SET email = 'ada@new-mail.example' WHERE id = 1");
            say("  server:           UPDATE customers SET city = 'Reykjavik' WHERE id = 1");
            r = sync("column-level merge", clientReplica, serverReplica);
            String serverRow = DemoShop.query(server, "SELECT email || ', ' || city FROM customers WHERE id = 1");
            String clientRow = DemoShop.query(client, "SELECT email || ', ' || city FROM customers WHERE id = 1");
            say("  after the sync, customer 1 on the server: " + serverRow + "; on the client: " + clientRow);
            say("  Only the changed columns travelled, so both edits are kept, with no conflict ("
                    + r.totalConflicts() + " conflicts).");

            // 3. a real conflict
            say("");
            say("Step 3 - a real conflict: the same column of one row edited on both sides.");
            DemoShop.exec(client, "UPDATE products SET price = 19.99 WHERE id = 7");
            DemoShop.exec(server, "UPDATE products SET price = 24.50 WHERE id = 7");
            say("  client (offline): UPDATE products SET price = 19.99 WHERE id = 7");
            say("  server:           UPDATE products SET price = 24.50 WHERE id = 7");
            long serverLogBefore = serverReplica.conflicts(false).size();
            long clientLogBefore = clientReplica.conflicts(false).size();
            r = sync("conflict (server wins)", clientReplica, serverReplica);
            say("  " + r.totalConflicts() + (r.totalConflicts() == 1 ? " conflict" : " conflicts") + " detected; policy "
                    + "server-wins kept the server's value: price on the server " + DemoShop.decimal(DemoShop.query(server,
                            "SELECT price FROM products WHERE id = 7")) + ", on the client " + DemoShop.decimal(DemoShop.query(client,
                            "SELECT price FROM products WHERE id = 7")) + ".");
            List<ConflictRecord> logged = new ArrayList<>();
            serverReplica.conflicts(false).stream().skip(serverLogBefore).forEach(logged::add);
            List<ConflictRecord> clientLogged = clientReplica.conflicts(false).stream().skip(clientLogBefore).toList();
            showConflicts("server", logged);
            showConflicts("client", clientLogged);

            // 4. deletes
            say("");
            say("Step 4 - deletes travel too.");
            DemoShop.exec(client, "DELETE FROM order_lines WHERE order_id = 42");
            DemoShop.exec(client, "DELETE FROM orders WHERE id = 42");
            DemoShop.exec(server, "DELETE FROM order_lines WHERE order_id = 43");
            DemoShop.exec(server, "DELETE FROM orders WHERE id = 43");
            say("  client (offline): deleted order 42 and its order lines");
            say("  server:           deleted order 43 and its order lines");
            r = sync("deletes", clientReplica, serverReplica);
            say("  after the sync: order 42 on the server: " + DemoShop.count(server, "orders WHERE id = 42") + " rows; order 43 on "
                    + "the client: " + DemoShop.count(client, "orders WHERE id = 43") + " rows.");

            // 5. the final check
            say("");
            say("Step 5 - final check: every row of the four tables, compared column by column.");
            t = Instant.now();
            List<String> differences = new ArrayList<>();
            long compared = 0;
            for (String table : DemoShop.TABLES) {
                compared += DemoShop.compare(table, server, client, differences);
            }
            steps.add(new Step("final check", 0, 0, 0, Duration.between(t, Instant.now())));
            boolean equal = differences.isEmpty();
            if (equal) {
                say("Final check: server and client are EQUAL (" + compared + " rows in " + DemoShop.TABLES.size()
                        + " tables compared row by row).");
            } else {
                say("Final check: server and client are NOT EQUAL (" + differences.size() + " differences in " + compared
                        + " rows):");
                differences.stream().limit(20).forEach(d -> say("  " + d));
            }

            say("");
            summary(Duration.between(t0, Instant.now()));
            say("");
            say("The SQLite client stays in " + file);
            say("Look at it with:");
            if (onPath("sqlite3")) {
                say("  sqlite3 " + file + " 'SELECT * FROM customers LIMIT 5'");
            }
            say("  ./syncwright status --db jdbc:sqlite:" + file + " --scope " + SCOPE);
            if (keep) {
                say("");
                say("The server keeps running (--keep); its data is removed when you stop it with Ctrl-C.");
                say("  JDBC URL: " + serverUrl + "   (local connections are trusted; no password)");
                say("  ./syncwright status --db '" + serverUrl + "' --scope " + SCOPE);
                say("  ./syncwright sync --local jdbc:sqlite:" + file + " --remote '" + serverUrl + "' --scope " + SCOPE);
                say("  psql '" + "postgresql://postgres@localhost:" + demoServer.port() + "/shop'");
                out.flush();
                close(client);
                client = null;
                close(server);
                server = null;
                demoServer.awaitStop(); // Ctrl-C runs the hook

            }
            out.flush();
            return equal ? ExitCodes.OK : ExitCodes.FAILED;
        } catch (CliFailure e) {
            return fail(e.exitCode(), e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SyncCommand.INTERRUPTED;
        } catch (SQLException | RuntimeException e) {
            return fail(ExitCodes.FAILED, "the demo failed: " + DatabaseCommand.rootMessage(e), e);
        } finally {
            close(client);
            close(server);
            demoServer.stop();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or ran
            }
        }
    }

    private SyncResult sync(String name, JdbcSyncProvider client, JdbcSyncProvider server) {
        Instant t = Instant.now();
        SyncResult r;
        try (SyncProgressView view = new SyncProgressView(progress, "  ")) {
            r = SyncOrchestrator.between(client, server)
                    .direction(SyncDirection.UPLOAD_AND_DOWNLOAD)
                    .conflicts(ConflictPolicy.SERVER_WINS)
                    .batchSizeRows(1000)
                    .onProgress(view::accept)
                    .run();
        }
        say("  synced: " + plural(sent(r.upload()), "change") + " up, " + sent(r.download()) + " down, "
                + plural(r.totalConflicts(), "conflict") + ", " + Progress.seconds(r.duration()));
        steps.add(new Step(name, sent(r.upload()), sent(r.download()), r.totalConflicts(), Duration.between(t, Instant.now())));
        return r;
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private static long sent(SessionStatistics s) {
        return s.sent();
    }

    private void showConflicts(String side, List<ConflictRecord> records) {
        for (ConflictRecord c : records) {
            say("  conflict log on the " + side + ": #" + c.id() + " table " + c.table() + ", key " + c.keyJson() + ", kind "
                    + c.kind() + ", resolution " + (c.resolution() == null ? "(deferred)" : c.resolution()) + ", local "
                    + c.localJson() + ", remote " + c.remoteJson() + ", resolved " + c.resolved());
        }
        if (!records.isEmpty() && side.equals("server")) {
            say("  (the upload met the conflict with the server as its destination, so DESTINATION_WINS means the server "
                    + "won; the JSON holds both sides' values, null for the columns the client did not change)");
        }
    }

    private void summary(Duration total) {
        int w = Math.max(4, steps.stream().mapToInt(s -> s.name().length()).max().orElse(4));
        say(String.format(Locale.ROOT, "%-" + w + "s  %8s  %10s  %9s  %8s", "STEP", "ROWS UP", "ROWS DOWN", "CONFLICTS", "TIME"));
        for (Step s : steps) {
            say(String.format(Locale.ROOT, "%-" + w + "s  %8d  %10d  %9d  %8s", s.name(), s.up(), s.down(), s.conflicts(),
                    Progress.seconds(s.time())));
        }
        say(String.format(Locale.ROOT, "%-" + w + "s  %8d  %10d  %9d  %8s", "total (with server start)",
                steps.stream().mapToLong(Step::up).sum(), steps.stream().mapToLong(Step::down).sum(),
                steps.stream().mapToLong(Step::conflicts).sum(), Progress.seconds(total)));
    }

    private static HikariDataSource serverPool(String url) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("demo-server");
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(SqliteClients.DEFAULT_POOL_SIZE);
        config.setMinimumIdle(1);
        return new HikariDataSource(config);
    }

    private void deleteClientFile(Path file) {
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            Path p = Path.of(file + suffix);
            try {
                if (Files.deleteIfExists(p) && suffix.isEmpty()) {
                    say("  (replaced " + p + " from an earlier demo)");
                }
            } catch (IOException e) {
                throw new CliFailure(ExitCodes.CONFIGURATION, "cannot replace " + p + " from an earlier demo: " + e.getMessage(), e);
            }
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, command))) {
                return true;
            }
        }
        return false;
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }

    private int fail(int exitCode, String message, Throwable e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.qualifiedName() + ": " + DatabaseCommand.oneLine(message));
        if (verbose && e != null) {
            e.printStackTrace(err);
        }
        err.flush();
        return exitCode;
    }

    private static void close(HikariDataSource ds) {
        if (ds != null) {
            try {
                ds.close();
            } catch (RuntimeException ignored) {
                // the result is already decided
            }
        }
    }
}
