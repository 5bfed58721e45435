package dev.syncwright.jdbc.internal;

import dev.syncwright.core.ItemId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements of one apply: prepared statements with JDBC batches, and rows buffered to be sent
 * many per statement ({@link RowInsert}, {@link RowUpdate}), all executed in first-use order on flush.
 */
final class Statements implements AutoCloseable {
    /** Binds one buffered row at parameter index {@code at} (1-based) of a multi-row statement. */
    interface RowBinder {
        void bind(PreparedStatement p, int at, Object[] row) throws SQLException;
    }

    /** Of the given items, whose multi-row UPDATE changed fewer rows than it was sent, the ones whose row is not there. */
    interface Absent {
        List<ItemId> of(Connection c, List<ItemId> items) throws SQLException;
    }

    /** Rows of one {@link RowStatement}, bound and sent many per statement when flushed. */
    private static final class Rows {
        final RowStatement statement;
        final RowBinder binder;
        final List<Object[]> rows = new ArrayList<>();
        /** For an UPDATE that must find its rows: the item of each row, and who finds the missing ones. */
        final List<ItemId> items;
        final Absent absent;

        Rows(RowStatement statement, RowBinder binder, Absent absent) {
            this.statement = statement;
            this.binder = binder;
            this.absent = absent;
            this.items = absent == null ? null : new ArrayList<>();
        }

        /**
         * Sends the rows in order, {@link RowStatement#rowsPerStatement} per statement, fewer where
         * their values would pass {@link #MAX_STATEMENT_BYTES}: full statements share one JDBC batch.
         */
        void execute(Connection c, List<ItemId> missed) throws SQLException {
            int per = statement.rowsPerStatement();
            long changed = 0;
            PreparedStatement full = null;
            try {
                int next = 0;
                while (next < rows.size()) {
                    int count = 0;
                    long bytes = 0;
                    while (next + count < rows.size() && count < per && (count == 0 || bytes < MAX_STATEMENT_BYTES)) {
                        bytes += bytes(rows.get(next + count));
                        count++;
                    }
                    if (count == per) {
                        full = full != null ? full : c.prepareStatement(statement.sql(per));
                        next = bind(full, next, per);
                        full.addBatch();
                        continue;
                    }
                    // a shorter statement: what was batched before it goes first, the rows' order is kept
                    if (full != null) {
                        changed += changed(full.executeBatch());
                    }
                    try (PreparedStatement p = c.prepareStatement(statement.sql(count))) {
                        next = bind(p, next, count);
                        changed += p.executeUpdate();
                    }
                }
                if (full != null) {
                    changed += changed(full.executeBatch());
                }
            } finally {
                if (full != null) {
                    full.close();
                }
            }
            // a row count short of the rows sent: some key found no row (or came twice), or the driver did not say; ask which
            if (items != null && changed < rows.size()) {
                missed.addAll(absent.of(c, items));
            }
            rows.clear();
        }

        /**
         * The rows a batch changed; a statement whose count the driver does not give counts none, so that
         * the total falls short and the missing rows are looked up (no statement changes more rows than it sends).
         */
        private static long changed(int[] counts) {
            long n = 0;
            for (int c : counts) {
                n += Math.max(c, 0);
            }
            return n;
        }

        /** About what a row's values weigh in a statement (a driver that writes them into its text doubles bytes as hex). */
        private static long bytes(Object[] row) {
            long n = 0;
            for (Object v : row) {
                n += v instanceof String s ? 3L * s.length() : v instanceof byte[] b ? 2L * b.length + 10 : 16;
            }
            return n;
        }

        private int bind(PreparedStatement p, int from, int count) throws SQLException {
            for (int k = 0; k < count; k++) {
                binder.bind(p, 1 + k * statement.parametersPerRow(), rows.get(from + k));
            }
            return from + count;
        }
    }

    /**
     * Values per multi-row statement at most, about: MySQL's and MariaDB's driver writes them into the
     * statement, which the server refuses above max_allowed_packet (16 MB by default on MariaDB).
     */
    static final long MAX_STATEMENT_BYTES = 4L << 20;

    private final Connection c;
    /** A {@link PreparedStatement} with a JDBC batch (by SQL text), or {@link Rows} (by {@link RowStatement}). */
    private final Map<Object, Object> open = new LinkedHashMap<>();
    /** For statements opened by {@link #update}: the item of each batched execution, in order. */
    private final Map<PreparedStatement, List<ItemId>> counted = new HashMap<>();

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
    PreparedStatement update(String sql, ItemId item) throws SQLException {
        PreparedStatement p = get(sql);
        counted.computeIfAbsent(p, k -> new ArrayList<>()).add(item);
        return p;
    }

    /** Buffers one row of a multi-row statement whose row count nobody checks. */
    void insert(RowStatement statement, RowBinder binder, Object[] row) {
        ((Rows) open.computeIfAbsent(statement, k -> new Rows(statement, binder, null))).rows.add(row);
    }

    /**
     * Buffers one row of a multi-row UPDATE that must find its row: {@link #flush} reports {@code item}
     * if {@code absent} says it was not there.
     */
    void update(RowUpdate statement, RowBinder binder, Object[] row, ItemId item, Absent absent) {
        Rows r = (Rows) open.computeIfAbsent(statement, k -> new Rows(statement, binder, absent));
        r.rows.add(row);
        r.items.add(item);
    }

    /** Executes everything pending; returns the items whose counted UPDATE found no row. */
    List<ItemId> flush() throws SQLException {
        List<ItemId> missed = new ArrayList<>();
        try {
            for (Object o : open.values()) {
                if (o instanceof Rows r) {
                    r.execute(c, missed);
                } else {
                    int[] counts = ((PreparedStatement) o).executeBatch();
                    List<ItemId> items = counted.get(o);
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
            if (o instanceof Statement p) {
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
