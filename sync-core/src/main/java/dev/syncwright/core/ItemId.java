package dev.syncwright.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The identity of an item (a row): opaque bytes, ordered bytewise (unsigned, lexicographic). Every
 * replica enumerates in this order, and knowledge ranges are ranges of this order.
 */
public final class ItemId implements Comparable<ItemId> {
    /** The smallest id: the empty byte string. Every range list starts here. */
    public static final ItemId MIN = new ItemId(new byte[0]);

    private final byte[] bytes;
    private final int hash;

    private ItemId(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    public static ItemId of(byte[] bytes) {
        return new ItemId(bytes.clone());
    }

    /** Wraps without copying; the caller promises never to change the array. */
    public static ItemId wrap(byte[] bytes) {
        return new ItemId(bytes);
    }

    public static ItemId ofString(String s) {
        return new ItemId(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Big-endian with the sign bit flipped, so that the byte order equals the numeric order. */
    public static ItemId ofLong(long v) {
        long x = v ^ Long.MIN_VALUE;
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) x;
            x >>>= 8;
        }
        return new ItemId(b);
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** The smallest id greater than this one (this id followed by a zero byte). */
    public ItemId successor() {
        return new ItemId(Arrays.copyOf(bytes, bytes.length + 1));
    }

    byte[] unsafeBytes() {
        return bytes;
    }

    @Override
    public int compareTo(ItemId o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ItemId i && i.hash == hash && Arrays.equals(i.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
