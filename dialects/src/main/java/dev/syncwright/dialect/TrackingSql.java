package dev.syncwright.dialect;

import java.util.List;

/**
 * The SQL that provisions tracking. Every method returns complete statements in the order they must
 * run; nothing is executed here, so a plan can be printed or turned into a changelog as well.
 */
public interface TrackingSql {

    /** Shared objects: schema, scope table, table registry, conflict log, clock. */
    List<SqlStatement> createSyncObjects();

    /** Drops exactly what {@link #createSyncObjects()} created. */
    List<SqlStatement> dropSyncObjects();

    /**
     * Tracking table, triggers and a set-based backfill that gives every existing row one creation
     * version (a single tick), in the order that is both correct under concurrent writers and fast.
     */
    List<SqlStatement> provisionTable(TableDefinition table);

    /**
     * Takes a provisioned table whose base and tracking tables are empty into a bulk load (ADR 063): a
     * new client's first download is about to fill it. The INSERT trigger is dropped (the provider's
     * inserts write their tracking rows themselves and cost no trigger program per row), so is the
     * tick index (built once at the end), and a guard makes every other connection's INSERT, REPLACE
     * and DELETE of the table fail ({@link SqlNames#BULK_LOAD_GUARD}), so that no row can arrive where
     * no trigger sees it; an UPDATE of other columns is tracked as always. Only for dialects with
     * {@link Capabilities#bulkLoad}; the connection must know the guard.
     */
    default List<SqlStatement> enterBulkLoad(TableDefinition table) {
        throw new UnsupportedOperationException("no bulk load on this database");
    }

    /**
     * Ends what {@link #enterBulkLoad} began: the INSERT trigger and the tick index back, the guard
     * dropped. Safe to run after {@link #alterTable} or {@link #repairTable} has put the triggers back.
     */
    default List<SqlStatement> completeBulkLoad(TableDefinition table) {
        throw new UnsupportedOperationException("no bulk load on this database");
    }

    /** Drops the triggers, functions and tracking table of {@link #provisionTable}. */
    List<SqlStatement> deprovisionTable(TableDefinition table);

    /**
     * Re-provisioning after drift: adds a {@code sw_v} column for each change unit of {@code after}
     * beyond {@code before.changeUnitCount()} and regenerates the triggers; tracking rows are kept.
     */
    List<SqlStatement> alterTable(TableDefinition before, TableDefinition after);

    /**
     * Gives the values of change units {@code units} of every live row a fresh local version, where
     * the value is not NULL: after {@code ADD COLUMN ... DEFAULT} or {@code ALTER ... TYPE}, which
     * write every row without firing a trigger, so that every replica receives the values.
     */
    List<SqlStatement> stampUnits(TableDefinition table, List<Integer> units);

    /**
     * What the shared objects of an older format lack (the conflict log's {@code message} column),
     * found by looking at the catalog on {@code connection}; empty when they are current.
     */
    List<SqlStatement> upgradeSyncObjects(java.sql.Connection connection);

    /**
     * Puts back the tracking of a table whose triggers were lost (a table rebuilt, a restore without
     * triggers), its tracking table intact: the triggers again, then the rows written meanwhile
     * healed: a base row without a tracking row becomes a local insert, a live tracking row without
     * its base row a local delete. An update made while no trigger watched cannot be seen here;
     * {@code verify} finds it.
     */
    List<SqlStatement> repairTable(TableDefinition table);

    /** An SQL expression for "now" in the type of the tracking column {@code sw_at}. */
    String changeTimeExpression();
}
