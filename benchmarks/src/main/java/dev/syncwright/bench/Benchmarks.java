package dev.syncwright.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The benchmark harness (DESIGN §8, issue 6). Every figure is a ratio of two timings taken in the same
 * run, each the median of several repetitions after a warm-up. Prints a table and writes a JSON file.
 *
 * <p>A database that cannot be had (no URL, no Docker, no embedded server in the jar) is not a
 * failure: what needs it is skipped with one line saying why, and the run exits 0. A scenario that
 * fails on a database it has is a failure (exit 1).
 */
public final class Benchmarks {
    private final Config cfg;
    private final Map<String, Object> scenarios = new LinkedHashMap<>();
    private final Map<String, Object> machine = new LinkedHashMap<>();
    private final List<String> errors = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private boolean postgres;
    private boolean mariadb;

    public Benchmarks(Config cfg) {
        this.cfg = cfg;
    }

    public static void main(String[] args) throws Exception {
        Bench.quietLogs();
        Config cfg;
        try {
            cfg = Config.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Benchmarks b = new Benchmarks(cfg);
        b.run();
        System.out.println(b.table());
        System.out.println("written: " + cfg.out.toAbsolutePath());
        System.exit(b.errors.isEmpty() ? 0 : 1);
    }

    /** Runs every scenario (a failing one is recorded and the others go on) and writes the JSON file. */
    public Map<String, Object> run() throws IOException {
        long start = System.nanoTime();
        postgres = available("PostgreSQL", () -> TestDatabases.postgres("bench_probe"),
                "download, upload, verify and the PostgreSQL trigger overhead");
        mariadb = cfg.mariadb && available("MariaDB", () -> TestDatabases.mariadb("bench_probe"), "the MariaDB trigger overhead");
        if (!cfg.mariadb) {
            skip("MariaDB: --no-mariadb");
        }
        describeMachine();
        Bench.log("config %s", cfg.toMap());
        if (cfg.runs("download") && postgres) {
            guard("initialDownload+bootstrap+incremental+peakHeap", () -> new DownloadScenarios(cfg, scenarios, this::guard).run(false));
        } else if (cfg.runs("bootstrap") && postgres) {
            guard("initialDownload+bootstrap", () -> new DownloadScenarios(cfg, scenarios, this::guard).run(true));
        }
        if (cfg.runs("snapshot") && postgres) {
            guard("snapshot", () -> new SnapshotScenario(cfg, scenarios).run());
        }
        if (cfg.runs("upload") && postgres) {
            guard("upload", () -> new UploadScenario(cfg, scenarios).run());
        }
        Map<String, Object> triggers = new LinkedHashMap<>();
        scenarios.put("triggerOverhead", triggers);
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) scenarios.computeIfAbsent("metadataBytesPerRow", k -> new LinkedHashMap<>());
        if (cfg.runs("triggers")) {
            TriggerScenario t = new TriggerScenario(cfg);
            if (postgres) {
                guard("triggerOverhead postgresql", () -> t.run("postgresql", () -> TestDatabases.postgres("bench_trg"), triggers, meta));
            }
            guard("triggerOverhead sqlite", () -> t.run("sqlite", () -> TestDatabases.sqlite("bench_trg"), triggers, meta));
            if (mariadb) {
                guard("triggerOverhead mariadb", () -> t.run("mariadb", () -> TestDatabases.mariadb("bench_trg"), triggers, meta));
            }
        }
        if (cfg.runs("logical")) {
            Map<String, Object> logical = new LinkedHashMap<>();
            scenarios.put("logicalCapture", logical);
            guard("logicalCapture", () -> new LogicalCaptureScenario(cfg).run(() -> TestDatabases.postgresLogical("bench_logical"), logical));
        }
        if (cfg.runs("verify") && postgres) {
            guard("verify", () -> scenarios.put("verify", VerifyBenchmarks.run(cfg)));
        }
        if (cfg.runs("http") && postgres) {
            guard("http", () -> new HttpScenarios(cfg, scenarios).run());
        }
        if (cfg.runs("files")) {
            guard("files", () -> scenarios.put("files", FileBenchmarks.run(cfg)));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("generatedAt", Instant.now().toString());
        doc.put("totalSeconds", Bench.round((System.nanoTime() - start) / 1e9));
        machine.put("loadAverageAtEnd", loadAverage());
        doc.put("machine", machine);
        doc.put("config", cfg.toMap());
        doc.put("scenarios", scenarios);
        doc.put("skipped", skipped);
        doc.put("errors", errors);
        Path parent = cfg.out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(cfg.out.toFile(), doc);
        return doc;
    }

    public List<String> errors() {
        return errors;
    }

    /** What could not run and why, one line each. */
    public List<String> skipped() {
        return skipped;
    }

    public Map<String, Object> scenarios() {
        return scenarios;
    }

    public String table() {
        return Report.table(machine, scenarios, skipped, errors);
    }

    /**
     * Whether a server of the family can be had; if not, one line says what is skipped and why (the
     * test-support message names every source it tried: URL variable, Docker, embedded server).
     */
    private boolean available(String family, Supplier<TestDatabase> create, String needs) {
        try (TestDatabase db = create.get(); Connection c = db.connect()) {
            c.getMetaData();
            return true;
        } catch (Exception | Error e) {
            skip(family + ": skipped " + needs + " - no server (" + firstLine(e) + ")");
            return false;
        }
    }

    private void skip(String line) {
        skipped.add(line);
        System.out.println("[bench] " + line);
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        String first = m.strip().lines().findFirst().orElse(m);
        return first.length() > 200 ? first.substring(0, 200) + "..." : first;
    }

    private void guard(String name, Bench.Step step) {
        try {
            step.run();
        } catch (Exception | Error e) {
            errors.add(name + ": " + e);
            System.err.println("[bench] " + name + " FAILED");
            e.printStackTrace();
        }
    }

    /** The 1, 5 and 15 minute load averages (Linux), to tell a quiet run from a busy one; "unknown" elsewhere. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private void describeMachine() {
        machine.put("loadAverageAtStart", loadAverage());
        Runtime rt = Runtime.getRuntime();
        machine.put("availableProcessors", rt.availableProcessors());
        machine.put("maxHeapMb", rt.maxMemory() >> 20);
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        if (postgres) {
            guard("version postgresql", () -> machine.put("postgresql", version(() -> TestDatabases.postgres("bench_v"), "SELECT version()")));
        }
        guard("version sqlite", () -> machine.put("sqlite", version(() -> TestDatabases.sqlite("bench_v"), "SELECT sqlite_version()")));
        if (mariadb) {
            guard("version mariadb", () -> machine.put("mariadb", version(() -> TestDatabases.mariadb("bench_v"), "SELECT version()")));
        }
        machine.put("databaseSources", TestDatabases.describeSources());
    }

    private static String version(Supplier<TestDatabase> create, String sql) throws SQLException {
        try (TestDatabase db = create.get(); Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
