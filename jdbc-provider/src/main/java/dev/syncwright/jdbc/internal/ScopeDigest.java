package dev.syncwright.jdbc.internal;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.SqlFailure;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The rows of a replica's table as digests of segments (ADR 044), for comparing two replicas without
 * moving their rows. A segment starts at a row whose item id hashes to a multiple of
 * {@link #SEGMENT_ROWS} (content-defined, like rsync's rolling boundaries): both replicas cut their
 * rows at the same ids without talking to each other, a difference disturbs only the segment it is
 * in, and each side reads its rows once, in item-id order, with the codec sync uses. Every value is
 * hashed in the canonical text {@link RowSnapshot} shows, so equal digests mean equal values.
 */
public final class ScopeDigest {
    /** Rows per segment, on average (a power of two). */
    static final int SEGMENT_ROWS = 1024;
    private static final int FETCH_ROWS = 1000;

    private ScopeDigest() {
    }

    /** A segment: its first item id (the table's start for the first), row count and SHA-256 of its rows. */
    public record Segment(ItemId first, long rows, byte[] hash) {
        public boolean sameAs(Segment o) {
            return first.equals(o.first) && rows == o.rows && Arrays.equals(hash, o.hash);
        }
    }

    /** The segments of one table, read in one pass. */
    public static List<Segment> segments(JdbcScope scope, int table) {
        TableModel t = scope.tables.get(table);
        List<Segment> out = new ArrayList<>();
        MessageDigest digest = sha256();
        ItemId[] first = {KeyCodec.tableStart(table)};
        long[] rows = {0};
        read(scope, t, null, (id, values) -> {
            if (rows[0] > 0 && startsSegment(id)) {
                out.add(new Segment(first[0], rows[0], digest.digest())); // digest() starts the next one afresh
                first[0] = id;
                rows[0] = 0;
            }
            for (String v : values) {
                // length-prefixed, and NULL apart from any text (a text 'null' is not NULL)
                if (v == null) {
                    digest.update((byte) 0);
                } else {
                    byte[] b = v.getBytes(StandardCharsets.UTF_8);
                    digest.update((byte) 1);
                    digest.update(intBytes(b.length));
                    digest.update(b);
                }
            }
            rows[0]++;
            return true;
        });
        out.add(new Segment(first[0], rows[0], digest.digest()));
        return out;
    }

    /**
     * The rows of {@code table} in [from, toExclusive) (null: to the table's end) by item id: key
     * values, then the values of the change units in unit order, as canonical text (null for NULL).
     */
    public static NavigableMap<ItemId, List<String>> rows(JdbcScope scope, int table, ItemId from, ItemId toExclusive) {
        TableModel t = scope.tables.get(table);
        NavigableMap<ItemId, List<String>> out = new TreeMap<>();
        boolean fromStart = from.equals(KeyCodec.tableStart(table));
        read(scope, t, fromStart ? null : t.keys.decode(from), (id, values) -> {
            if (toExclusive != null && id.compareTo(toExclusive) >= 0) {
                return false;
            }
            if (id.compareTo(from) >= 0) {
                out.put(id, values);
            }
            return true;
        });
        return out;
    }

    /** The names of the columns in the order {@link #rows} gives their values. */
    public static List<String> columns(JdbcScope scope, int table) {
        TableModel t = scope.tables.get(table);
        List<String> out = new ArrayList<>();
        t.key.forEach(k -> out.add(k.name()));
        for (var u : t.units) {
            if (u != null) {
                out.add(u.name());
            }
        }
        return out;
    }

    /** The key of an item of {@code table}, as JSON (for messages and reports). */
    public static String keyJson(JdbcScope scope, ItemId id) {
        TableModel t = scope.table(id);
        return ScopeStore.json(t.keys.decode(id));
    }

    /** Whether a row starts a segment: a mix of its id's bytes, low bits all zero. */
    static boolean startsSegment(ItemId id) {
        long h = 0x9E3779B97F4A7C15L;
        for (byte b : id.toBytes()) {
            h = (h ^ (b & 0xff)) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return (h & (SEGMENT_ROWS - 1)) == 0;
    }

    private interface RowSink {
        boolean accept(ItemId id, List<String> values);
    }

    /** Streams rows in item-id order (from a key, or all), until the sink says stop. */
    private static void read(JdbcScope scope, TableModel t, Object[] fromKey, RowSink sink) {
        try (Connection c = scope.connect()) {
            c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            try (PreparedStatement p = c.prepareStatement(t.selectRowsInOrder(fromKey != null), ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                p.setFetchSize(scope.streamingFetchSize(FETCH_ROWS));
                if (fromKey != null) {
                    for (int i = 0; i < fromKey.length; i++) {
                        scope.codec.bind(p, i + 1, fromKey[i], t.key.get(i).type());
                    }
                }
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        Object[] key = new Object[t.key.size()];
                        List<String> row = new ArrayList<>(key.length + t.units.length);
                        int col = 1;
                        for (int i = 0; i < key.length; i++) {
                            key[i] = scope.codec.read(rs, col++, t.key.get(i).type());
                            row.add(RowSnapshot.text(key[i]));
                        }
                        for (int u = 0; u < t.units.length; u++, col++) {
                            if (t.units[u] != null) {
                                Object v = scope.codec.read(rs, col, t.units[u].type());
                                row.add(v == null ? null : RowSnapshot.text(v));
                            }
                        }
                        if (!sink.accept(t.keys.encode(key), row)) {
                            break;
                        }
                    }
                }
            } finally {
                c.commit();
            }
        } catch (SQLException e) {
            throw new SqlFailure("Reading the rows of", t.name(), e);
        }
    }

    static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new SyncException("SHA-256 is missing from this JVM", e);
        }
    }
}
