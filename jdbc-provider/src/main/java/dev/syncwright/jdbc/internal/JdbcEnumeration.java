package dev.syncwright.jdbc.internal;

import dev.syncwright.core.Knowledge;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.spi.ChangeBatch;
import dev.syncwright.core.spi.ChangeBatcher;
import dev.syncwright.core.spi.ChangeEnumeration;
import dev.syncwright.core.spi.EnumerationRequest;
import dev.syncwright.dialect.SqlFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.NoSuchElementException;
import java.util.OptionalLong;

/**
 * Streams a scope's changes for one destination from the tracking tables, table by table in
 * foreign-key order and key order within a table (the item-id order), in one read transaction.
 *
 * <p>Reading rule (TickStrategy, ADR 011): the watermark W is taken first, in the transaction the
 * rows are then read in; rows with a local tick above what the destination knows of this replica
 * are read, whatever their tick; the made-with knowledge claims local versions up to W. A row still
 * being stamped is offered as unstable: nothing of it travels and the batch claims nothing about it.
 */
public final class JdbcEnumeration implements ChangeEnumeration {
    private static final int FETCH_ROWS = 1000;
    private final JdbcScope scope;
    private final Connection c;
    private final ChangeBatcher batcher;
    private final long lowerBound;
    private final long estimate;
    /** The destination's key in this replica's key space, or -1 when it is unknown here (or a full enumeration). */
    private final int destinationKey;
    /** The stored state the enumeration started from: every version read must be of a replica its knowledge knows. */
    private final ScopeStore.State state;
    private int table = -1;
    private PreparedStatement ps;
    private ResultSet rs;
    private boolean done;

    public JdbcEnumeration(JdbcScope scope, EnumerationRequest request) {
        this.scope = scope;
        this.c = scope.connect();
        try {
            scope.captureUpTo(c);
            c.setAutoCommit(false);
            long w = scope.dialect.ticks().safeWatermark(c);
            ScopeStore.State st = scope.store.read(c, false);
            Knowledge madeWith = st.knowledge().withTick(0, w);
            this.state = st;
            this.batcher = new ChangeBatcher(request, madeWith, st.forgotten());
            this.lowerBound = batcher.lowerBoundTick();
            this.destinationKey = request.fullEnumeration() ? -1
                    : madeWith.keys().keyOf(request.destinationKnowledge().keys().self());
            this.estimate = count();
        } catch (SQLException | RuntimeException e) {
            throw closing(e instanceof SQLException s ? new SqlFailure("Starting to enumerate changes of scope '"
                    + scope.definition.name() + "' in", "database", s) : (RuntimeException) e);
        }
    }

    private long count() throws SQLException {
        long n = 0;
        for (TableModel t : scope.tables) {
            try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM " + t.tracking + " WHERE sw_tick > ?")) {
                p.setLong(1, lowerBound);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    n += r.getLong(1);
                }
            }
        }
        return n;
    }

    @Override
    public OptionalLong estimatedChanges() {
        return OptionalLong.of(estimate);
    }

    @Override
    public boolean hasNext() {
        return !done;
    }

    @Override
    public ChangeBatch next() {
        if (done) {
            throw new NoSuchElementException();
        }
        TableModel t = null;
        try {
            while (true) {
                if (rs == null) {
                    if (++table >= scope.tables.size()) {
                        done = true;
                        return batcher.finish();
                    }
                    t = scope.tables.get(table);
                    ps = c.prepareStatement(t.selectChanged(lowerBound, destinationKey > 0),
                            ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
                    ps.setFetchSize(scope.streamingFetchSize(FETCH_ROWS));
                    if (destinationKey > 0) {
                        for (int i = 0; i < 2 + t.units.length; i++) {
                            ps.setLong(1 + i, destinationKey);
                        }
                    }
                    rs = ps.executeQuery();
                }
                t = scope.tables.get(table);
                while (rs.next()) {
                    TrackedRow r = TrackedRow.read(rs, t, scope.codec, true);
                    scope.store.requireKnownReplicas(c, state, t, r);
                    ChangeBatch b = r.pending() ? batcher.offerUnstable(r.id)
                            : r.unreadable != null && r.dv == null ? batcher.offerWithheld(r.id, r.unreadable)
                            : batcher.offer(r.metadata(), t.units.length, () -> r.values);
                    if (b != null) {
                        return b;
                    }
                }
                closeCursor();
            }
        } catch (SQLException e) {
            throw closing(new SqlFailure("Enumerating changes of", t == null ? "scope " + scope.definition.name() : t.name(), e));
        } catch (RuntimeException e) {
            throw closing(e);
        }
    }

    /**
     * Closes after a failure, which stays the one thrown: on a cut connection the clean-up fails too
     * (Connector/J: "Streaming result set ... is still active"), and that must not hide the cause.
     */
    private RuntimeException closing(RuntimeException failure) {
        try {
            close();
        } catch (RuntimeException cleanup) {
            failure.addSuppressed(cleanup);
        }
        return failure;
    }

    private void closeCursor() throws SQLException {
        if (rs != null) {
            rs.close();
            rs = null;
        }
        if (ps != null) {
            ps.close();
            ps = null;
        }
    }

    @Override
    public void close() {
        try {
            closeCursor();
        } catch (SQLException ignored) {
            // closing; the transaction is rolled back below
        }
        try {
            if (!c.isClosed()) {
                try {
                    if (!c.getAutoCommit()) {
                        // Commit, never roll back: where the watermark advanced a clock in this transaction
                        // (SQLite), undoing it would let the next local change take a tick at or below
                        // the watermark this enumeration already promised to the destination.
                        c.commit();
                    }
                } finally {
                    // back to the pool even when the commit failed (a cut connection), and closed once
                    c.close();
                }
            }
        } catch (SQLException e) {
            throw new SyncException("Closing the enumeration of scope '" + scope.definition.name() + "' failed: " + e.getMessage(), e);
        }
    }
}
