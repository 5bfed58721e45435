package dev.syncwright.jdbc;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;

class PostgresIntegrityTest extends IntegrityContract {
    @Override
    TestDatabase createServer(String hint) {
        return capture() == null ? TestDatabases.postgres(hint) : TestDatabases.postgresLogical(hint);
    }

    @Override
    String dropUpdateTrigger(String table) {
        return "DROP TRIGGER syncwright_upd ON " + table;
    }
}
