package dev.syncwright.jdbc;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;

class MariaDbIntegrityTest extends IntegrityContract {
    @Override
    TestDatabase createServer(String hint) {
        return TestDatabases.mariadb(hint);
    }

    @Override
    String dropUpdateTrigger(String table) {
        return "DROP TRIGGER syncwright_au_" + table;
    }
}
