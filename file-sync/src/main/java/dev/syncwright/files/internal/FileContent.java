package dev.syncwright.files.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The value of a file's content unit as it travels in a change batch: where to read the bytes
 * (the source replica's file, read directly: file replicas sync within one process), and what they
 * must be (size and hash as the source recorded them; the copy is checked against them). The
 * modification time travels so the copy keeps it; {@code origin} names the replica whose edit made
 * this content (for the name of a conflict copy); {@code executable} whether the source file is
 * executable, which the copy then is too (null where the source's volume keeps no permissions). The
 * bit travels with the content but is no part of its identity ({@link #equals}).
 */
public record FileContent(Path source, long size, long mtime, byte[] hash, String origin, Boolean executable) {
    public FileContent {
        hash = hash.clone();
    }

    /** A content whose executable bit is not known (ADR 050, "Executable files"): a write keeps the bit of the file it replaces. */
    public FileContent(Path source, long size, long mtime, byte[] hash, String origin) {
        this(source, size, mtime, hash, origin, null);
    }

    /** This content with the executable bit its source has now ({@link Modes}; null where the volume keeps none). */
    FileContent withMode(boolean modes) {
        return new FileContent(source, size, mtime, hash, origin, modes ? Modes.executable(source) : null);
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    /** True when this is an empty folder's content ({@link FileSchema#FOLDER_HASH}): no bytes, a folder to make. */
    public boolean isFolder() {
        return FileSchema.isFolder(hash);
    }

    boolean sameBytes(byte[] otherHash) {
        return Arrays.equals(hash, otherHash);
    }

    boolean sameBytes(FileContent other) {
        return other != null && Arrays.equals(hash, other.hash);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileContent c && c.source.equals(source) && c.size == size && c.mtime == mtime
                && Arrays.equals(c.hash, hash) && c.origin.equals(origin);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }

    /** Also how the conflict log stores it: the metadata store keeps plain values. */
    @Override
    public String toString() {
        if (isFolder()) {
            return "folder";
        }
        return "xxh128:" + HexFormat.of().formatHex(hash) + " " + size + " bytes from " + origin;
    }
}
