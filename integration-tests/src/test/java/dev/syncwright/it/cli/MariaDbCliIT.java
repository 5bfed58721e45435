package dev.syncwright.it.cli;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Aborted (skipped) while the MySQL/MariaDB dialect is not registered as a service. */
class MariaDbCliIT extends CliContractIT {
    @Override
    TestDatabase create(String hint) {
        return TestDatabases.mariadb(hint);
    }

    @Override
    String schema() throws SQLException {
        try (Connection c = db.connect()) {
            return c.getCatalog();
        }
    }

    @Override
    String dialect() {
        return "mariadb";
    }

    @Override
    List<String> foreignObjects(Connection c) throws SQLException {
        return strings(c, """
                SELECT concat('table ', table_name) FROM information_schema.tables WHERE table_schema = database()
                  AND table_name NOT IN ('customers', 'orders', 'audit_log')
                UNION ALL SELECT concat('trigger ', trigger_name) FROM information_schema.triggers WHERE trigger_schema = database()
                UNION ALL SELECT concat(routine_type, ' ', routine_name) FROM information_schema.routines WHERE routine_schema = database()
                UNION ALL SELECT concat('event ', event_name) FROM information_schema.events WHERE event_schema = database()
                """);
    }
}
