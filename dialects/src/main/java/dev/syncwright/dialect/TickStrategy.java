package dev.syncwright.dialect;

import java.sql.Connection;

/**
 * The commit-safe local clock (DESIGN §3, "the commit-order trap"; ADR 011).
 *
 * <p>Contract, for every dialect: after {@link #safeWatermark} returns W, (a) every change committed
 * before the call has its final {@code sw_tick <= W} and final versions; (b) no transaction, open now
 * or future, can still produce a tick {@code <= W}; (c) hence every later change gets a tick {@code > W}.
 * An enumerator that reads as {@link #safeWatermark} describes emits every committed change exactly once.
 */
public interface TickStrategy {

    /**
     * A fresh local tick for the provider's own writes in the caller's (open) transaction: applied
     * remote rows get one so that they are enumerated onward to third replicas.
     */
    long nextTick(Connection connection);

    /**
     * The highest tick W such that every change with {@code sw_tick <= W} is committed and final.
     *
     * <p><b>How an enumerator reads</b> (exact on every dialect): call it with autocommit off, before
     * doing work (it may commit the connection's current transaction); read, in the transaction that
     * follows on that connection, the rows with {@code sw_tick > lastW}, and emit the creation,
     * deletion and change-unit versions that lie in {@code (lastW, W]}; made-with knowledge: local up
     * to W. A row whose sw_tick is above W was changed again after W: its older versions in the window
     * are emitted now, its newer ones with the next watermark (reading only {@code sw_tick <= W} would
     * lose them, SPI-REQUESTS R2). Versions below 0 are pending ({@link SqlNames#PENDING_VERSION}): skip
     * them. PostgreSQL leaves a REPEATABLE READ transaction to follow; SQLite bumps its clock in the
     * caller's transaction and commits it, so that the reading that follows holds no write lock (the
     * application's writes go on during an upload, in WAL mode); MySQL/MariaDB leave a
     * consistent-snapshot transaction in which no row is above W (ADR 020).
     *
     * <p>Autocommit on: a point-in-time value (monitoring, tests). Where
     * {@link Capabilities#watermarkWrites()} is true it does work in transactions of its own (bump a
     * clock, stamp pending rows) and commits them.
     */
    long safeWatermark(Connection connection);

    /**
     * A watermark for stating this replica's knowledge, not for enumerating (ADR 061): every tick at
     * or below it is committed and final, as {@link #safeWatermark} promises, but ticks above it may be
     * final too; read without writing where the dialect can (SQLite: the clock as the last
     * {@code safeWatermark} left it, instead of a write transaction per call). An enumeration still
     * takes {@link #safeWatermark}. The default is {@link #safeWatermark} with autocommit on.
     */
    default long statedWatermark(Connection connection) {
        return safeWatermark(connection);
    }

    /**
     * The watermark as an SQL expression another read can carry (ADR 060): in a statement run with
     * autocommit on, it yields what {@link #safeWatermark} returns with autocommit on, from live state
     * that no snapshot hides. Empty (the default) where computing it writes
     * ({@link Capabilities#watermarkWrites()}) or takes more than one expression.
     */
    default java.util.Optional<String> watermarkExpression() {
        return java.util.Optional.empty();
    }
}
