package dev.syncwright.tracking;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.sql.Connection;

/**
 * The no-lost-change stress test with the scope captured from the log (ADR 065): the writers' transactions
 * carry no trigger; the enumerator captures what was committed before each watermark.
 */
class PostgresLogicalNoLostChangeTest extends PostgresNoLostChangeTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabases.postgresLogical("no_lost_change_logical");
    }

    @Override
    protected void provision(SyncScope scope) {
        provisioner.provision(scope, "logical");
    }

    @Override
    protected void beforeWatermark(Connection c) {
        dialect.changeCapture().orElseThrow().drain(c, "stress", provisioner.definition("stress").orElseThrow().tables());
    }
}
