package dev.syncwright.jdbc.metadata;

import dev.syncwright.core.Version;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * The compact columns of an item row. Unit versions: varint count, then per unit varint
 * {@code packed + 1} ({@code 0} = "the creation version", the common case of a never-updated
 * column, costs one byte). Custom fields: varint count, then per field zigzag-varint id, varint
 * length and {@link Values#toBytes typed bytes}, in field order. An empty array or map is stored
 * as SQL NULL. Malformed bytes throw {@link IllegalArgumentException}; the caller names the item.
 */
final class ItemCodec {
    private ItemCodec() {
    }

    static byte[] encodeUnits(Version[] units) {
        if (units.length == 0) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 + units.length * 3);
        writeVarint(out, units.length);
        for (Version v : units) {
            writeVarint(out, v == null ? 0 : v.pack() + 1);
        }
        return out.toByteArray();
    }

    static Version[] decodeUnits(byte[] b) {
        if (b == null) {
            return new Version[0];
        }
        int[] pos = {0};
        long n = readVarint(b, pos);
        if (n > b.length) {
            throw new IllegalArgumentException("unit count " + n + " exceeds the " + b.length + " bytes");
        }
        Version[] units = new Version[(int) n];
        for (int i = 0; i < n; i++) {
            long p = readVarint(b, pos);
            units[i] = p == 0 ? null : Version.unpack(p - 1);
        }
        end(b, pos);
        return units;
    }

    /** Encodes custom fields; an unsupported value throws {@link UnsupportedValueException} naming field and item. */
    static byte[] encodeFields(Map<Integer, Object> fields, Object item) {
        if (fields.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeVarint(out, fields.size());
        for (Map.Entry<Integer, Object> e : new TreeMap<>(fields).entrySet()) {
            byte[] v;
            try {
                v = Values.toBytes(e.getValue());
            } catch (Values.Unsupported u) {
                throw new UnsupportedValueException("Custom field " + e.getKey() + " of item " + item + ": " + u.getMessage());
            }
            int id = e.getKey();
            writeVarint(out, Integer.toUnsignedLong((id << 1) ^ (id >> 31)));
            writeVarint(out, v.length);
            out.write(v, 0, v.length);
        }
        return out.toByteArray();
    }

    static Map<Integer, Object> decodeFields(byte[] b) {
        Map<Integer, Object> fields = new TreeMap<>();
        if (b == null) {
            return fields;
        }
        int[] pos = {0};
        long n = readVarint(b, pos);
        for (long i = 0; i < n; i++) {
            int z = (int) readVarint(b, pos);
            int id = (z >>> 1) ^ -(z & 1);
            long len = readVarint(b, pos);
            if (len < 1 || len > b.length - pos[0]) {
                throw new IllegalArgumentException("value length " + len + " at offset " + pos[0]);
            }
            fields.put(id, Values.fromBytes(b, pos[0], (int) len));
            pos[0] += (int) len;
        }
        end(b, pos);
        return fields;
    }

    private static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long readVarint(byte[] b, int[] pos) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos[0] >= b.length) {
                throw new IllegalArgumentException("truncated at offset " + pos[0]);
            }
            byte x = b[pos[0]++];
            v |= (long) (x & 0x7F) << shift;
            if (x >= 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("varint too long at offset " + pos[0]);
    }

    private static void end(byte[] b, int[] pos) {
        if (pos[0] != b.length) {
            throw new IllegalArgumentException((b.length - pos[0]) + " trailing bytes");
        }
    }
}
