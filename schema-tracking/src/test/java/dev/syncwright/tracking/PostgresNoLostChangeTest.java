package dev.syncwright.tracking;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

class PostgresNoLostChangeTest extends NoLostChangeContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabases.postgres("no_lost_change");
    }

    @Override
    protected String defaultSchema() {
        return "public";
    }

    @Override
    protected Set<String> catalog(Connection c) throws SQLException {
        return PgCatalog.snapshot(c);
    }
}
