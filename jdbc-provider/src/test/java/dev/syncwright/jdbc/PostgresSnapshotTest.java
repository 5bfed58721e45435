package dev.syncwright.jdbc;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;

class PostgresSnapshotTest extends SnapshotContract {
    @Override
    TestDatabase createServer(String hint) {
        return TestDatabases.postgres(hint);
    }
}
