package dev.syncwright.tracking;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/** Every table, column, index and trigger of the connection's database, and the sync session variable's absence is not checked. */
final class MariaDbCatalog {
    private MariaDbCatalog() {
    }

    static Set<String> snapshot(Connection c) throws SQLException {
        Set<String> out = new HashSet<>();
        String db = c.getCatalog();
        String[] queries = {
            "SELECT CONCAT('table ', table_name) FROM information_schema.tables WHERE table_schema = '" + db + "'",
            "SELECT CONCAT('column ', table_name, '.', column_name, ' ', column_type) FROM information_schema.columns WHERE table_schema = '" + db + "'",
            "SELECT CONCAT('index ', table_name, '.', index_name, '.', column_name) FROM information_schema.statistics WHERE table_schema = '" + db + "'",
            "SELECT CONCAT('trigger ', trigger_name) FROM information_schema.triggers WHERE trigger_schema = '" + db + "'",
            "SELECT CONCAT('routine ', routine_name) FROM information_schema.routines WHERE routine_schema = '" + db + "'"};
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

    static String database(dev.syncwright.testing.TestDatabase db) {
        try (Connection c = db.connect()) {
            return c.getCatalog();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
