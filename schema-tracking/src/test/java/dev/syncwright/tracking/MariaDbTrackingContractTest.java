package dev.syncwright.tracking;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.dialect.SchemaException;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import org.junit.jupiter.api.Test;

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

    /** The triggers find the clock in their own database, so only the connection's database is tracked. */
    @Test
    void aTableInAnotherDatabaseIsRefusedByName() throws SQLException {
        try (TestDatabase other = TestDatabases.mariadb("tracking_other")) {
            String name = MariaDbCatalog.database(other);
            try (Connection c = other.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE elsewhere (id INTEGER NOT NULL PRIMARY KEY)");
            }
            assertThatThrownBy(() -> provisioner.plan(SyncScope.named("elsewhere").tables(name + ".elsewhere").build()))
                    .isInstanceOf(SchemaException.class).hasMessageContaining(name + ".elsewhere")
                    .hasMessageContaining("connect to '" + name + "'");
        }
    }
}
