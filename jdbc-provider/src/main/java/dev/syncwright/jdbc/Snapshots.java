package dev.syncwright.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.ReplicaIdentityException;
import dev.syncwright.core.SyncDirection;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.dialect.SqlFailure;
import dev.syncwright.jdbc.internal.Identity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import javax.sql.DataSource;

/**
 * Served snapshots (ADR 066): a scope as a ready SQLite client file, so that a new device starts with
 * one file copy instead of a download applied row by row, and the server's database does no work for
 * it until its first incremental sync.
 *
 * <p>{@link #prepare} keeps a template client of the scope next to the snapshots, brings it up to date
 * with an ordinary download (incremental after the first), and writes a compact copy of it
 * ({@code VACUUM INTO}) marked as a snapshot not yet adopted. {@link #adopt} makes such a file a
 * replica of its own: a new replica id, in one small transaction, whatever the file's size. Without
 * that step every device holding the file would sync under one id and lose each other's changes (ADR 043).
 */
public final class Snapshots {
    /** The SQLite header's application id of a snapshot not yet adopted ("SWSN"); 0 once adopted. */
    private static final int SNAPSHOT_MARK = 0x5357534E;
    private static final String SUFFIX = ".snapshot.db";

    private Snapshots() {
    }

    /**
     * A prepared snapshot: its file, size, SHA-256 (hex: its identity, in its name and ETag) and
     * CRC-32C (what a download is checked with: the JDK computes it at several GB/s, where SHA-256
     * would cost a 200 MB download a sixth of its time on the client), the server it was downloaded
     * from and when. A client checks the file against the size and CRC it was told, and its first
     * sync checks that the server it syncs with is {@code server}.
     */
    public record Published(Path file, String scope, long bytes, String sha256, long crc32c, ReplicaId server, Instant preparedAt) {}

    /**
     * Brings the scope's template in {@code directory} up to date with {@code server} and writes a new
     * snapshot file there (the files of earlier snapshots are left for the caller to delete). Safe to
     * run while earlier snapshot files are being read; not to run twice at once for one scope.
     */
    public static Published prepare(JdbcSyncProvider server, Path directory) {
        String scope = server.definition().name();
        String base = fileName(scope);
        Path template = directory.resolve(base + ".template.db");
        try {
            Files.createDirectories(directory);
            Path tmp = directory.resolve("." + base + "-" + System.nanoTime() + ".tmp");
            try {
                copyTemplate(server, template, tmp, true);
                mark(tmp);
                force(tmp);
                Digests d = digests(tmp);
                Path out = directory.resolve(base + "-" + d.sha256().substring(0, 16) + SUFFIX);
                Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                force(directory);
                return new Published(out, scope, Files.size(out), d.sha256(), d.crc32c(), server.replicaId(), Instant.now());
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new SyncException("Preparing a snapshot of scope '" + scope + "' in " + directory + " failed: " + e.getMessage(), e);
        }
    }

    /** Whether {@code file} is named as {@link #prepare} names the snapshots of {@code scope}. */
    public static boolean isSnapshotOf(Path file, String scope) {
        String name = file.getFileName().toString();
        return name.startsWith(fileName(scope) + "-") && name.endsWith(SUFFIX);
    }

    private static void copyTemplate(JdbcSyncProvider server, Path template, Path tmp, boolean mayRestart) throws IOException {
        try (HikariDataSource pool = SqliteClients.file(template).poolName("syncwright-snapshot").open()) {
            JdbcSyncProvider client = JdbcSyncProvider.openClient(pool, server);
            try {
                SyncOrchestrator.between(client, server).direction(SyncDirection.DOWNLOAD).run();
            } catch (ReplicaIdentityException e) {
                if (!mayRestart) {
                    throw e;
                }
                // the scope was provisioned again, or this is another database: its snapshot starts afresh
                pool.close();
                for (String end : new String[] {"", "-wal", "-shm"}) {
                    Files.deleteIfExists(Path.of(template + end));
                }
                copyTemplate(server, template, tmp, false);
                return;
            } finally {
                client.close();
            }
            if (client.bulkLoading() || new Identity(client.scope()).holdsOwnVersions()) {
                // adopting skips rewriting versions because a template writes none of its own (ADR 066)
                throw new SyncException("The snapshot template " + template + " of scope '" + server.definition().name()
                        + "' holds changes of its own or an unfinished first download; delete it: the next snapshot rebuilds it");
            }
            try (Connection c = pool.getConnection(); PreparedStatement p = c.prepareStatement("VACUUM INTO ?")) {
                p.setString(1, tmp.toString());
                p.execute();
            } catch (SQLException e) {
                throw new SqlFailure("Writing the snapshot of scope '" + server.definition().name() + "' from", template.toString(), e);
            }
        }
    }

    private static void mark(Path file) {
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
                Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = DELETE"); // one self-contained file
            s.execute("PRAGMA application_id = " + SNAPSHOT_MARK);
        } catch (SQLException e) {
            throw new SqlFailure("Marking the snapshot", file.toString(), e);
        }
    }

    /**
     * Makes a snapshot file, downloaded or copied, a replica of its own (see the class comment), in one
     * transaction. Refuses a file that is not a snapshot waiting to be adopted: a replica in use, or a
     * snapshot adopted already, must not take this shortcut (its own changes would not travel again).
     * Returns the new replica id.
     */
    public static ReplicaId adopt(DataSource client, String scope) {
        JdbcSyncProvider replica = JdbcSyncProvider.open(client, scope);
        try {
            return new Identity(replica.scope()).adoptSnapshot(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA application_id")) {
                    if (!rs.next() || rs.getInt(1) != SNAPSHOT_MARK) {
                        throw new SyncException("This database is not a Syncwright snapshot waiting to be adopted (it is a replica "
                                + "of its own, or was adopted already): scope '" + scope + "' keeps its replica id");
                    }
                }
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA application_id = 0");
                }
            });
        } finally {
            replica.close();
        }
    }

    /** As {@link #adopt(DataSource, String)}, for a SQLite file. */
    public static ReplicaId adopt(Path file, String scope) {
        try (HikariDataSource pool = SqliteClients.file(file).poolName("syncwright-adopt").open()) {
            return adopt(pool, scope);
        }
    }

    /** A file name for a scope: its letters and digits kept, anything else replaced, and a hash of the whole name (names differing in replaced characters differ in it). */
    static String fileName(String scope) {
        String plain = scope.replaceAll("[^A-Za-z0-9_.-]", "_");
        return (plain.length() > 40 ? plain.substring(0, 40) : plain) + "-" + Integer.toHexString(scope.hashCode());
    }

    /** A file's SHA-256 (hex: its identity) and CRC-32C (what a download is checked with). */
    public record Digests(String sha256, long crc32c) {}

    /** Both digests of a file, in one read of it. */
    public static Digests digests(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
                crc.update(buf, 0, n);
            }
            return new Digests(HexFormat.of().formatHex(md.digest()), crc.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Forces a file's or a directory's content to the disk (a directory: the names in it). */
    public static void force(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, Files.isDirectory(path) ? new StandardOpenOption[] {StandardOpenOption.READ}
                : new StandardOpenOption[] {StandardOpenOption.WRITE})) {
            ch.force(true);
        }
    }
}
