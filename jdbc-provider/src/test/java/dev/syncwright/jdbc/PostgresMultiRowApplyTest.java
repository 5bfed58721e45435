package dev.syncwright.jdbc;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;

class PostgresMultiRowApplyTest extends MultiRowApplyContract {
    @Override
    TestDatabase createServer(String hint) {
        return capture() == null ? TestDatabases.postgres(hint) : TestDatabases.postgresLogical(hint);
    }
}
