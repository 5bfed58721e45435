package dev.syncwright.cli;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;

class PostgresSyncIT extends SyncContractIT {
    @Override
    TestDatabase create(String hint) {
        return TestDatabases.postgres(hint);
    }
}
