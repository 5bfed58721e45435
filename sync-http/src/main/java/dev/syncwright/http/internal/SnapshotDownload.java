package dev.syncwright.http.internal;

import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.SyncException;
import dev.syncwright.http.FetchedSnapshot;
import dev.syncwright.jdbc.Snapshots;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The client's side of {@code GET .../snapshot} (ADR 066): the file streamed to {@code NAME.part}
 * beside the target, its length and CRC-32C checked against what the server announced, forced to
 * the disk, adopted (a replica id of its own), then renamed into place. A download cut off goes on
 * where it stopped ({@code Range} with {@code If-Range}: the same file, or the whole of a newer one
 * if the server replaced it meanwhile), for as long as each attempt gets further; after
 * {@value #STALLED_ATTEMPTS} attempts that bring nothing, or a file that arrives damaged, it fails
 * and leaves no target behind.
 */
public final class SnapshotDownload {
    private static final int STALLED_ATTEMPTS = 3;
    private static final int MAX_ATTEMPTS = 100;

    private SnapshotDownload() {
    }

    /** What the server announced of the file being downloaded. */
    private record Announced(String sha256, long crc32c, ReplicaId server, long length) {}

    public static Optional<FetchedSnapshot> fetch(HttpCalls http, Path target, Duration timeout) {
        if (Files.exists(target)) {
            throw new SyncException("A snapshot is only fetched into a new file; " + target + " exists");
        }
        Path part = target.resolveSibling(target.getFileName() + ".part");
        // what an earlier process left: a part of unknown origin, and what a process killed while adopting left beside it,
        // which SQLite would apply to the new file
        for (Path p : List.of(part, sibling(part, "-wal"), sibling(part, "-shm"))) {
            deleteQuietly(p);
        }
        Announced resuming = null;
        int stalled = 0;
        int resumes = 0;
        for (int attempt = 1; ; attempt++) {
            long had = resuming == null ? 0 : size(part);
            HttpResponse<InputStream> r;
            try {
                r = had > 0 ? http.get(Protocol.SNAPSHOT, timeout, "Range", "bytes=" + had + "-", "If-Range", "\"" + resuming.sha256() + "\"")
                        : http.get(Protocol.SNAPSHOT, timeout);
            } catch (ServerRefusal e) {
                deleteQuietly(part);
                if (e.status() == 404 && e.code().equals("NO_SNAPSHOT")) {
                    return Optional.empty();
                }
                throw e;
            } catch (RuntimeException e) {
                deleteQuietly(part);
                throw e;
            }
            Announced announced = null;
            long from = 0; // where this attempt writes from: the end of the part, or the start of a file sent whole
            try {
                announced = announced(r);
                boolean resumed = r.statusCode() == 206 && had > 0 && announced.equals(resuming)
                        && r.headers().firstValue("Content-Range").orElse("").startsWith("bytes " + had + "-");
                if (r.statusCode() == 206 && !resumed) {
                    throw new SyncException("The server answered a resumed snapshot download with a range it was not asked for");
                }
                resumes += resumed ? 1 : 0;
                from = resumed ? had : 0;
                save(r, part, from, announced);
                // adopted before it takes the target's name: a file found there later is a replica of its own (ADR 066)
                ReplicaId replica = Snapshots.adopt(part, http.scope());
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
                Snapshots.force(target.toAbsolutePath().getParent());
                return Optional.of(new FetchedSnapshot(target, announced.length(), announced.sha256(), announced.server(), replica,
                        resumes));
            } catch (IOException e) {
                boolean further = announced != null && size(part) > from;
                stalled = further ? 0 : stalled + 1;
                resuming = announced;
                if (stalled >= STALLED_ATTEMPTS || attempt >= MAX_ATTEMPTS || e instanceof Damaged) {
                    deleteQuietly(part);
                    throw new SyncException("Downloading the snapshot of scope '" + http.scope() + "' failed after " + attempt
                            + (attempt == 1 ? " attempt" : " attempts") + "; the last: " + e.getMessage(), e);
                }
            } catch (RuntimeException e) {
                deleteQuietly(part);
                throw e;
            }
        }
    }

    /** A file that arrived whole but not as announced: asking again would bring the same. */
    private static final class Damaged extends IOException {
        private static final long serialVersionUID = 1L;

        Damaged(String message) {
            super(message);
        }
    }

    private static Announced announced(HttpResponse<InputStream> r) throws IOException {
        String sha = r.headers().firstValue(Protocol.SNAPSHOT_SHA256_HEADER).orElse(null);
        String server = r.headers().firstValue(Protocol.SNAPSHOT_SERVER_HEADER).orElse(null);
        String crc = r.headers().firstValue(Protocol.SNAPSHOT_CRC32C_HEADER).orElse("");
        long length = r.headers().firstValueAsLong("Content-Length").orElse(-1);
        String range = r.headers().firstValue("Content-Range").orElse(null);
        if (range != null) { // "bytes FROM-TO/TOTAL": the whole file's length is the total
            length = Long.parseLong(range.substring(range.lastIndexOf('/') + 1).strip());
        }
        if (sha == null || server == null || !server.matches("[0-9a-fA-F-]{36}") || !sha.matches("[0-9a-fA-F]{64}") || !crc.matches("\\d{1,10}")
                || length < 0) {
            r.body().close();
            throw new SyncException("The server's snapshot answer lacks its " + Protocol.SNAPSHOT_SHA256_HEADER + ", "
                    + Protocol.SNAPSHOT_CRC32C_HEADER + ", "
                    + Protocol.SNAPSHOT_SERVER_HEADER + " or length: is it a Syncwright server of protocol " + Protocol.VERSION + "?");
        }
        return new Announced(sha.toLowerCase(java.util.Locale.ROOT), Long.parseLong(crc), ReplicaId.parse(server), length);
    }

    /** Writes the body into {@code part} from {@code from} on, then checks the whole file against what was announced. */
    private static void save(HttpResponse<InputStream> r, Path part, long from, Announced a) throws IOException {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        if (from > 0) {
            try (InputStream earlier = Files.newInputStream(part)) {
                checksum(crc, earlier, from);
            }
        }
        try (InputStream in = new java.util.zip.CheckedInputStream(r.body(), crc);
                OutputStream out = from > 0 ? Files.newOutputStream(part, StandardOpenOption.APPEND)
                        : Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE)) {
            in.transferTo(out);
        }
        long bytes = size(part);
        if (bytes < a.length()) {
            throw new IOException("the connection ended after " + bytes + " of " + a.length() + " bytes");
        }
        long got = crc.getValue();
        if (bytes != a.length() || got != a.crc32c()) {
            throw new Damaged("the snapshot arrived damaged: " + bytes + " bytes with CRC-32C " + got + ", announced " + a.length()
                    + " bytes with CRC-32C " + a.crc32c());
        }
        Snapshots.force(part);
    }

    private static void checksum(java.util.zip.Checksum crc, InputStream in, long bytes) throws IOException {
        byte[] buf = new byte[1 << 16];
        for (long left = bytes; left > 0; ) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new IOException("the part downloaded so far is shorter than it was");
            }
            crc.update(buf, 0, n);
            left -= n;
        }
    }

    private static long size(Path p) {
        try {
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static Path sibling(Path p, String suffix) {
        return p.resolveSibling(p.getFileName() + suffix);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the next attempt writes it anew
        }
    }
}
