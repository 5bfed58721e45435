package dev.syncwright.it.cli;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

class PostgresCliIT extends CliContractIT {
    @Override
    TestDatabase create(String hint) {
        return TestDatabases.postgres(hint);
    }

    @Override
    String schema() {
        return "public";
    }

    @Override
    String dialect() {
        return "postgres";
    }

    @Override
    List<String> foreignObjects(Connection c) throws SQLException {
        return strings(c, """
                SELECT 'schema ' || nspname FROM pg_namespace WHERE nspname NOT IN ('public', 'information_schema')
                  AND nspname NOT LIKE 'pg\\_%'
                UNION ALL SELECT relkind::text || ' ' || n.nspname || '.' || relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
                  AND relname NOT IN ('customers', 'orders', 'audit_log', 'customers_pkey', 'orders_pkey')
                UNION ALL SELECT 'function ' || n.nspname || '.' || proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                  WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
                UNION ALL SELECT 'trigger ' || tgrelid::regclass || '.' || tgname FROM pg_trigger WHERE NOT tgisinternal
                """);
    }
}
