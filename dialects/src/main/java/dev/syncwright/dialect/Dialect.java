package dev.syncwright.dialect;

import java.sql.Connection;

/**
 * Everything Syncwright needs to know about one database family, found through {@link Dialects}.
 * One small object per concern; shared code asks {@link #capabilities()}, never the vendor.
 *
 * <p>Implementations are immutable and thread-safe; every method that touches the database takes the
 * caller's {@link Connection} and works in the caller's transaction unless it says otherwise.
 */
public interface Dialect {

    /** Short stable id: {@code postgres}, {@code sqlite}, {@code mysql}, {@code mariadb}. */
    String id();

    /**
     * The family this dialect belongs to, as jOOQ's {@code SQLDialect.family()}: {@code mysql} for
     * MariaDB too. For messages and grouping; shared code asks {@link #capabilities()} and the
     * objects below, never the vendor.
     */
    default String family() {
        return id();
    }

    /** Capture from the database's log instead of triggers (ADR 065); empty where the database has none. */
    default java.util.Optional<ChangeCapture> changeCapture() {
        return java.util.Optional.empty();
    }

    /** Reads and binds values as canonical Java objects. */
    ValueCodec codec();

    /** Type mapping both ways: a client's types for a server's columns, a server's column domains. */
    TypeMapping types();

    /** Key limit and table options of the JDBC metadata store's tables. */
    MetadataTables metadataTables();

    /**
     * The jOOQ dialect that renders this database's SQL where it differs only in syntax (upserts,
     * limits, DDL of Syncwright's own tables; ADR 054).
     */
    org.jooq.SQLDialect sqlDialect();

    /** What a SELECT needs at its end to lock the rows it reads until the transaction ends ("" where a write lock is whole-database). */
    default String lockForUpdate() {
        return " FOR UPDATE";
    }

    /** The fetch size that streams a result of about {@code rows} rows instead of loading it whole. */
    default int streamingFetchSize(int rows) {
        return rows;
    }

    /** True when {@code e} says that a table does not exist. */
    boolean missingTable(java.sql.SQLException e);

    /** The name of the connection's database, for messages (a catalog, a file); null when unknown. */
    default String databaseName(Connection connection) throws java.sql.SQLException {
        return connection.getCatalog();
    }

    /** Defers foreign-key checks to the commit of the current transaction where they are immediate by default. */
    default void deferForeignKeys(Connection connection) {}

    /** Liquibase's {@code dbms} names for this database (comma-separated). */
    default String liquibaseDbms() {
        return id();
    }

    /** An SQL expression of a random version-4 UUID as text, if the database can compute one. */
    default java.util.Optional<String> randomUuid() {
        return java.util.Optional.empty();
    }

    /**
     * Where a table's schema is the database itself (MySQL), a query that counts 1 when the
     * connection's current database is {@code schema}: SQL qualified with it fits no other database.
     */
    default java.util.Optional<String> currentDatabaseCheck(String schema) {
        return java.util.Optional.empty();
    }

    /**
     * Whether something labelled with a dialect id (a provisioning plan) was made by this dialect.
     * An identity check between two labels; vendor names never appear outside this module (ADR 052).
     */
    default boolean madeThis(String dialectId) {
        return id().equals(dialectId);
    }

    /** The server this dialect instance was detected for. */
    DatabaseProduct product();

    Capabilities capabilities();

    /** Quoting, literals and the names of sync objects. */
    SqlNames names();

    /** Introspection of the user's tables. */
    SchemaReader schema();

    /** DDL and DML of the tracking objects. */
    TrackingSql tracking();

    /** The commit-safe local clock (DESIGN §3, "the commit-order trap"). */
    TickStrategy ticks();

    /**
     * Turns tracking off for the statements this connection sends that write {@code table}, in the
     * current transaction; {@code null} turns it back on. The provider sets it while it applies
     * remote values to a table and writes that table's tracking rows itself. Nothing else is
     * suppressed (ADR 042): rows of other tables written meanwhile (by triggers, by a foreign key's
     * cascade) are tracked as local changes, and on PostgreSQL so are rows of {@code table} written by
     * a trigger or cascade rather than by the provider's own statement. Always switch it off again
     * before commit: on databases where the flag is a row (SQLite) or a session variable (MySQL) it
     * would otherwise outlive the transaction.
     */
    void suppressTracking(Connection connection, TableName table);

    /**
     * Turns on, or off again, planning each statement this connection runs in the current transaction
     * for the data as it is when the statement runs, never with a plan the connection cached earlier:
     * one cached while a table was empty is a full scan, and stays one after the table has filled
     * (ADR 055). The provider turns it on while it looks up many keys per statement, and off before
     * its row-by-row writes, where a plan per row would cost more than the row. What it sets ends with
     * the transaction at the latest: the connection may be the application's. Nothing by default, for
     * databases that do not keep reusing a plan made for earlier data.
     */
    default void planEveryExecution(Connection connection, boolean on) {}

    /**
     * Turns on, or off again, for the statements this connection runs in the current transaction,
     * joining the rows of a multi-row statement ({@link #updateRows}) to its table through the key's
     * index, one lookup per row, rather than hashing them against a scan of the whole table. A
     * planner that costs a hundred index lookups above a scan of a table of a few ten thousand rows
     * would otherwise scan it for every statement: 2.4 ms instead of 0.15 ms for 100 rows of a
     * 20,000-row PostgreSQL table (ADR 062). The provider turns it on only while it writes tables
     * without triggers of the user's, whose own queries it would reach. Nothing by default.
     */
    default void joinByKey(Connection connection, boolean on) {}

    /**
     * Called with autocommit on, before the provider begins a transaction that applies a batch.
     * Where the database keeps every commit atomic and in order without waiting for the disk (SQLite
     * in WAL mode at {@code synchronous=NORMAL}), the apply transaction commits that way: a power cut
     * may then undo the last batches applied, but each together with the knowledge it taught, so
     * they are simply sent again; and any later commit that waits for the disk (the application's own
     * writes, an enumeration's watermark) makes them durable first. ADR 041.
     *
     * @return what {@link #restoreCommitDurability} needs to undo it, or -1 when nothing was changed
     */
    default int relaxCommitDurability(Connection connection) {
        return -1;
    }

    /** Undoes {@link #relaxCommitDurability}; called with autocommit on, after the transaction ended. */
    default void restoreCommitDurability(Connection connection, int previous) {}

    /**
     * Called with autocommit on, before a batch of a bulk load (ADR 063) is applied: where commits
     * copy the log back into the database every few pages (SQLite's WAL auto-checkpoint, with a sync
     * of the log and of the database each time), this connection's commits leave that to the end of
     * the load. Crash safety does not change: the log holds every committed page until it is copied.
     *
     * @return what {@link #restoreCheckpoints} needs to undo it, or -1 when nothing was changed
     */
    default int deferCheckpoints(Connection connection) {
        return -1;
    }

    /** Undoes {@link #deferCheckpoints}; called with autocommit on, after the transaction ended. */
    default void restoreCheckpoints(Connection connection, int previous) {}

    /**
     * True when {@code e} is the database refusing one row's values (a constraint, a value the column
     * cannot hold, no partition for it), as opposed to a failure of the connection, the transaction or
     * the schema. The provider defers such a row with the message instead of failing the batch.
     */
    boolean refusesRow(java.sql.SQLException e);

    /**
     * One UPDATE that writes many rows of {@code table} by key (ADR 062), or empty where this database
     * cannot, or cannot for these columns without changing what a value means (the provider then
     * updates one row per statement). Per row the parameters are the {@code key} columns' values, then
     * the {@code set} columns' values, each bound by {@link #codec()} with the column's portable type;
     * each row whose key matches gets {@code set} from its tuple, plus {@code alsoSet} (an assignment
     * list of expressions without parameters, or ""). Keys are distinct within a statement. Only the
     * rows' own row triggers fire, as for one UPDATE per row; the statement's update count is the
     * number of rows found.
     *
     * @param table the quoted, qualified table name
     */
    default java.util.Optional<RowTemplate> updateRows(String table, java.util.List<ColumnDefinition> key,
                                                       java.util.List<ColumnDefinition> set, String alsoSet) {
        return java.util.Optional.empty();
    }

    /** What an INSERT needs after its column list to write a {@code GENERATED ALWAYS} identity column ("" if nothing). */
    default String overridingIdentity() {
        return "";
    }

    /**
     * Moves {@code sequence} forward to at least {@code value} if it is behind, so that the database's
     * next generated value does not collide with a key a client inserted. Nothing by default
     * (AUTO_INCREMENT and SQLite's rowid follow explicit values themselves).
     */
    default void followSequence(Connection connection, String sequence, long value) {}

    /**
     * Re-creates {@code table} with a new definition, keeping its rows: {@code createScratch} creates
     * the new table under the name {@code scratch}; the rows of {@code columns} are copied, the old
     * table dropped and the new one renamed, with the user's own indexes and triggers re-created. For
     * a database that cannot change a column's type in place (SQLite). All or nothing; the tracking
     * triggers are gone afterwards and must be provisioned again.
     *
     * @throws UnsupportedOperationException where the database changes types with ALTER TABLE instead
     */
    default void rebuildTable(Connection connection, TableName table, TableName scratch, String createScratch,
                              java.util.List<String> columns) {
        throw new UnsupportedOperationException(id() + " changes column types in place");
    }
}
