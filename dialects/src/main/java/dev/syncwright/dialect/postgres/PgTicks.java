package dev.syncwright.dialect.postgres;

import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.SqlFailure;
import dev.syncwright.dialect.TickStrategy;
import dev.syncwright.dialect.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;

/** The sequence clock with transaction floors; the argument is in PgSyncObjects and ADR 011. */
final class PgTicks implements TickStrategy {
    private final PgNames names;

    PgTicks(PgNames names) {
        this.names = names;
    }

    @Override
    public long nextTick(Connection c) {
        try {
            if (c.getAutoCommit()) {
                throw new SyncException("nextTick needs an open transaction: the tick must commit with the rows it stamps");
            }
        } catch (SQLException e) {
            throw new SqlFailure("Checking the transaction of", "syncwright.next_tick", e);
        }
        return Jdbc.queryLong(c, "SELECT " + names.sync("next_tick") + "()", "syncwright.next_tick");
    }

    /*
     * The watermark is computed from live state (sequence, pg_locks) in a transaction of its own; with
     * autocommit off that transaction is committed, so the caller's next statement opens a REPEATABLE
     * READ transaction whose snapshot is taken after W: it sees every tick <= W. The reader then takes
     * rows with sw_tick > lastW and emits the versions in (lastW, W] (see TickStrategy, SPI-REQUESTS R2).
     */
    @Override
    public long safeWatermark(Connection c) {
        try {
            if (c.getAutoCommit()) {
                return live(c);
            }
            c.commit();
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            long w = live(c);
            c.commit();
            return w;
        } catch (SQLException e) {
            throw new SqlFailure("Computing the watermark with", "syncwright.safe_watermark", e);
        }
    }

    private long live(Connection c) {
        return Jdbc.queryLong(c, "SELECT " + watermarkExpression().orElseThrow(), "syncwright.safe_watermark");
    }

    /** The function reads the sequence and pg_locks, neither of which a snapshot hides: any statement may carry it. */
    @Override
    public java.util.Optional<String> watermarkExpression() {
        return java.util.Optional.of(names.sync("safe_watermark") + "()");
    }
}
