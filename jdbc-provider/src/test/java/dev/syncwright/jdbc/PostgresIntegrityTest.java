package dev.syncwright.jdbc;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;

class PostgresIntegrityTest extends IntegrityContract {
    @Override
    TestDatabase createServer(String hint) {
        return TestDatabases.postgres(hint);
    }

    @Override
    String dropUpdateTrigger(String table) {
        return "DROP TRIGGER syncwright_upd ON " + table;
    }
}
