package dev.syncwright.tracking;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/** Names of every user-visible PostgreSQL object (relations, functions, triggers, schemas, constraints). */
final class PgCatalog {
    private PgCatalog() {
    }

    static Set<String> snapshot(Connection c) throws SQLException {
        Set<String> out = new HashSet<>();
        String[] queries = {
            "SELECT 'rel ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'",
            "SELECT 'fn ' || n.nspname || '.' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                    + "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')",
            "SELECT 'trg ' || tgrelid::regclass::text || '.' || tgname FROM pg_trigger WHERE NOT tgisinternal",
            "SELECT 'ns ' || nspname FROM pg_namespace",
            "SELECT 'con ' || conrelid::regclass::text || '.' || conname FROM pg_constraint WHERE connamespace <> 'pg_catalog'::regnamespace",
        };
        try (Statement s = c.createStatement()) {
            for (String q : queries) {
                try (ResultSet rs = s.executeQuery(q)) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
        }
        return out;
    }
}
