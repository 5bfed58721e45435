package dev.syncwright.dialect;

import java.sql.Connection;
import java.util.List;

/**
 * Change capture from the database's log instead of triggers (ADR 065), where a dialect offers it
 * ({@link Dialect#changeCapture()}). The tracking tables are the same as with triggers; a capture
 * writes their rows from committed transactions, in commit order, with ticks it draws itself.
 *
 * <p>The provider's own writes of a table are left out exactly where triggers would suppress them:
 * {@link #ownWrites} marks them in the writing transaction, and the capture skips that table's
 * changes that follow the mark in that transaction.
 */
public interface ChangeCapture {

    /** The option's value on the command line, e.g. {@code logical}. */
    String mode();

    /**
     * Captures the scope's tables from the log from now on: checks the server's settings (refusing
     * with the setting and its value), creates what the capture needs and drops the row triggers in a
     * transaction that marks the point from which the log is read for each table. Idempotent: run
     * again after every provisioning of the scope. Runs its own transactions on {@code connection}.
     */
    void enable(Connection connection, String scope, List<TableDefinition> tables);

    /** Drops the slot, the publication and the capture's state of the scope (its own transactions). */
    void disable(Connection connection, String scope);

    /** Whether the scope is captured from the log (with autocommit on: a point-in-time answer). */
    boolean enabled(Connection connection, String scope);

    /**
     * Writes the tracking rows of every change committed before the call that is not captured yet,
     * in commit order, and commits them (a transaction of its own: a caller's open transaction is
     * committed first). Serialized between sessions. Refuses, without writing, when the log was lost.
     *
     * @return the number of row changes captured
     */
    long drain(Connection connection, String scope, List<TableDefinition> tables);

    /**
     * Marks the provider's own writes of {@code table} that follow, in the caller's transaction, as
     * not to be captured (null: the marks end).
     */
    void ownWrites(Connection connection, TableName table);

    /**
     * Drops the scope's slot, keeping the rest: the next {@link #drain} is refused as after a lost slot,
     * until {@link #enable} creates a new one (for a slot too far behind, before it fills the disk).
     */
    void dropSlot(Connection connection, String scope);

    /** The slot's state, for {@code status}. */
    Status status(Connection connection, String scope);

    /**
     * @param slot      the replication slot's name
     * @param lagBytes  how far the slot is behind the current end of the log, in bytes (-1: no slot)
     * @param walStatus PostgreSQL's {@code wal_status} ({@code reserved}, {@code extended}, {@code unreserved},
     *                  {@code lost}), or {@code missing}
     * @param retained  bytes of log the server keeps for the slot
     */
    record Status(String slot, long lagBytes, String walStatus, long retained) {
        public boolean lost() {
            return walStatus.equals("lost") || walStatus.equals("missing");
        }
    }
}
