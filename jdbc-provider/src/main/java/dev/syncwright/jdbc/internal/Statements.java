package dev.syncwright.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements of one apply: prepared statements with JDBC batches, and inserts buffered to be
 * sent many rows per statement ({@link RowInsert}), all executed in first-use order on flush.
 */
final class Statements implements AutoCloseable {
    /** Binds one buffered row at parameter index {@code at} (1-based) of a multi-row statement. */
    interface RowBinder {
        void bind(PreparedStatement p, int at, Object[] row) throws SQLException;
    }

    /** Rows of one {@link RowInsert}, bound and sent many per statement when flushed. */
    private static final class Inserts {
        final RowInsert insert;
        final RowBinder binder;
        final List<Object[]> rows = new ArrayList<>();

        Inserts(RowInsert insert, RowBinder binder) {
            this.insert = insert;
            this.binder = binder;
        }

        void execute(Connection c) throws SQLException {
            int per = insert.rowsPerStatement();
            int full = rows.size() / per;
            int next = 0;
            if (full > 0) {
                try (PreparedStatement p = c.prepareStatement(insert.sql(per))) {
                    for (int g = 0; g < full; g++) {
                        next = bind(p, next, per);
                        p.addBatch();
                    }
                    p.executeBatch();
                }
            }
            if (next < rows.size()) {
                try (PreparedStatement p = c.prepareStatement(insert.sql(rows.size() - next))) {
                    bind(p, next, rows.size() - next);
                    p.executeUpdate();
                }
            }
            rows.clear();
        }

        private int bind(PreparedStatement p, int from, int count) throws SQLException {
            for (int k = 0; k < count; k++) {
                binder.bind(p, 1 + k * insert.parametersPerRow(), rows.get(from + k));
            }
            return from + count;
        }
    }

    private final Connection c;
    /** A {@link PreparedStatement} with a JDBC batch (by SQL text), or {@link Inserts} (by {@link RowInsert}). */
    private final Map<Object, Object> open = new LinkedHashMap<>();
    /** For statements opened by {@link #update}: the item of each batched execution, in order. */
    private final Map<PreparedStatement, List<dev.syncwright.core.ItemId>> counted = new java.util.HashMap<>();

    Statements(Connection c) {
        this.c = c;
    }

    PreparedStatement get(String sql) throws SQLException {
        PreparedStatement p = (PreparedStatement) open.get(sql);
        if (p == null) {
            p = c.prepareStatement(sql);
            open.put(sql, p);
        }
        return p;
    }

    /**
     * {@link #get} for an UPDATE of one row of {@code item} that must find its row: {@link #flush}
     * reports the items whose UPDATE changed no row.
     */
    PreparedStatement update(String sql, dev.syncwright.core.ItemId item) throws SQLException {
        PreparedStatement p = get(sql);
        counted.computeIfAbsent(p, k -> new ArrayList<>()).add(item);
        return p;
    }

    void insert(RowInsert insert, RowBinder binder, Object[] row) {
        ((Inserts) open.computeIfAbsent(insert, k -> new Inserts(insert, binder))).rows.add(row);
    }

    /** Executes everything pending; returns the items whose counted UPDATE found no row. */
    List<dev.syncwright.core.ItemId> flush() throws SQLException {
        List<dev.syncwright.core.ItemId> missed = new ArrayList<>();
        try {
            for (Object o : open.values()) {
                if (o instanceof Inserts i) {
                    i.execute(c);
                } else {
                    int[] counts = ((PreparedStatement) o).executeBatch();
                    List<dev.syncwright.core.ItemId> items = counted.get(o);
                    for (int k = 0; items != null && k < counts.length && k < items.size(); k++) {
                        if (counts[k] == 0) {
                            missed.add(items.get(k));
                        }
                    }
                }
            }
        } finally {
            discard();
        }
        return missed;
    }

    /** Drops what is still pending (after a flush, or when a batch failed). */
    void discard() {
        for (Object o : open.values()) {
            if (o instanceof PreparedStatement p) {
                try {
                    p.close();
                } catch (SQLException ignored) {
                    // executed or failed already; nothing to keep
                }
            }
        }
        open.clear();
        counted.clear();
    }

    @Override
    public void close() {
        discard();
    }
}
