package dev.syncwright.tracking;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.sql.Connection;
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

    /** No test of log capture compares catalogs: the ones that do run on the tracking contract. */
    @Override
    protected Set<String> catalog(Connection c) {
        throw new UnsupportedOperationException("not a tracking contract test");
    }
}
