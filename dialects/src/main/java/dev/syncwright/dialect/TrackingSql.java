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

    /** Drops the triggers, functions and tracking table of {@link #provisionTable}. */
    List<SqlStatement> deprovisionTable(TableDefinition table);

    /**
     * Re-provisioning after drift: adds a {@code sw_v} column for each change unit of {@code after}
     * beyond {@code before.changeUnitCount()} and regenerates the triggers; tracking rows are kept.
     */
    List<SqlStatement> alterTable(TableDefinition before, TableDefinition after);

    /** An SQL expression for "now" in the type of the tracking column {@code sw_at}. */
    String changeTimeExpression();
}
