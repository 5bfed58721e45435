package dev.syncwright.it.cli;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

class SqliteCliIT extends CliContractIT {
    @Override
    TestDatabase create(String hint) {
        return TestDatabases.sqlite(hint);
    }

    @Override
    String schema() {
        return "main";
    }

    @Override
    String dialect() {
        return "sqlite";
    }

    @Override
    List<String> foreignObjects(Connection c) throws SQLException {
        return strings(c, "SELECT type || ' ' || name FROM sqlite_master WHERE name NOT LIKE 'sqlite%'"
                + " AND name NOT IN ('customers', 'orders', 'audit_log')");
    }
}
