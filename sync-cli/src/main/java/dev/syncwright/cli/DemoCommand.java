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
import dev.syncwright.tracking.Provisioner;
import dev.syncwright.tracking.SyncScope;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import javax.sql.DataSource;
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
    static final List<String> TABLES = List.of("customers", "products", "orders", "order_lines");
    private static final int CUSTOMERS = 400;
    private static final int PRODUCTS = 120;
    private static final int ORDERS = 1200;
    private static final String[] CITIES = {"Lisbon", "Porto", "Berlin", "Lyon", "Oslo", "Turin", "Gdansk", "Leeds"};
    private static final String[] WORDS = {"Oak", "Linen", "Copper", "Slate", "Maple", "Wool", "Cedar", "Clay", "Brass", "Jute"};
    private static final String[] THINGS = {"lamp", "chair", "mug", "rug", "shelf", "vase", "stool", "clock", "tray", "basket"};

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
        Cleanup cleanup = new Cleanup(data);
        Thread hook = new Thread(cleanup::run, "syncwright-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Instant t0 = Instant.now();
            say("Syncwright demo: a PostgreSQL server and a SQLite client, kept in sync.");
            say("");
            say("Starting an embedded PostgreSQL server (no installed database needed) ...");
            EmbeddedPostgres pg;
            try {
                pg = EmbeddedPostgres.builder()
                        .setDataDirectory(data)
                        .setCleanDataDirectory(true)
                        .setRegisterShutdownHook(false)
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .setServerConfig("fsync", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
                cleanup.server(pg);
            } catch (IOException | RuntimeException e) {
                return fail(ExitCodes.CONFIGURATION, "cannot start the embedded PostgreSQL server: "
                        + DatabaseCommand.rootMessage(e), e);
            }
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE shop");
            }
            String serverUrl = "jdbc:postgresql://localhost:" + pg.getPort() + "/shop?user=postgres";
            server = pool("demo-server", serverUrl, false);
            String version = query(server, "SHOW server_version");
            say("  PostgreSQL " + version + " on port " + pg.getPort() + ", data in " + data + " (removed at the end), started in "
                    + Progress.seconds(Duration.between(t0, Instant.now())));

            Instant t = Instant.now();
            int rows = createShop(server);
            say("Created the shop schema on the server: customers, products, orders and order_lines (with foreign keys), "
                    + rows + " rows.");
            Provisioner.of(server).provision(SyncScope.named(SCOPE).tables(TABLES).build());
            say("Provisioned scope '" + SCOPE + "' on the server: tracking tables and triggers; the existing rows were "
                    + "backfilled as changes to send.");
            steps.add(new Step("set up server (schema, " + rows + " rows, provision)", 0, 0, 0, Duration.between(t, Instant.now())));

            deleteClientFile(file);
            client = pool("demo-client", "jdbc:sqlite:" + file, true);
            JdbcSyncProvider serverReplica = JdbcSyncProvider.open(server, SCOPE);
            JdbcSyncProvider clientReplica = JdbcSyncProvider.openClient(client, serverReplica);

            // 1. initial download
            say("");
            say("Step 1 - initial download. The client " + file + " is new: its tables were created from the server's "
                    + "scope definition, and now every row comes down in batches.");
            SyncResult r = sync("initial download", clientReplica, serverReplica);
            say("  " + r.download().applied() + " rows downloaded in " + r.download().batches() + " batches; the client "
                    + "has " + count(client, "order_lines") + " order lines.");

            // 2. column-level merge
            say("");
            say("Step 2 - offline edits on both sides, to different columns of one row.");
            exec(client, "UPDATE customers SET email = 'ada@new-mail.example' WHERE id = 1");
            exec(server, "UPDATE customers SET city = 'Reykjavik' WHERE id = 1");
            say("  client (offline): UPDATE customers SET email = 'ada@new-mail.example' WHERE id = 1");
            say("  server:           UPDATE customers SET city = 'Reykjavik' WHERE id = 1");
            r = sync("column-level merge", clientReplica, serverReplica);
            String serverRow = query(server, "SELECT email || ', ' || city FROM customers WHERE id = 1");
            String clientRow = query(client, "SELECT email || ', ' || city FROM customers WHERE id = 1");
            say("  after the sync, customer 1 on the server: " + serverRow + "; on the client: " + clientRow);
            say("  Only the changed columns travelled, so both edits are kept, with no conflict ("
                    + r.totalConflicts() + " conflicts).");

            // 3. a real conflict
            say("");
            say("Step 3 - a real conflict: the same column of one row edited on both sides.");
            exec(client, "UPDATE products SET price = 19.99 WHERE id = 7");
            exec(server, "UPDATE products SET price = 24.50 WHERE id = 7");
            say("  client (offline): UPDATE products SET price = 19.99 WHERE id = 7");
            say("  server:           UPDATE products SET price = 24.50 WHERE id = 7");
            long serverLogBefore = serverReplica.conflicts(false).size();
            long clientLogBefore = clientReplica.conflicts(false).size();
            r = sync("conflict (server wins)", clientReplica, serverReplica);
            say("  " + r.totalConflicts() + (r.totalConflicts() == 1 ? " conflict" : " conflicts") + " detected; policy "
                    + "server-wins kept the server's value: price on the server " + decimal(query(server,
                            "SELECT price FROM products WHERE id = 7")) + ", on the client " + decimal(query(client,
                            "SELECT price FROM products WHERE id = 7")) + ".");
            List<ConflictRecord> logged = new ArrayList<>();
            serverReplica.conflicts(false).stream().skip(serverLogBefore).forEach(logged::add);
            List<ConflictRecord> clientLogged = clientReplica.conflicts(false).stream().skip(clientLogBefore).toList();
            showConflicts("server", logged);
            showConflicts("client", clientLogged);

            // 4. deletes
            say("");
            say("Step 4 - deletes travel too.");
            exec(client, "DELETE FROM order_lines WHERE order_id = 42");
            exec(client, "DELETE FROM orders WHERE id = 42");
            exec(server, "DELETE FROM order_lines WHERE order_id = 43");
            exec(server, "DELETE FROM orders WHERE id = 43");
            say("  client (offline): deleted order 42 and its order lines");
            say("  server:           deleted order 43 and its order lines");
            r = sync("deletes", clientReplica, serverReplica);
            say("  after the sync: order 42 on the server: " + count(server, "orders WHERE id = 42") + " rows; order 43 on "
                    + "the client: " + count(client, "orders WHERE id = 43") + " rows.");

            // 5. the final check
            say("");
            say("Step 5 - final check: every row of the four tables, compared column by column.");
            t = Instant.now();
            List<String> differences = new ArrayList<>();
            long compared = 0;
            for (String table : TABLES) {
                compared += compare(table, server, client, differences);
            }
            steps.add(new Step("final check", 0, 0, 0, Duration.between(t, Instant.now())));
            boolean equal = differences.isEmpty();
            if (equal) {
                say("Final check: server and client are EQUAL (" + compared + " rows in " + TABLES.size()
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
                say("  psql '" + "postgresql://postgres@localhost:" + pg.getPort() + "/shop'");
                out.flush();
                close(client);
                client = null;
                close(server);
                server = null;
                cleanup.stopped.await(); // Ctrl-C runs the hook

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
            cleanup.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or ran
            }
        }
    }

    /** Stops the embedded server once and removes its data directory. */
    private static final class Cleanup {
        private final Path data;
        private volatile EmbeddedPostgres pg;
        private boolean done;
        final CountDownLatch stopped = new CountDownLatch(1);

        Cleanup(Path data) {
            this.data = data;
        }

        void server(EmbeddedPostgres server) {
            this.pg = server;
        }

        synchronized void run() {
            if (done) {
                return;
            }
            done = true;
            if (pg != null) {
                closeQuietly(pg);
            }
            deleteTree(data);
            stopped.countDown();
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
        return s == null ? 0 : s.sent();
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

    /** The shop, generated from a fixed seed: every run has the same rows. */
    private static int createShop(DataSource ds) throws SQLException {
        Random random = new Random(20240501L);
        int rows = 0;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL, "
                        + "email VARCHAR(200) NOT NULL, city VARCHAR(100))");
                s.execute("CREATE TABLE products (id BIGINT PRIMARY KEY, sku VARCHAR(20) NOT NULL UNIQUE, "
                        + "name VARCHAR(100) NOT NULL, price NUMERIC(10,2) NOT NULL)");
                s.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL REFERENCES customers(id), "
                        + "ordered_on DATE NOT NULL, status VARCHAR(20) NOT NULL)");
                s.execute("CREATE TABLE order_lines (order_id BIGINT NOT NULL REFERENCES orders(id), line_no INTEGER NOT NULL, "
                        + "product_id BIGINT NOT NULL REFERENCES products(id), quantity INTEGER NOT NULL, "
                        + "unit_price NUMERIC(10,2) NOT NULL, PRIMARY KEY (order_id, line_no))");
            }
            String[] first = {"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Niklaus", "Radia", "Ken"};
            String[] last = {"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Wirth", "Perlman", "Thompson"};
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO customers VALUES (?, ?, ?, ?)")) {
                for (int i = 1; i <= CUSTOMERS; i++) {
                    String f = first[(i - 1) % first.length];
                    String l = last[((i - 1) / first.length) % last.length];
                    ps.setLong(1, i);
                    ps.setString(2, f + " " + l);
                    ps.setString(3, f.toLowerCase(Locale.ROOT) + "." + l.toLowerCase(Locale.ROOT) + i + "@example.com");
                    ps.setString(4, CITIES[random.nextInt(CITIES.length)]);
                    ps.addBatch();
                    rows++;
                }
                ps.executeBatch();
            }
            BigDecimal[] prices = new BigDecimal[PRODUCTS + 1];
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO products VALUES (?, ?, ?, ?)")) {
                for (int i = 1; i <= PRODUCTS; i++) {
                    prices[i] = BigDecimal.valueOf(199 + random.nextInt(9800), 2);
                    ps.setLong(1, i);
                    ps.setString(2, String.format(Locale.ROOT, "SKU-%05d", i));
                    ps.setString(3, WORDS[random.nextInt(WORDS.length)] + " " + THINGS[random.nextInt(THINGS.length)]);
                    ps.setBigDecimal(4, prices[i]);
                    ps.addBatch();
                    rows++;
                }
                ps.executeBatch();
            }
            String[] statuses = {"new", "paid", "shipped", "delivered"};
            LocalDate start = LocalDate.of(2024, 1, 1);
            try (PreparedStatement orders = c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?)");
                    PreparedStatement lines = c.prepareStatement("INSERT INTO order_lines VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= ORDERS; i++) {
                    orders.setLong(1, i);
                    orders.setLong(2, 1 + random.nextInt(CUSTOMERS));
                    orders.setObject(3, start.plusDays(random.nextInt(365)));
                    orders.setString(4, statuses[random.nextInt(statuses.length)]);
                    orders.addBatch();
                    rows++;
                    int n = 1 + random.nextInt(5);
                    for (int line = 1; line <= n; line++) {
                        int product = 1 + random.nextInt(PRODUCTS);
                        lines.setLong(1, i);
                        lines.setInt(2, line);
                        lines.setLong(3, product);
                        lines.setInt(4, 1 + random.nextInt(4));
                        lines.setBigDecimal(5, prices[product]);
                        lines.addBatch();
                        rows++;
                    }
                }
                orders.executeBatch();
                lines.executeBatch();
            }
            c.commit();
        }
        return rows;
    }

    /** Compares one table on both sides, ordered by its key; returns the number of rows compared. */
    private static long compare(String table, DataSource server, DataSource client, List<String> differences)
            throws SQLException {
        List<List<String>> a = rows(server, table);
        List<List<String>> b = rows(client, table);
        int before = differences.size();
        int i = 0;
        int j = 0;
        Comparator<List<String>> byKey = Comparator.comparing((List<String> r) -> Long.parseLong(r.get(0)))
                .thenComparing(r -> table.equals("order_lines") ? Long.parseLong(r.get(1)) : 0L);
        while (i < a.size() || j < b.size()) {
            if (differences.size() - before > 20) {
                break;
            }
            if (j >= b.size() || (i < a.size() && byKey.compare(a.get(i), b.get(j)) < 0)) {
                differences.add(table + " " + a.get(i) + " is only on the server");
                i++;
            } else if (i >= a.size() || byKey.compare(a.get(i), b.get(j)) > 0) {
                differences.add(table + " " + b.get(j) + " is only on the client");
                j++;
            } else {
                if (!a.get(i).equals(b.get(j))) {
                    differences.add(table + ": server " + a.get(i) + ", client " + b.get(j));
                }
                i++;
                j++;
            }
        }
        return Math.max(a.size(), b.size());
    }

    /** The rows of a demo table with their values in one form on both databases. */
    private static List<List<String>> rows(DataSource ds, String table) throws SQLException {
        String sql = switch (table) {
            case "customers" -> "SELECT id, name, email, city FROM customers ORDER BY id";
            case "products" -> "SELECT id, sku, name, price FROM products ORDER BY id";
            case "orders" -> "SELECT id, customer_id, ordered_on, status FROM orders ORDER BY id";
            default -> "SELECT order_id, line_no, product_id, quantity, unit_price FROM order_lines ORDER BY order_id, line_no";
        };
        List<List<String>> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>(n);
                for (int k = 1; k <= n; k++) {
                    String label = rs.getMetaData().getColumnLabel(k).toLowerCase(Locale.ROOT);
                    String v = rs.getString(k);
                    if (v != null && (label.equals("price") || label.equals("unit_price"))) {
                        v = decimal(v);
                    } else if (v != null && label.equals("ordered_on")) {
                        v = date(v);
                    }
                    row.add(v);
                }
                out.add(row);
            }
        }
        return out;
    }

    private static String decimal(String v) {
        return v == null ? null : new BigDecimal(v.strip()).setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    /** A date as text ({@code 2024-05-01}, maybe with a time part) or as epoch milliseconds. */
    private static String date(String v) {
        if (v.matches("-?\\d{6,}")) {
            return Instant.ofEpochMilli(Long.parseLong(v)).atOffset(ZoneOffset.UTC).toLocalDate().toString();
        }
        return v.length() > 10 ? v.substring(0, 10) : v;
    }

    private static void exec(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private static String query(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static long count(DataSource ds, String tableAndWhere) throws SQLException {
        return Long.parseLong(query(ds, "SELECT COUNT(*) FROM " + tableAndWhere));
    }

    private static HikariDataSource pool(String name, String url, boolean sqlite) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        if (sqlite) {
            config.addDataSourceProperty("foreign_keys", "true");
            config.addDataSourceProperty("busy_timeout", "30000");
            // a new client file, created as `syncwright sync` creates one (ADR 041)
            config.addDataSourceProperty("journal_mode", "WAL");
        }
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

    private static void closeQuietly(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException | RuntimeException ignored) {
            // stopping at the end; the data directory is removed next
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a temporary directory
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
