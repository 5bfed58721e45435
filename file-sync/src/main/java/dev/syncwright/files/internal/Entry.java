package dev.syncwright.files.internal;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.simple.ItemFields;
import dev.syncwright.core.spi.ItemMetadata;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One file as the store knows it during a sync run: identity, path, what the scanner saw and the
 * hash. {@code source} is where its bytes are when not in the file itself (in a preview, the other
 * replica's file that would have been copied here); null means the file at {@code path}, so that a
 * scan of 100,000 files resolves no path it does not read ({@link #source(Path)}). {@code frozen}
 * marks an excluded path whose item keeps its last recorded state. {@code base} is the record the
 * scan matched it to, untouched: while the entry still equals it, the listing reports the item
 * unchanged and the provider compares nothing.
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
    Entry base;
    /** Of a recorded entry whose custom fields are exactly what {@link #fields()} makes of it: its item id. */
    private ItemId exact;

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

    /** An empty folder's entry (ADR 050, "Empty folders"): no size, time or key, only its path. */
    static Entry folder(UUID id, String path, String origin) {
        return new Entry(id, path, 0, 0, null, FileSchema.FOLDER_HASH, 0, origin, null);
    }

    /** True when this item is an empty folder ({@link FileSchema#FOLDER_HASH}), not a file. */
    boolean isFolder() {
        return FileSchema.isFolder(hash);
    }

    /** An entry for a recorded item, as the metadata has it. */
    static Entry recorded(ItemMetadata m, Path root) {
        Map<Integer, Object> f = m.customFields();
        Object recordedPath = f.get(FileSchema.PATH);
        String path = FileSchema.cleanPath(recordedPath);
        Entry e = new Entry((UUID) f.get(FileSchema.ID), path, 0, 0, null, (byte[]) f.get(FileSchema.HASH), 0, "?", null);
        byte[] stat = (byte[]) f.get(FileSchema.STAT);
        if (stat != null && e.readStat(stat) && path.equals(recordedPath) && e.hash != null && f.size() == 4) {
            e.exact = m.itemId();
        }
        return e;
    }

    /** Reads the packed local field (the layout of DataOutputStream: longs, modified UTF-8 with a length); false when unreadable. */
    private boolean readStat(byte[] stat) {
        try {
            ByteBuffer in = ByteBuffer.wrap(stat);
            size = in.getLong();
            mtime = in.getLong();
            checked = in.getLong();
            boolean plain = ascii(stat, in.position() + 2, in.getShort(in.position()) & 0xFFFF);
            origin = utf(in);
            byte flag = in.get();
            if (flag != 0) {
                plain &= ascii(stat, in.position() + 2, in.getShort(in.position()) & 0xFFFF);
            }
            key = flag != 0 ? utf(in) : null;
            // ASCII strings and a 0/1 flag are exactly what stat() writes back: no need to build it to compare
            return !in.hasRemaining() && (plain && (flag == 0 || flag == 1) || Arrays.equals(stat(), stat));
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException x) {
            // an unreadable stat only costs a hash: the file is read again
            checked = 0;
            return false;
        }
    }

    /**
     * A string as DataInputStream.readUTF reads it (modified UTF-8 after a 2-byte length): the
     * layout this field has always had. ASCII, which names and file keys nearly always are, is
     * the same in every UTF-8 and read directly.
     */
    private static String utf(ByteBuffer in) {
        int n = in.getShort() & 0xFFFF;
        int at = in.position();
        in.position(at + n); // BufferUnderflow-like failure as IllegalArgumentException when past the end
        if (ascii(in.array(), at, n)) {
            return new String(in.array(), at, n, StandardCharsets.ISO_8859_1);
        }
        byte[] b = Arrays.copyOfRange(in.array(), at, at + n);
        try {
            return new DataInputStream(new ByteArrayInputStream(ByteBuffer.allocate(2 + n).putShort((short) n).put(b).array())).readUTF();
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** {@code s} as DataOutputStream.writeUTF writes it, without the length. */
    private static byte[] utf(String s) {
        boolean plain = true;
        for (int i = 0; i < s.length() && plain; i++) {
            char c = s.charAt(i);
            plain = c > 0 && c < 0x80;
        }
        if (plain) {
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(out)) {
            d.writeUTF(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Arrays.copyOfRange(out.toByteArray(), 2, out.size());
    }

    private static boolean ascii(byte[] b, int from, int n) {
        if (from + n > b.length) {
            return false; // utf() then fails as the unreadable stat it is
        }
        for (int i = from; i < from + n; i++) {
            if (b[i] <= 0) { // 0 and bytes of 0x80 and above (negative) are not plain ASCII here
                return false;
            }
        }
        return true;
    }

    private byte[] stat() {
        byte[] o = utf(origin);
        byte[] k = key == null ? null : utf(key);
        ByteBuffer b = ByteBuffer.allocate(24 + 2 + o.length + 1 + (k == null ? 0 : 2 + k.length));
        b.putLong(size).putLong(mtime).putLong(checked).putShort((short) o.length).put(o).put((byte) (k == null ? 0 : 1));
        if (k != null) {
            b.putShort((short) k.length).put(k);
        }
        return b.array();
    }

    /** The item id of the record this entry was matched to, when the entry is still exactly that record; else null. */
    ItemId unchangedId() {
        Entry b = base;
        if (b == null || b.exact == null || frozen) {
            return null;
        }
        boolean same = path.equals(b.path) && size == b.size && mtime == b.mtime && checked == b.checked && Objects.equals(key, b.key)
                && origin.equals(b.origin) && Arrays.equals(hash, b.hash);
        return same ? b.exact : null;
    }

    ItemFields fields() {
        Map<Integer, Object> m = new HashMap<>(8);
        m.put(FileSchema.ID, id);
        m.put(FileSchema.PATH, path);
        m.put(FileSchema.HASH, hash);
        m.put(FileSchema.STAT, stat());
        return ItemFields.of(m);
    }

    /** Before a move that a preview only pretends to make: the bytes stay at the current path. */
    void keepSourceIn(Path root) {
        if (source == null) {
            source = root.resolve(path);
        }
    }

    /** Where the entry's bytes are: {@code source}, else the file at its path under {@code root}. */
    Path source(Path root) {
        return source != null ? source : root.resolve(path);
    }

    FileContent content(Path root) {
        return new FileContent(source(root), size, mtime, hash, origin);
    }

    /**
     * True when the file at this entry's path is still what the scan recorded: the same size, mtime
     * and file key, or (when the stat differs) the same bytes.
     */
    boolean unchangedIn(Path root) {
        Path file = root.resolve(path);
        Stat s = Stat.read(file, path);
        if (s == null || s.size() != size) {
            return false;
        }
        if (s.mtime() == mtime && (s.key() == null || s.key().equals(key))) {
            return true;
        }
        try {
            return Arrays.equals(ContentHash.of(file), hash);
        } catch (IOException x) {
            return false;
        }
    }
}
