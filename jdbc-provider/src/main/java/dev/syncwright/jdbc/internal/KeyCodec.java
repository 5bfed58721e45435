package dev.syncwright.jdbc.internal;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.PortableType;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Turns a row's primary key into an item id and back: two bytes of table index, then each key
 * component in an order-preserving, prefix-free form, so that the bytewise order of item ids is
 * (table, then primary key in binary order) — the order in which the enumerator reads rows, which
 * knowledge ranges depend on.
 * <ul>
 *   <li>integers, dates, timestamps: 8 bytes big-endian with the sign bit flipped;</li>
 *   <li>text and bytes: the bytes (UTF-8 for text) with 0x00 escaped as 00 FF, ended by 00 01;</li>
 *   <li>uuid: its 16 bytes; boolean: one byte.</li>
 * </ul>
 * Floating point and fractional numeric keys are refused: they have no stable identity across
 * databases.
 */
public final class KeyCodec {
    private static final int MAX_TABLES = 1 << 16;
    private final int tableIndex;
    private final PortableType.Kind[] kinds;
    private final String[] names;
    private final String table;

    public KeyCodec(String table, int tableIndex, List<ColumnDefinition> primaryKey) {
        if (tableIndex < 0 || tableIndex >= MAX_TABLES) {
            throw new SyncException("A scope can hold at most " + MAX_TABLES + " tables");
        }
        this.table = table;
        this.tableIndex = tableIndex;
        this.kinds = new PortableType.Kind[primaryKey.size()];
        this.names = new String[primaryKey.size()];
        for (int i = 0; i < kinds.length; i++) {
            ColumnDefinition c = primaryKey.get(i);
            names[i] = c.name();
            kinds[i] = c.type().kind();
            checkKeyType(table, c);
        }
    }

    /** Refuses primary-key columns whose values have no exact, ordered identity on every database. */
    public static void checkKeyType(String table, ColumnDefinition c) {
        switch (c.type().kind()) {
            case REAL, DOUBLE, JSON, TIME -> throw new SyncException("Table '" + table + "': primary-key column '" + c.name()
                    + "' has type " + c.type() + ", which cannot identify rows across databases; use an integer, text, uuid or date key");
            case NUMERIC -> {
                Integer scale = c.type().scale();
                Integer precision = c.type().precision();
                if (scale == null || scale != 0 || precision == null || precision > 18) {
                    throw new SyncException("Table '" + table + "': primary-key column '" + c.name() + "' is " + c.type()
                            + "; only whole numbers of up to 18 digits (NUMERIC(p,0), p <= 18) can be keys");
                }
            }
            default -> { }
        }
    }

    public int tableIndex() {
        return tableIndex;
    }

    /** The table index of an item id (its first two bytes). */
    public static int tableOf(ItemId id) {
        byte[] b = id.toBytes();
        if (b.length < 2) {
            throw new SyncException("Item id " + id + " is too short to name a table");
        }
        return ((b[0] & 0xff) << 8) | (b[1] & 0xff);
    }

    /** The first item id of table {@code index}: every key of that table sorts at or after it. */
    public static ItemId tableStart(int index) {
        return ItemId.wrap(new byte[] {(byte) (index >>> 8), (byte) index});
    }

    public ItemId encode(Object[] key) {
        if (key.length != kinds.length) {
            throw new SyncException("Table '" + table + "': a key has " + kinds.length + " columns, got " + key.length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16);
        out.write(tableIndex >>> 8);
        out.write(tableIndex);
        for (int i = 0; i < kinds.length; i++) {
            Object v = key[i];
            if (v == null) {
                throw new SyncException("Table '" + table + "': primary-key column '" + names[i] + "' is NULL");
            }
            switch (kinds[i]) {
                case SMALLINT, INTEGER, BIGINT, NUMERIC -> long8(out, toLong(v, i));
                case BOOLEAN -> out.write(((Boolean) v) ? 1 : 0);
                case TEXT, VARCHAR, CHAR -> escaped(out, v.toString().getBytes(StandardCharsets.UTF_8));
                case BYTES -> escaped(out, (byte[]) v);
                case UUID -> {
                    UUID u = v instanceof UUID x ? x : UUID.fromString(v.toString());
                    long8raw(out, u.getMostSignificantBits());
                    long8raw(out, u.getLeastSignificantBits());
                }
                case DATE -> long8(out, ((LocalDate) v).toEpochDay());
                case TIMESTAMP -> long8(out, ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), (LocalDateTime) v));
                case TIMESTAMPTZ -> long8(out, ChronoUnit.MICROS.between(OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                        (OffsetDateTime) v));
                default -> throw new SyncException("Table '" + table + "': key type " + kinds[i] + " is not supported");
            }
        }
        return ItemId.wrap(out.toByteArray());
    }

    public Object[] decode(ItemId id) {
        byte[] b = id.toBytes();
        if (tableOf(id) != tableIndex) {
            throw new SyncException("Item id " + id + " does not belong to table '" + table + "'");
        }
        int[] pos = {2};
        Object[] key = new Object[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            key[i] = switch (kinds[i]) {
                case SMALLINT, INTEGER, BIGINT, NUMERIC -> {
                    long l = readLong(b, pos) ^ Long.MIN_VALUE;
                    yield kinds[i] == PortableType.Kind.NUMERIC ? BigDecimal.valueOf(l) : Long.valueOf(l);
                }
                case BOOLEAN -> need(b, pos, 1)[pos[0]++] != 0;
                case TEXT, VARCHAR, CHAR -> new String(unescape(b, pos), StandardCharsets.UTF_8);
                case BYTES -> unescape(b, pos);
                case UUID -> new UUID(readLong(b, pos), readLong(b, pos));
                case DATE -> LocalDate.ofEpochDay(readLong(b, pos) ^ Long.MIN_VALUE);
                case TIMESTAMP -> LocalDateTime.of(1970, 1, 1, 0, 0).plus(readLong(b, pos) ^ Long.MIN_VALUE, ChronoUnit.MICROS);
                case TIMESTAMPTZ -> OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).plus(readLong(b, pos) ^ Long.MIN_VALUE, ChronoUnit.MICROS);
                default -> throw new SyncException("Table '" + table + "': key type " + kinds[i] + " is not supported");
            };
        }
        if (pos[0] != b.length) {
            throw new SyncException("Item id " + id + " has " + (b.length - pos[0]) + " trailing bytes for table '" + table + "'");
        }
        return key;
    }

    private long toLong(Object v, int i) {
        if (v instanceof Number n) {
            if (v instanceof BigDecimal d) {
                try {
                    return d.longValueExact();
                } catch (ArithmeticException e) {
                    throw new SyncException("Table '" + table + "': key column '" + names[i] + "' value " + d + " is not a whole number");
                }
            }
            return n.longValue();
        }
        throw new SyncException("Table '" + table + "': key column '" + names[i] + "' expects a number, got " + v.getClass().getSimpleName());
    }

    private static void long8(ByteArrayOutputStream out, long v) {
        long8raw(out, v ^ Long.MIN_VALUE);
    }

    private static void long8raw(ByteArrayOutputStream out, long x) {
        for (int s = 56; s >= 0; s -= 8) {
            out.write((int) (x >>> s));
        }
    }

    private static void escaped(ByteArrayOutputStream out, byte[] bytes) {
        for (byte x : bytes) {
            out.write(x);
            if (x == 0) {
                out.write(0xFF);
            }
        }
        out.write(0);
        out.write(1);
    }

    private static byte[] need(byte[] b, int[] pos, int n) {
        if (pos[0] + n > b.length) {
            throw new SyncException("Item id is truncated");
        }
        return b;
    }

    private static long readLong(byte[] b, int[] pos) {
        need(b, pos, 8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[pos[0]++] & 0xff);
        }
        return v;
    }

    private static byte[] unescape(byte[] b, int[] pos) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            need(b, pos, 1);
            byte x = b[pos[0]++];
            if (x != 0) {
                out.write(x);
                continue;
            }
            need(b, pos, 1);
            byte y = b[pos[0]++];
            if (y == (byte) 0xFF) {
                out.write(0);
            } else if (y == 1) {
                return out.toByteArray();
            } else {
                throw new SyncException("Item id has a malformed text component");
            }
        }
    }
}
