package dev.syncwright.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Small JDBC helpers that wrap every {@link SQLException} once in a {@link SqlFailure}, naming the
 * object; for the dialects and the modules above them. Not meant for applications.
 */
public final class Jdbc {
    private Jdbc() {
    }

    /** A row mapper that may throw {@link SQLException}. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public static void execute(Connection c, SqlStatement s) {
        try (Statement st = c.createStatement()) {
            st.execute(s.sql());
        } catch (SQLException e) {
            throw new SqlFailure(s.kind().name().toLowerCase().replace('_', ' '), s.object(), e);
        }
    }

    public static void execute(Connection c, String sql, String object) {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new SqlFailure("Executing statement on", object, e);
        }
    }

    /** Runs a query with string parameters and maps every row. */
    public static <T> List<T> query(Connection c, String sql, String object, Row<T> row, Object... params) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new SqlFailure("Querying", object, e);
        }
    }

    /** A query returning one long (the first column of the first row). */
    public static long queryLong(Connection c, String sql, String object, Object... params) {
        List<Long> r = query(c, sql, object, rs -> rs.getLong(1), params);
        if (r.isEmpty()) {
            throw new SqlFailure("Querying", object, new SQLException("no row returned by: " + sql));
        }
        return r.get(0);
    }

    public static int update(Connection c, String sql, String object, Object... params) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new SqlFailure("Updating", object, e);
        }
    }

    /** The column names of a table, lower case (from the metadata of an empty query). */
    public static java.util.Set<String> columns(Connection c, String quotedTable, String object) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + quotedTable + " WHERE 1 = 0")) {
            java.util.Set<String> out = new java.util.TreeSet<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                out.add(rs.getMetaData().getColumnName(i).toLowerCase(java.util.Locale.ROOT));
            }
            return out;
        } catch (SQLException e) {
            throw new SqlFailure("Reading the columns of", object, e);
        }
    }
}
