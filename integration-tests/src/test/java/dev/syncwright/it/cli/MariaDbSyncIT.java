package dev.syncwright.it.cli;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;

class MariaDbSyncIT extends SyncContractIT {
    @Override
    TestDatabase create(String hint) {
        return TestDatabases.mariadb(hint);
    }
}
