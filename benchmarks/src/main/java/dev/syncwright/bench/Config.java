package dev.syncwright.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sizes and repetitions of one benchmark run; {@link #parse} reads the command line. */
public final class Config {
    /** N of initialDownload, of the large incremental case and of the heap probe. */
    int rows = 1_000_000;
    /** N of the small incremental case. */
    int smallRows = 10_000;
    /** Rows changed per incremental sync. */
    int changes = 1_000;
    /** Rows of the upload table and client changes per upload. */
    int uploadRows = 100_000;
    int uploadChanges = 10_000;
    /** Rows of the trigger-overhead statements. */
    int bulkRows = 100_000;
    /** Measured repetitions (after warm-up) of the small scenarios and of the N-row scenarios. */
    int reps = 5;
    int bigReps = 3;
    int warmups = 1;
    int batchSizeRows = 2_000;
    /** Heap of the child JVM that runs the peak-heap download; 0 skips that scenario. */
    int heapProbeMb = 256;
    /** Files group: files and megabytes of the initial folder sync, files of the idle re-sync. */
    int files = 10_000;
    int fileMb = 1024;
    int idleFiles = 100_000;
    boolean mariadb = true;
    /** Scenario groups to run (download, upload, triggers); all when empty. */
    java.util.Set<String> only = new java.util.LinkedHashSet<>();
    /** Never a tracked file: a run must not dirty the source tree (see {@link #defaultOut()}). */
    Path out = defaultOut();
    boolean quick;

    static final String USAGE = """
            java -jar benchmarks/target/benchmarks.jar [options]
              --rows N          rows of the initial download / large incremental case (default 1000000)
              --quick           small sizes (seconds, for a smoke run; figures are not meaningful)
              --reps R          measured repetitions of the small scenarios (default 5)
              --big-reps R      measured repetitions of the N-row scenarios (default 3)
              --warmups W       warm-up repetitions before measuring (default 1)
              --batch ROWS      Syncwright batch size in rows (default 2000)
              --heap-mb MB      -Xmx of the child JVM for peakHeapMb (default 256; 0 skips it)
              --no-mariadb      skip MariaDB
              --only GROUPS     run only these, comma-separated: download (initialDownload, bootstrap, incremental,
                                metadata of the 10-column table, peakHeapMb), bootstrap (initialDownload and
                                bootstrap alone: bulk and ordinary first download against the raw copy), snapshot (a new
                                client ready from the server's snapshot over HTTP against copying the file), upload, triggers,
                                logical (the triggers group's bulk statements on a table captured from the log of an
                                embedded PostgreSQL with wal_level=logical, and the drain apart), verify
                                (equal and 10-differing N-row replicas against their initial download), files,
                                http (download of the upload table's rows and upload of its changes over
                                loopback HTTP against JDBC, one-row round trip, idle syncs' server CPU and statements)
              --files N         files of the initial folder sync against cp -r (default 10000)
              --file-mb MB      their total size (default 1024)
              --idle-files N    files of the idle folder re-sync (default 100000)
              --out FILE        JSON output (default results/latest.json next to the jar, i.e.
                                benchmarks/target/results/latest.json: under target/, git-ignored)
            Databases: SYNCWRIGHT_TEST_PG_URL / SYNCWRIGHT_TEST_MYSQL_URL, else Docker, else embedded PostgreSQL.""";

    static final java.util.List<String> GROUPS = java.util.List.of("download", "bootstrap", "snapshot", "upload", "triggers", "logical",
            "verify", "files", "http");

    /**
     * {@code results/latest.json} beside the jar ({@code benchmarks/target/}, ignored by git and
     * removed by {@code mvn clean}); run from classes (tests, an IDE), {@code target/bench-results/}.
     * The recorded figures in {@code benchmarks/results/} are written on purpose, with {@code --out}.
     */
    static Path defaultOut() {
        try {
            Path code = Path.of(Config.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(code) && code.getParent() != null) {
                return code.getParent().resolve("results").resolve("latest.json");
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // no code source (an unusual class loader): fall through to the working directory's target/
        }
        return Path.of("target", "bench-results", "latest.json");
    }

    boolean runs(String group) {
        return only.isEmpty() || only.contains(group);
    }

    public static Config quick() {
        Config c = new Config();
        c.quick = true;
        c.rows = 20_000;
        c.smallRows = 2_000;
        c.changes = 200;
        c.uploadRows = 5_000;
        c.uploadChanges = 1_000;
        c.bulkRows = 5_000;
        c.reps = 3;
        c.bigReps = 2;
        c.files = 500;
        c.fileMb = 16;
        c.idleFiles = 2_000;
        return c;
    }

    public static Config parse(String... args) {
        boolean quick = false;
        for (String a : args) {
            quick |= a.equals("--quick");
        }
        Config c = quick ? quick() : new Config();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> { }
                case "--rows" -> c.rows = positive(a, args, ++i);
                case "--reps" -> c.reps = positive(a, args, ++i);
                case "--big-reps" -> c.bigReps = positive(a, args, ++i);
                case "--warmups" -> c.warmups = Integer.parseInt(value(a, args, ++i));
                case "--batch" -> c.batchSizeRows = positive(a, args, ++i);
                case "--heap-mb" -> c.heapProbeMb = Integer.parseInt(value(a, args, ++i));
                case "--no-mariadb" -> c.mariadb = false;
                case "--out" -> c.out = Path.of(value(a, args, ++i));
                case "--files" -> c.files = positive(a, args, ++i);
                case "--file-mb" -> c.fileMb = positive(a, args, ++i);
                case "--idle-files" -> c.idleFiles = positive(a, args, ++i);
                case "--only" -> {
                    for (String g : value(a, args, ++i).split(",")) {
                        if (!GROUPS.contains(g.trim())) {
                            throw new IllegalArgumentException("--only: unknown group '" + g.trim() + "' (one of " + GROUPS + ")");
                        }
                        c.only.add(g.trim());
                    }
                }
                case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
            }
        }
        // the large incremental case needs at least the small one's rows and the changed rows
        c.rows = Math.max(c.rows, c.smallRows);
        c.changes = Math.min(c.changes, c.smallRows);
        c.uploadChanges = Math.min(c.uploadChanges, c.uploadRows);
        return c;
    }

    private static String value(String option, String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    private static int positive(String option, String[] args, int i) {
        int v = Integer.parseInt(value(option, args, i).replace("_", ""));
        if (v < 1) {
            throw new IllegalArgumentException(option + " must be at least 1");
        }
        return v;
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("quick", quick);
        m.put("rows", rows);
        m.put("smallRows", smallRows);
        m.put("incrementalChanges", changes);
        m.put("uploadRows", uploadRows);
        m.put("uploadChanges", uploadChanges);
        m.put("bulkRows", bulkRows);
        m.put("reps", reps);
        m.put("bigReps", bigReps);
        m.put("warmups", warmups);
        m.put("batchSizeRows", batchSizeRows);
        m.put("heapProbeMb", heapProbeMb);
        m.put("files", files);
        m.put("fileMb", fileMb);
        m.put("idleFiles", idleFiles);
        if (!only.isEmpty()) {
            m.put("only", java.util.List.copyOf(only));
        }
        return m;
    }
}
