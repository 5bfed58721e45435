package dev.syncwright.jdbc;

/**
 * The integrity tests with the server's scope captured from the log (ADR 065). What a dropped trigger
 * is to triggers, a replica identity no longer FULL is to the capture: the old rows are missing from the
 * log, tracking is not whole, and provisioning repairs it.
 */
class PostgresLogicalIntegrityTest extends PostgresIntegrityTest {
    @Override
    String capture() {
        return "logical";
    }

    @Override
    String dropUpdateTrigger(String table) {
        return "ALTER TABLE " + table + " REPLICA IDENTITY DEFAULT";
    }
}
