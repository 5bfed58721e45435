package dev.syncwright.tracking;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.sql.Connection;
import java.util.Set;

/**
 * The no-lost-change stress test with the scope captured from the log (ADR 065): the writers' transactions
 * carry no trigger; the enumerator captures what was committed before each watermark.
 */
class PostgresLogicalNoLostChangeTest extends NoLostChangeContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabases.postgresLogical("no_lost_change_logical");
    }

    @Override
    protected String defaultSchema() {
        return "public";
    }

    @Override
    protected Set<String> catalog(Connection c) {
        throw new UnsupportedOperationException();
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
