package dev.syncwright.tracking.liquibase;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Aborted (skipped) while the MySQL/MariaDB dialect is not registered as a service. */
class MariaDbChangelogTest extends ChangelogContract {
    @Override
    TestDatabase create(String hint) {
        return TestDatabases.mariadb(hint);
    }

    @Override
    boolean portable() {
        return false;
    }

    @Override
    List<String> syncObjects(Connection c) throws SQLException {
        return strings(c, """
                SELECT concat('table ', table_name) FROM information_schema.tables WHERE table_schema = database()
                  AND table_name NOT IN ('customers', 'orders') AND upper(table_name) NOT LIKE 'DATABASECHANGELOG%'
                UNION ALL SELECT concat('trigger ', trigger_name) FROM information_schema.triggers WHERE trigger_schema = database()
                UNION ALL SELECT concat(routine_type, ' ', routine_name) FROM information_schema.routines WHERE routine_schema = database()
                UNION ALL SELECT concat('index ', table_name, '.', index_name) FROM information_schema.statistics
                  WHERE table_schema = database() AND table_name NOT IN ('customers', 'orders')
                  AND upper(table_name) NOT LIKE 'DATABASECHANGELOG%'
                UNION ALL SELECT concat('event ', event_name) FROM information_schema.events WHERE event_schema = database()
                """);
    }
}
