package dev.syncwright.files.internal;

import dev.syncwright.core.simple.ItemFields;
import java.nio.file.Path;
import java.util.UUID;

/**
 * One file as the store knows it during a sync run: identity, path, what the scanner saw and the
 * hash. {@code source} is where its bytes are (the file itself, or in a preview the other replica's
 * file that would have been copied here); {@code frozen} marks an excluded path whose item keeps
 * its last recorded state.
 */
final class Entry {
    final UUID id;
    String path;
    long size;
    long mtime;
    String key;
    byte[] hash;
    long checked;
    String origin;
    Path source;
    boolean frozen;

    Entry(UUID id, String path, long size, long mtime, String key, byte[] hash, long checked, String origin, Path source) {
        this.id = id;
        this.path = path;
        this.size = size;
        this.mtime = mtime;
        this.key = key;
        this.hash = hash;
        this.checked = checked;
        this.origin = origin;
        this.source = source;
    }

    /** An entry for a recorded item, as the metadata has it. */
    static Entry recorded(ItemFields f, Path root) {
        String path = FileSchema.cleanPath(f.get(FileSchema.PATH));
        return new Entry((UUID) f.get(FileSchema.ID), path, orZero(f.get(FileSchema.SIZE)), orZero(f.get(FileSchema.MTIME)),
                (String) f.get(FileSchema.KEY), (byte[]) f.get(FileSchema.HASH), orZero(f.get(FileSchema.CHECKED)),
                f.get(FileSchema.ORIGIN) == null ? "?" : (String) f.get(FileSchema.ORIGIN), root.resolve(path));
    }

    private static long orZero(Object v) {
        return v == null ? 0 : (Long) v;
    }

    ItemFields fields() {
        return ItemFields.of(FileSchema.ID, id, FileSchema.PATH, path, FileSchema.HASH, hash)
                .with(FileSchema.SIZE, size).with(FileSchema.MTIME, mtime).with(FileSchema.KEY, key)
                .with(FileSchema.CHECKED, checked).with(FileSchema.ORIGIN, origin);
    }

    FileContent content() {
        return new FileContent(source, size, mtime, hash, origin);
    }
}
