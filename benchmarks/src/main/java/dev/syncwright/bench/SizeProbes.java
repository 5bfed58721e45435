package dev.syncwright.bench;

import dev.syncwright.dialect.TableName;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.tracking.Provisioner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Bytes per row of a base table and of its tracking table, one probe per dialect, each with the
 * database's own measure (PostgreSQL pg_total_relation_size, SQLite dbstat, MariaDB information_schema).
 */
final class SizeProbes {
    private SizeProbes() {
    }

    static Map<String, Object> of(String kind, TestDatabase db, Connection c, String table, String schema, int rows) throws SQLException {
        TableName base = new TableName(schema, table);
        String tracking = Provisioner.of(db.dataSource()).dialect().names().trackingTable(base);
        return switch (kind) {
            case "postgresql" -> pgSizes(c, base, tracking, rows);
            case "sqlite" -> sqliteSizes(c, table, Provisioner.of(db.dataSource()).dialect().names().trackingTableName(base).name(), rows);
            default -> mysqlSizes(c, table, Provisioner.of(db.dataSource()).dialect().names().trackingTableName(base).name(), rows);
        };
    }

    static Map<String, Object> pgSizes(DataSource ds, String table, int rows) throws SQLException {
        TableName base = new TableName("public", table);
        String tracking = Provisioner.of(ds).dialect().names().trackingTable(base);
        try (Connection c = ds.getConnection()) {
            return pgSizes(c, base, tracking, rows);
        }
    }

    /** pg_total_relation_size: heap + TOAST + indexes, after VACUUM ANALYZE. */
    private static Map<String, Object> pgSizes(Connection c, TableName base, String tracking, int rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(true);
            s.execute("VACUUM ANALYZE");
            c.setAutoCommit(auto);
        }
        return sizeMap("pg_total_relation_size (heap+toast+indexes)",
                pgSize(c, "\"" + base.schema() + "\".\"" + base.name() + "\""), pgSize(c, tracking), rows);
    }

    private static long pgSize(Connection c, String relation) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_total_relation_size(?::regclass)")) {
            ps.setString(1, relation);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static Map<String, Object> sqliteSizes(DataSource ds, String table, int rows) throws SQLException {
        String tracking = Provisioner.of(ds).dialect().names().trackingTableName(new TableName(null, table)).name();
        try (Connection c = ds.getConnection()) {
            return sqliteSizes(c, table, tracking, rows);
        }
    }

    /** dbstat: bytes of the pages of a table and of its indexes. */
    private static Map<String, Object> sqliteSizes(Connection c, String table, String tracking, int rows) throws SQLException {
        return sizeMap("SQLite dbstat pages (table+indexes)", sqliteSize(c, table), sqliteSize(c, tracking), rows);
    }

    private static long sqliteSize(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(d.pgsize), 0) FROM dbstat d"
                + " JOIN sqlite_master m ON m.name = d.name WHERE m.tbl_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** information_schema data_length + index_length after ANALYZE TABLE (InnoDB estimates, in pages). */
    private static Map<String, Object> mysqlSizes(Connection c, String table, String tracking, int rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE TABLE `" + table + "`, `" + tracking + "`");
        }
        return sizeMap("information_schema data_length+index_length (InnoDB)", mysqlSize(c, table), mysqlSize(c, tracking), rows);
    }

    private static long mysqlSize(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT data_length + index_length FROM information_schema.tables"
                + " WHERE table_schema = DATABASE() AND table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                Bench.check(rs.next(), "no table " + table);
                return rs.getLong(1);
            }
        }
    }

    private static Map<String, Object> sizeMap(String method, long data, long tracking, int rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", rows);
        m.put("method", method);
        m.put("dataBytes", data);
        m.put("trackingBytes", tracking);
        m.put("dataBytesPerRow", Bench.round((double) data / rows));
        m.put("trackingBytesPerRow", Bench.round((double) tracking / rows));
        double ratio = (double) tracking / data;
        m.put("ratio", Bench.round(ratio));
        m.put("target", "ratio <= 1.0");
        m.put("met", ratio <= 1.0);
        return m;
    }
}
