package dev.syncwright.tracking;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

class MariaDbTrackingContractTest extends TrackingContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabases.mariadb("tracking_contract");
    }

    @Override
    protected String defaultSchema() {
        return MariaDbCatalog.database(db);
    }

    @Override
    protected Set<String> catalog(Connection c) throws SQLException {
        return MariaDbCatalog.snapshot(c);
    }
}
