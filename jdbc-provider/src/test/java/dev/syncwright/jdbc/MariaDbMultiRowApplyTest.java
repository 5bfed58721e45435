package dev.syncwright.jdbc;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;

class MariaDbMultiRowApplyTest extends MultiRowApplyContract {
    @Override
    TestDatabase createServer(String hint) {
        return TestDatabases.mariadb(hint);
    }

    @Override
    String largeText() {
        return "LONGTEXT";
    }
}
