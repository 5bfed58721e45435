package dev.syncwright.files.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/** What a scan sees of a regular file without reading it. */
record Stat(String path, long size, long mtime, String key) {
    static Stat of(String rel, BasicFileAttributes a) {
        Object k = a.fileKey();
        return new Stat(rel, a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS), k == null ? null : k.toString());
    }

    /** The stat of a regular file now, or null when there is none. */
    static Stat read(Path file, String rel) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() ? of(rel, a) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** True when a recorded entry can be trusted to still hold its hashed content (no read needed). */
    boolean matches(Entry recorded) {
        return trusted(size, mtime, key, recorded);
    }

    /** {@link #matches} for a stat not made into a record of its own (the walk's, {@link Matcher#settle}). */
    static boolean trusted(long size, long mtime, String key, Entry recorded) {
        return size == recorded.size && mtime == recorded.mtime && (key == null || key.equals(recorded.key))
                && !Scanner.racy(recorded.mtime, recorded.checked);
    }
}
