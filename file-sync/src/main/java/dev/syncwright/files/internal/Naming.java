package dev.syncwright.files.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Names of files the sync makes. They are functions of the data only (the losing content's origin
 * and modification time, the item id), never of the replica that resolves: two replicas resolving
 * the same conflict independently make the same file, whose id (derived from its path) is then
 * the same too, so the copies meet as one item instead of piling up.
 */
final class Naming {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HHmmss").withZone(ZoneOffset.UTC);

    private Naming() {}

    /** {@code dir/name (conflict from laptop 2026-01-31 142501).ext}, the time in UTC. */
    static String conflictCopy(String path, FileContent loser) {
        String when = STAMP.format(Instant.ofEpochSecond(0, loser.mtime()));
        return withSuffix(path, "conflict from " + loser.origin().replaceAll("[\\\\/:*?\"<>|\\x00-\\x1f]", "_") + " " + when);
    }

    /** {@code dir/name (conflict 1a2b3c4d).ext}: a file moved out of another's way. */
    static String aside(String path, UUID id) {
        return withSuffix(path, "conflict " + id.toString().substring(0, 8));
    }

    static String withSuffix(String path, String text) {
        int slash = path.lastIndexOf('/');
        String dir = path.substring(0, slash + 1);
        String file = path.substring(slash + 1);
        int dot = file.lastIndexOf('.');
        String stem = dot > 0 ? file.substring(0, dot) : file;
        String ext = dot > 0 ? file.substring(dot) : "";
        return dir + stem + " (" + text + ")" + ext;
    }

    /** The n-th variant of a name that is taken: {@code name 2.ext}, {@code name 3.ext}. */
    static String variant(String path, int n) {
        int slash = path.lastIndexOf('/');
        String file = path.substring(slash + 1);
        int dot = file.lastIndexOf('.');
        return dot > 0 ? path.substring(0, slash + 1 + dot) + " " + n + file.substring(dot) : path + " " + n;
    }
}
