package dev.syncwright.jdbc;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;

class SqliteIntegrityTest extends IntegrityContract {
    @Override
    TestDatabase createServer(String hint) {
        return TestDatabases.sqlite(hint);
    }

    @Override
    String dropUpdateTrigger(String table) {
        return "DROP TRIGGER syncwright_upd_" + table;
    }
}
