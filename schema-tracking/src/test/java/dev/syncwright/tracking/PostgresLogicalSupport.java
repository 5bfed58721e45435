package dev.syncwright.tracking;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/** A database of its own on a PostgreSQL with wal_level = logical, for the tests of log capture (ADR 065). */
abstract class PostgresLogicalSupport extends ContractSupport {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabases.postgresLogical(getClass().getSimpleName());
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
