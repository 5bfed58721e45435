package dev.syncwright.tracking.liquibase;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

class SqliteChangelogTest extends ChangelogContract {
    @Override
    TestDatabase create(String hint) {
        return TestDatabases.sqlite(hint);
    }

    @Override
    List<String> syncObjects(Connection c) throws SQLException {
        return strings(c, "SELECT type || ' ' || name FROM sqlite_master WHERE name NOT LIKE 'sqlite%'"
                + " AND name NOT IN ('customers', 'orders') AND upper(name) NOT LIKE 'DATABASECHANGELOG%'");
    }
}
