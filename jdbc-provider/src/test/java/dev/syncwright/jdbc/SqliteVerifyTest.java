package dev.syncwright.jdbc;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;

class SqliteVerifyTest extends VerifyContract {
    @Override
    TestDatabase createServer(String hint) {
        return TestDatabases.sqlite(hint);
    }
}
