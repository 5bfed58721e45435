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
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The client's side of {@code GET .../snapshot} (ADR 066): the file streamed to {@code NAME.part}
 * beside the target, its length and SHA-256 checked against what the server announced, forced to
 * the disk, adopted (a replica id of its own), then renamed into place; a download cut off or
 * damaged is started again (up to three times) and never leaves a target behind.
 */
public final class SnapshotDownload {
    private static final int ATTEMPTS = 3;

    private SnapshotDownload() {
    }

    public static Optional<FetchedSnapshot> fetch(HttpCalls http, Path target, Duration timeout) {
        if (Files.exists(target)) {
            throw new SyncException("A snapshot is only fetched into a new file; " + target + " exists");
        }
        Path part = target.resolveSibling(target.getFileName() + ".part");
        for (int attempt = 1; ; attempt++) {
            deleteQuietly(part);
            // what a process killed while adopting an earlier download left: SQLite would apply it to the new file
            deleteQuietly(part.resolveSibling(part.getFileName() + "-wal"));
            deleteQuietly(part.resolveSibling(part.getFileName() + "-shm"));
            HttpResponse<InputStream> r;
            try {
                r = http.get(Protocol.SNAPSHOT, timeout);
            } catch (ServerRefusal e) {
                if (e.status() == 404 && e.code().equals("NO_SNAPSHOT")) {
                    return Optional.empty();
                }
                throw e;
            }
            try {
                FetchedSnapshot got = save(r, part, target);
                // adopted before it takes the target's name: a file found there later is a replica of its own (ADR 066)
                ReplicaId replica = Snapshots.adopt(part, http.scope());
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
                Snapshots.force(target.toAbsolutePath().getParent());
                return Optional.of(new FetchedSnapshot(target, got.bytes(), got.sha256(), got.server(), replica));
            } catch (IOException e) {
                deleteQuietly(part);
                if (attempt >= ATTEMPTS) {
                    throw new SyncException("Downloading the snapshot of scope '" + http.scope() + "' failed " + ATTEMPTS
                            + " times; the last time: " + e.getMessage(), e);
                }
            } catch (RuntimeException e) {
                deleteQuietly(part);
                throw e;
            }
        }
    }

    private static FetchedSnapshot save(HttpResponse<InputStream> r, Path part, Path target) throws IOException {
        String sha = r.headers().firstValue(Protocol.SNAPSHOT_SHA256_HEADER).orElse(null);
        String server = r.headers().firstValue(Protocol.SNAPSHOT_SERVER_HEADER).orElse(null);
        long length = r.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (sha == null || server == null || !server.matches("[0-9a-fA-F-]{36}")) {
            r.body().close();
            throw new SyncException("The server's snapshot answer lacks its " + Protocol.SNAPSHOT_SHA256_HEADER + " or "
                    + Protocol.SNAPSHOT_SERVER_HEADER + " header: is it a Syncwright server of protocol " + Protocol.VERSION + "?");
        }
        MessageDigest md = sha256();
        long bytes;
        try (InputStream in = new DigestInputStream(r.body(), md); OutputStream out = Files.newOutputStream(part)) {
            bytes = in.transferTo(out);
        }
        String got = HexFormat.of().formatHex(md.digest());
        if ((length >= 0 && bytes != length) || !got.equalsIgnoreCase(sha)) {
            throw new IOException("the snapshot arrived damaged: " + bytes + " bytes with SHA-256 " + got + ", announced "
                    + (length >= 0 ? length + " bytes with " : "") + "SHA-256 " + sha);
        }
        Snapshots.force(part);
        return new FetchedSnapshot(target, bytes, got, ReplicaId.parse(server), null);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the next attempt writes it anew
        }
    }
}
