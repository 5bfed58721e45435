package dev.syncwright.files.internal;

import dev.syncwright.core.simple.ItemFields;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
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
        Entry e = new Entry((UUID) f.get(FileSchema.ID), path, 0, 0, null, (byte[]) f.get(FileSchema.HASH), 0, "?", root.resolve(path));
        byte[] stat = (byte[]) f.get(FileSchema.STAT);
        if (stat != null) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stat))) {
                e.size = in.readLong();
                e.mtime = in.readLong();
                e.checked = in.readLong();
                e.origin = in.readUTF();
                e.key = in.readBoolean() ? in.readUTF() : null;
            } catch (IOException x) {
                // an unreadable stat only costs a hash: the file is read again
                e.checked = 0;
            }
        }
        return e;
    }

    private byte[] stat() {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(b)) {
            out.writeLong(size);
            out.writeLong(mtime);
            out.writeLong(checked);
            out.writeUTF(origin);
            out.writeBoolean(key != null);
            if (key != null) {
                out.writeUTF(key);
            }
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return b.toByteArray();
    }

    ItemFields fields() {
        Map<Integer, Object> m = new HashMap<>(8);
        m.put(FileSchema.ID, id);
        m.put(FileSchema.PATH, path);
        m.put(FileSchema.HASH, hash);
        m.put(FileSchema.STAT, stat());
        return ItemFields.of(m);
    }

    FileContent content() {
        return new FileContent(source, size, mtime, hash, origin);
    }
}
