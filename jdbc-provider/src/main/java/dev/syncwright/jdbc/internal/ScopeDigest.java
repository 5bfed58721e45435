package dev.syncwright.jdbc.internal;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.SqlFailure;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The rows of a replica's table as digests of segments (ADR 044), for comparing two replicas without
 * moving their rows. A segment starts at a row whose item id hashes to a multiple of
 * {@link #SEGMENT_ROWS} (content-defined, like rsync's rolling boundaries): both replicas cut their
 * rows at the same ids without talking to each other, a difference disturbs only the segment it is
 * in, and each side reads its rows once, in item-id order, with the codec sync uses. Every value is
 * hashed in a canonical binary form ({@link CanonicalBytes}) that is equal exactly when the canonical
 * text {@link RowSnapshot} shows is, so equal digests mean equal values.
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
        CanonicalBytes row = new CanonicalBytes();
        ItemId[] first = {KeyCodec.tableStart(table)};
        long[] rows = {0};
        read(scope, t, null, null, (id, values) -> {
            if (rows[0] > 0 && startsSegment(id)) {
                out.add(new Segment(first[0], rows[0], digest.digest())); // digest() starts the next one afresh
                first[0] = id;
                rows[0] = 0;
            }
            row.reset();
            for (Object v : values) {
                row.add(v);
            }
            digest.update(row.buffer(), 0, row.size());
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
        read(scope, t, fromStart ? null : t.keys.decode(from), toExclusive == null ? null : t.keys.decode(toExclusive), (id, values) -> {
            if (toExclusive != null && id.compareTo(toExclusive) >= 0) {
                return false;
            }
            if (id.compareTo(from) >= 0) {
                List<String> text = new ArrayList<>(values.length);
                for (Object v : values) {
                    text.add(v == null ? null : RowSnapshot.text(v));
                }
                out.put(id, text);
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
        /** The row's key values, then its units' values in unit order (canonical objects; retired units left out). */
        boolean accept(ItemId id, Object[] values);
    }

    /** Streams rows in item-id order (all, or those in [fromKey, toKey)), until the sink says stop. */
    private static void read(JdbcScope scope, TableModel t, Object[] fromKey, Object[] toKey, RowSink sink) {
        int width = t.key.size() + (int) java.util.Arrays.stream(t.units).filter(java.util.Objects::nonNull).count();
        try (Connection c = scope.connect()) {
            c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            try (PreparedStatement p = c.prepareStatement(t.selectRowsInOrder(fromKey != null, toKey != null), ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                p.setFetchSize(scope.streamingFetchSize(FETCH_ROWS));
                int param = 1;
                for (Object[] bound : new Object[][] {fromKey, toKey}) {
                    for (int i = 0; bound != null && i < bound.length; i++) {
                        scope.codec.bind(p, param++, bound[i], t.key.get(i).type());
                    }
                }
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        Object[] key = new Object[t.key.size()];
                        Object[] row = new Object[width];
                        int col = 1;
                        int at = 0;
                        for (int i = 0; i < key.length; i++) {
                            key[i] = scope.codec.read(rs, col++, t.key.get(i).type());
                            row[at++] = key[i];
                        }
                        for (int u = 0; u < t.units.length; u++, col++) {
                            if (t.units[u] != null) {
                                row[at++] = scope.codec.read(rs, col, t.units[u].type());
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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new SyncException("SHA-256 is missing from this JVM", e);
        }
    }
}
