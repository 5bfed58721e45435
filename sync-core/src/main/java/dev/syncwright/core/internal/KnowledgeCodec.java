package dev.syncwright.core.internal;

import dev.syncwright.core.ClockVector;
import dev.syncwright.core.ItemId;
import dev.syncwright.core.Knowledge;
import dev.syncwright.core.KnowledgeFormatException;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.ReplicaKeyMap;
import dev.syncwright.core.SyncException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * The binary form of a {@link Knowledge}, format 1:
 * <pre>
 *   'S' 'W' 'K' 1                    magic and format version
 *   varint n, n x 16 bytes           replica key map (key i = i-th UUID)
 *   varint r, r x (id, vector)       ranges; the first id is empty
 *   varint e, e x (id, vector)       item exceptions, ids strictly increasing
 *   varint u, u x (id, varint c, c x (varint unit, vector))   change-unit exceptions
 *   4 bytes CRC32C of everything before
 *   id     = varint length, bytes
 *   vector = varint m, m x (varint key, varlong tick), keys strictly increasing
 * </pre>
 * The checksum is what makes a corrupted input fail instead of decoding to a different, valid
 * knowledge; every count is checked against the bytes left, so hostile input cannot make the
 * decoder allocate more than the input justifies.
 */
public final class KnowledgeCodec {
    private static final byte[] MAGIC = {'S', 'W', 'K'};
    private static final int FORMAT = 1;
    static final int MAX_ITEM_ID_BYTES = 1 << 16;

    private KnowledgeCodec() {}

    public static byte[] encode(Knowledge k) {
        Out out = new Out();
        out.bytes(MAGIC);
        out.raw(FORMAT);
        List<ReplicaId> ids = k.keys().replicaIds();
        out.varint(ids.size());
        for (ReplicaId id : ids) {
            out.long8(id.uuid().getMostSignificantBits());
            out.long8(id.uuid().getLeastSignificantBits());
        }
        out.varint(k.rangeCount());
        for (int i = 0; i < k.rangeCount(); i++) {
            out.id(k.rangeStart(i));
            out.vector(k.rangeVectorAt(i));
        }
        out.varint(k.itemExceptions().size());
        k.itemExceptions().forEach((id, v) -> {
            out.id(id);
            out.vector(v);
        });
        out.varint(k.changeUnitExceptions().size());
        k.changeUnitExceptions().forEach((id, m) -> {
            out.id(id);
            out.varint(m.size());
            m.forEach((c, v) -> {
                out.varint(c);
                out.vector(v);
            });
        });
        CRC32C crc = new CRC32C();
        crc.update(out.buf(), 0, out.size());
        int c = (int) crc.getValue();
        out.raw(c >>> 24);
        out.raw(c >>> 16);
        out.raw(c >>> 8);
        out.raw(c);
        return out.toByteArray();
    }

    public static Knowledge decode(byte[] bytes) {
        if (bytes == null) {
            throw new KnowledgeFormatException("Encoded knowledge is null");
        }
        if (bytes.length < MAGIC.length + 1 + 4) {
            throw new KnowledgeFormatException("Encoded knowledge is truncated (" + bytes.length + " bytes)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new KnowledgeFormatException("Not an encoded knowledge (bad magic bytes)");
            }
        }
        if (bytes[3] != FORMAT) {
            throw new KnowledgeFormatException("Unsupported knowledge format version " + (bytes[3] & 0xff) + " (this build reads " + FORMAT + ")");
        }
        int end = bytes.length - 4;
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, end);
        int expected = ((bytes[end] & 0xff) << 24) | ((bytes[end + 1] & 0xff) << 16) | ((bytes[end + 2] & 0xff) << 8) | (bytes[end + 3] & 0xff);
        if ((int) crc.getValue() != expected) {
            throw new KnowledgeFormatException("Encoded knowledge is corrupted (checksum mismatch)");
        }
        In in = new In(bytes, 4, end);
        int n = in.count(16);
        if (n == 0) {
            throw new KnowledgeFormatException("Encoded knowledge has an empty replica key map");
        }
        List<ReplicaId> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(ReplicaId.of(new UUID(in.long8(), in.long8())));
        }
        try {
            ReplicaKeyMap keys = ReplicaKeyMap.of(ids);
            int r = in.count(2);
            List<ItemId> starts = new ArrayList<>(r);
            List<ClockVector> vectors = new ArrayList<>(r);
            for (int i = 0; i < r; i++) {
                starts.add(in.id());
                vectors.add(in.vector());
            }
            int e = in.count(2);
            Map<ItemId, ClockVector> items = new TreeMap<>();
            ItemId prev = null;
            for (int i = 0; i < e; i++) {
                ItemId id = in.id();
                prev = increasing(prev, id, "item exceptions");
                items.put(id, in.vector());
            }
            int u = in.count(3);
            Map<ItemId, NavigableMap<Integer, ClockVector>> units = new TreeMap<>();
            prev = null;
            for (int i = 0; i < u; i++) {
                ItemId id = in.id();
                prev = increasing(prev, id, "change-unit exceptions");
                int c = in.count(2);
                TreeMap<Integer, ClockVector> m = new TreeMap<>();
                int prevUnit = -1;
                for (int j = 0; j < c; j++) {
                    int unit = in.varint();
                    if (unit <= prevUnit) {
                        throw new KnowledgeFormatException("Encoded knowledge: change units of item " + id + " are not strictly increasing");
                    }
                    prevUnit = unit;
                    m.put(unit, in.vector());
                }
                units.put(id, m);
            }
            if (in.pos != end) {
                throw new KnowledgeFormatException("Encoded knowledge has " + (end - in.pos) + " unexpected trailing bytes");
            }
            return Knowledge.of(keys, starts, vectors, items, units);
        } catch (KnowledgeFormatException ex) {
            throw ex;
        } catch (SyncException ex) {
            throw new KnowledgeFormatException("Encoded knowledge is invalid: " + ex.getMessage());
        }
    }

    private static ItemId increasing(ItemId prev, ItemId id, String what) {
        if (prev != null && prev.compareTo(id) >= 0) {
            throw new KnowledgeFormatException("Encoded knowledge: " + what + " are not in strictly increasing order");
        }
        return id;
    }

    private static final class Out extends ByteArrayOutputStream {
        byte[] buf() {
            return buf;
        }

        void raw(int b) {
            write(b & 0xff);
        }

        void bytes(byte[] b) {
            write(b, 0, b.length);
        }

        void long8(long v) {
            for (int i = 56; i >= 0; i -= 8) {
                raw((int) (v >>> i));
            }
        }

        void varint(long v) {
            while ((v & ~0x7FL) != 0) {
                raw((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            raw((int) v);
        }

        void id(ItemId id) {
            byte[] b = id.toBytes();
            varint(b.length);
            bytes(b);
        }

        void vector(ClockVector v) {
            varint(v.size());
            for (int i = 0; i < v.size(); i++) {
                varint(v.keyAt(i));
                varint(v.tickAt(i));
            }
        }
    }

    private static final class In {
        private final byte[] b;
        private int pos;
        private final int end;

        In(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        private int next() {
            if (pos >= end) {
                throw new KnowledgeFormatException("Encoded knowledge is truncated at byte " + pos);
            }
            return b[pos++] & 0xff;
        }

        long varlong() {
            long v = 0;
            for (int shift = 0; shift < 63; shift += 7) {
                int x = next();
                v |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
            }
            throw new KnowledgeFormatException("Encoded knowledge has an over-long number at byte " + pos);
        }

        int varint() {
            long v = varlong();
            if (v > Integer.MAX_VALUE) {
                throw new KnowledgeFormatException("Encoded knowledge has a count or key too large (" + v + ")");
            }
            return (int) v;
        }

        /** A count of elements each needing at least {@code minBytes}: larger than what is left is impossible. */
        int count(int minBytes) {
            int c = varint();
            if ((long) c * minBytes > end - pos) {
                throw new KnowledgeFormatException("Encoded knowledge claims " + c + " elements but only " + (end - pos) + " bytes are left");
            }
            return c;
        }

        long long8() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | next();
            }
            return v;
        }

        ItemId id() {
            int len = varint();
            if (len > MAX_ITEM_ID_BYTES || len > end - pos) {
                throw new KnowledgeFormatException("Encoded knowledge has an item id of " + len + " bytes, more than allowed or left");
            }
            byte[] x = new byte[len];
            System.arraycopy(b, pos, x, 0, len);
            pos += len;
            return ItemId.wrap(x);
        }

        ClockVector vector() {
            int m = count(2);
            int[] k = new int[m];
            long[] t = new long[m];
            for (int i = 0; i < m; i++) {
                k[i] = varint();
                t[i] = varlong();
            }
            return ClockVector.of(k, t);
        }
    }
}
