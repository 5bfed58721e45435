package dev.syncwright.bench;

import dev.syncwright.files.FileAction;
import dev.syncwright.files.FolderReplica;
import dev.syncwright.files.FolderSync;
import dev.syncwright.files.FolderSyncResult;
import dev.syncwright.files.internal.ContentHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The {@code files} group (issue 15): folder sync against {@code cp -r} in the same run, an idle
 * re-sync of many unchanged files, a folder rename, and the content hash against SHA-256.
 */
final class FileBenchmarks {
    private final Config cfg;
    private final Path dir;

    private FileBenchmarks(Config cfg, Path dir) {
        this.cfg = cfg;
        this.dir = dir;
    }

    static Map<String, Object> run(Config cfg) throws Exception {
        Path dir = Files.createTempDirectory("sw-bench-files");
        try {
            return new FileBenchmarks(cfg, dir).all();
        } finally {
            deleteTree(dir);
        }
    }

    private Map<String, Object> all() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hash", hash());
        m.put("initialSync", initialSync());
        m.put("idleResync", idle());
        m.put("oneFolder", oneFolder());
        return m;
    }

    /**
     * N small files in one folder synced into an empty folder whose replica compares names without
     * case (as on macOS, Windows, exFAT) against one that does not, in the same run: a clash check
     * that listed the folder for every file made this 17x slower at 10,000 files (Names).
     */
    private Map<String, Object> oneFolder() throws Exception {
        int files = cfg.quick ? 1_000 : 10_000;
        Path src = Files.createDirectories(dir.resolve("oneFolder/src"));
        Path folder = Files.createDirectories(src.resolve("one"));
        for (int i = 0; i < files; i++) {
            Files.writeString(folder.resolve("f" + i + ".txt"), "content " + i);
        }
        Map<Boolean, List<Double>> seconds = new LinkedHashMap<>();
        for (int r = 0; r < 3; r++) { // the first round warms up; interleaved
            for (boolean caseless : new boolean[] {false, true}) {
                deleteTree(src.resolve(".syncwright"));
                Path dst = Files.createDirectory(dir.resolve("oneFolder/dst" + r + caseless));
                long t = System.nanoTime();
                try (FolderReplica a = FolderReplica.at(src).fsync(false).open();
                        FolderReplica b = FolderReplica.at(dst).fsync(false).caseInsensitive(caseless).open()) {
                    FolderSync.between(a, b).run();
                }
                if (r > 0) {
                    seconds.computeIfAbsent(caseless, k -> new ArrayList<>()).add((System.nanoTime() - t) / 1e9);
                }
            }
        }
        double sensitive = Bench.median(seconds.get(false));
        double insensitive = Bench.median(seconds.get(true));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("files", files);
        m.put("caseSensitiveSeconds", Bench.round(sensitive));
        m.put("caseInsensitiveSeconds", Bench.round(insensitive));
        m.put("ratio", Bench.round(insensitive / sensitive));
        m.put("target", "ratio near 1: a clash check on a case-insensitive volume must not list the folder per file");
        deleteTree(dir.resolve("oneFolder"));
        return m;
    }

    private Map<String, Object> hash() throws Exception {
        int mb = cfg.quick ? 32 : 512;
        byte[] block = new byte[1 << 20];
        new Random(1).nextBytes(block);
        double xxh = 0;
        double sha = 0;
        for (int rep = 0; rep < 2; rep++) { // the first pass warms up
            long t = System.nanoTime();
            ContentHash h = new ContentHash();
            for (int i = 0; i < mb; i++) {
                h.update(block, 0, block.length);
            }
            h.digest();
            xxh = mb / ((System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < mb; i++) {
                d.update(block);
            }
            d.digest();
            sha = mb / ((System.nanoTime() - t) / 1e9);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("xxh3_128MBps", Bench.round(xxh));
        m.put("sha256MBps", Bench.round(sha));
        m.put("ratio", Bench.round(xxh / sha));
        return m;
    }

    /**
     * N files of about B bytes in total under data/ (sizes vary 0..2x the mean), in 100-file folders,
     * last modified an hour ago, as files at rest are (a file modified in the last 2 s is hashed on
     * every scan, see Scanner.RACY_NANOS).
     */
    private static void generate(Path root, int files, long totalBytes, Random rnd) throws IOException {
        long mean = Math.max(1, totalBytes / files);
        byte[] buf = new byte[(int) Math.min(Integer.MAX_VALUE - 8, 2 * mean + 1)];
        rnd.nextBytes(buf);
        for (int i = 0; i < files; i++) {
            Path p = root.resolve("data/d" + (i / 100) + "/f" + i + ".bin");
            Files.createDirectories(p.getParent());
            int size = (int) Math.min(buf.length, (long) (rnd.nextDouble() * 2 * mean));
            buf[0] = (byte) i; // distinct contents
            buf[Math.min(1, buf.length - 1)] = (byte) (i >> 8);
            Files.write(p, java.util.Arrays.copyOf(buf, size));
            Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        }
    }

    private Map<String, Object> initialSync() throws Exception {
        int files = cfg.files;
        long bytes = (long) cfg.fileMb << 20;
        Path src = Files.createDirectory(dir.resolve("src"));
        generate(src, files, bytes, new Random(2));
        List<Double> cp = new ArrayList<>();
        List<Double> cpSync = new ArrayList<>();
        List<Double> sw = new ArrayList<>();
        List<Double> swNoFsync = new ArrayList<>();
        int reps = cfg.quick ? 1 : 2;
        // The first repetition in a fresh JVM runs while the JIT compiles the sync's code (a third of
        // its CPU, on 2 cores) and loads jOOQ for the metadata stores: a warm-up as in the other
        // groups, its figures reported apart as what a command-line run of one sync pays.
        int warmups = cfg.quick ? 0 : cfg.warmups;
        Map<Boolean, Double> first = new LinkedHashMap<>(); // the first repetition's syncs, by fsync
        FolderSyncResult last = null;
        List<Path> copies = new ArrayList<>();
        Path lastFsynced = null;
        for (int r = 0; r < warmups + reps; r++) { // interleaved, so load and cache affect both alike
            // Nothing is deleted until the end, and dirty pages are flushed before each timing: on a
            // volume mounted with 'discard', a deleted gigabyte slows the next file creations for
            // seconds, which would land on whichever step came next.
            settle();
            Path cpDst = dir.resolve("cp" + r);
            copies.add(cpDst);
            long t = System.nanoTime();
            Process p = new ProcessBuilder("cp", "-r", src.toString(), cpDst.toString()).inheritIO().start();
            Bench.check(p.waitFor() == 0, "cp -r failed");
            boolean measured = r >= warmups;
            double cpSeconds = (System.nanoTime() - t) / 1e9;
            settle(); // what cp -r leaves unwritten: its time to durable, the fair floor for the fsync figure
            if (measured) {
                cp.add(cpSeconds);
                cpSync.add((System.nanoTime() - t) / 1e9);
            }
            for (boolean fsync : new boolean[] {true, false}) {
                deleteTree(src.resolve(".syncwright")); // the source is scanned and hashed every time
                Path dst = Files.createDirectory(dir.resolve("sw" + r + fsync));
                copies.add(dst);
                settle();
                t = System.nanoTime();
                try (FolderReplica a = FolderReplica.at(src).fsync(fsync).recycle(false).open();
                        FolderReplica b = FolderReplica.at(dst).fsync(fsync).recycle(false).open()) {
                    last = FolderSync.between(a, b).run();
                }
                double seconds = (System.nanoTime() - t) / 1e9;
                if (measured) {
                    (fsync ? sw : swNoFsync).add(seconds);
                } else if (r == 0) {
                    first.put(fsync, seconds);
                }
                Bench.check(last.count(FileAction.Kind.CREATE) == files, "expected " + files + " files created, got " + last.count(FileAction.Kind.CREATE));
                if (fsync) {
                    lastFsynced = dst;
                }
            }
        }
        double cpMed = Bench.median(cp);
        double swMed = Bench.median(sw);
        double noFsyncMed = Bench.median(swNoFsync);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("files", files);
        m.put("megabytes", cfg.fileMb);
        m.put("cpSeconds", Bench.round(cpMed));
        double cpSyncMed = Bench.median(cpSync);
        m.put("cpThenSyncSeconds", Bench.round(cpSyncMed));
        m.put("ratioVsCpThenSync", Bench.round(swMed / cpSyncMed));
        m.put("syncwrightSeconds", Bench.round(swMed));
        m.put("syncwrightNoFsyncSeconds", Bench.round(noFsyncMed));
        m.put("ratio", Bench.round(swMed / cpMed));
        m.put("ratioNoFsync", Bench.round(noFsyncMed / cpMed));
        m.put("warmups", warmups);
        if (!first.isEmpty()) {
            m.put("firstInJvmSeconds", Bench.round(first.get(true)));
            m.put("firstInJvmNoFsyncSeconds", Bench.round(first.get(false)));
        }
        m.put("target", "ratio <= 1.3 (cp -r does not fsync: compare ratioNoFsync, and ratioVsCpThenSync for cp -r followed by sync)");
        m.put("met", swMed / cpMed <= 1.3);
        // a rename of the whole tree: no data copied (the source's metadata is the last no-fsync run's)
        deleteTree(src.resolve(".syncwright"));
        Path dst = lastFsynced;
        try (FolderReplica a = FolderReplica.open(src); FolderReplica b = FolderReplica.open(dst)) {
            Bench.check(FolderSync.between(a, b).run().bytesCopied() == 0, "the source's first scan against an equal copy copied data");
        }
        Files.move(src.resolve("data"), src.resolve("renamed"));
        settle();
        long t = System.nanoTime();
        FolderSyncResult moved;
        try (FolderReplica a = FolderReplica.open(src); FolderReplica b = FolderReplica.open(dst)) {
            moved = FolderSync.between(a, b).run();
        }
        Map<String, Object> rn = new LinkedHashMap<>();
        rn.put("seconds", Bench.round((System.nanoTime() - t) / 1e9));
        rn.put("moves", moved.count(FileAction.Kind.MOVE));
        rn.put("bytesCopied", moved.bytesCopied());
        rn.put("met", moved.bytesCopied() == 0 && moved.count(FileAction.Kind.MOVE) == files);
        m.put("folderRename", rn);
        deleteTree(src);
        for (Path c : copies) {
            deleteTree(c);
        }
        return m;
    }

    private Map<String, Object> idle() throws Exception {
        int files = cfg.idleFiles;
        Path a = Files.createDirectory(dir.resolve("idleA"));
        Path b = Files.createDirectory(dir.resolve("idleB"));
        generate(a, files, files * 100L, new Random(3));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("files", files);
        long t = System.nanoTime();
        try (FolderReplica ra = FolderReplica.at(a).fsync(false).open(); FolderReplica rb = FolderReplica.at(b).fsync(false).open()) {
            FolderSync.between(ra, rb).run();
        }
        m.put("initialSeconds", Bench.round((System.nanoTime() - t) / 1e9));
        List<Double> warm = new ArrayList<>();
        List<Double> cold = new ArrayList<>();
        for (int r = 0; r < Math.max(2, cfg.reps); r++) {
            t = System.nanoTime();
            FolderReplica ra = FolderReplica.open(a);
            FolderReplica rb = FolderReplica.open(b);
            long opened = System.nanoTime();
            FolderSyncResult res = FolderSync.between(ra, rb).run();
            long synced = System.nanoTime();
            ra.close();
            rb.close();
            Bench.check(res.sent() == 0, "an idle re-sync sent " + res.sent() + " changes");
            warm.add((synced - opened) / 1e9);
            cold.add((System.nanoTime() - t) / 1e9);
        }
        m.put("syncSeconds", Bench.round(Bench.median(warm)));
        m.put("withOpenSeconds", Bench.round(Bench.median(cold)));
        m.put("target", "syncSeconds <= 1.0 (100,000 files)");
        m.put("met", Bench.median(warm) <= 1.0);
        deleteTree(a);
        deleteTree(b);
        return m;
    }

    @SuppressWarnings("unchecked")
    static void rows(StringBuilder b, String fmt, Map<String, Object> f) {
        Map<String, Object> init = (Map<String, Object>) f.get("initialSync");
        if (init != null) {
            Report.row(b, fmt, "files initial " + init.get("files") + " files/" + init.get("megabytes") + " MB",
                    String.format(java.util.Locale.ROOT, "%.2fx cp -r (%s s vs %s s); without fsync %.2fx (%s s); %.2fx cp -r + sync (%s s)",
                            init.get("ratio"), init.get("syncwrightSeconds"), init.get("cpSeconds"), init.get("ratioNoFsync"),
                            init.get("syncwrightNoFsyncSeconds"), init.get("ratioVsCpThenSync"), init.get("cpThenSyncSeconds")),
                    "<= 1.3x", init.get("met"));
            if (init.get("firstInJvmSeconds") != null) {
                Report.row(b, fmt, "  first sync in a fresh JVM", String.format(java.util.Locale.ROOT, "%s s, without fsync %s s (warm-up, not in the ratio)",
                        init.get("firstInJvmSeconds"), init.get("firstInJvmNoFsyncSeconds")), "report", null);
            }
            Map<String, Object> rn = (Map<String, Object>) init.get("folderRename");
            Report.row(b, fmt, "  rename of that folder", String.format(java.util.Locale.ROOT, "%s s, %s moves, %s bytes copied", rn.get("seconds"),
                    rn.get("moves"), rn.get("bytesCopied")), "0 bytes", rn.get("met"));
        }
        Map<String, Object> idle = (Map<String, Object>) f.get("idleResync");
        if (idle != null) {
            Report.row(b, fmt, "files idle re-sync " + idle.get("files") + " files", String.format(java.util.Locale.ROOT,
                    "%s s (%s s with opening both replicas)", idle.get("syncSeconds"), idle.get("withOpenSeconds")), "<= 1 s", idle.get("met"));
        }
        Map<String, Object> h = (Map<String, Object>) f.get("hash");
        if (h != null) {
            Report.row(b, fmt, "files content hash", String.format(java.util.Locale.ROOT, "XXH3-128 %s MB/s, SHA-256 %s MB/s (%.1fx)",
                    h.get("xxh3_128MBps"), h.get("sha256MBps"), h.get("ratio")), "report", null);
        }
    }

    /** Flushes dirty pages (the {@code sync} command), so that one step's writeback is not timed in the next. */
    private static void settle() throws IOException, InterruptedException {
        new ProcessBuilder("sync").inheritIO().start().waitFor();
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
