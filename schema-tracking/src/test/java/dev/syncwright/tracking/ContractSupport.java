package dev.syncwright.tracking;

import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.Dialects;
import dev.syncwright.dialect.SqlNames;
import dev.syncwright.dialect.TableName;
import dev.syncwright.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the dialect contract tests: one database per test class (created by {@code test-support},
 * dropped at the end), helpers that build SQL with the dialect's own quoting. A dialect joins the
 * contract by subclassing with {@link #createDatabase()} and {@link #catalog(Connection)}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ContractSupport {
    protected TestDatabase db;
    protected Dialect dialect;
    protected Provisioner provisioner;

    /** A fresh database of this dialect. */
    protected abstract TestDatabase createDatabase();

    /** Every object of the database (tables, indexes, triggers, functions, schemas...), to prove deprovision leaves no trace. */
    protected abstract Set<String> catalog(Connection c) throws SQLException;

    /** The schema user tables are created in (null where there is none). */
    protected abstract String defaultSchema();

    /** A connection for a concurrent writer (SQLite overrides it: immediate transactions, busy timeout). */
    protected Connection writer() throws SQLException {
        return db.connect();
    }

    @BeforeAll
    void openDatabase() throws SQLException {
        db = createDatabase();
        try (Connection c = db.connect()) {
            dialect = Dialects.detect(c);
        }
        provisioner = Provisioner.of(db.dataSource(), dialect);
    }

    @AfterAll
    void closeDatabase() {
        if (db != null) {
            db.close();
        }
    }

    protected String q(String identifier) {
        return dialect.names().quote(identifier);
    }

    protected TableName table(String name) {
        return new TableName(defaultSchema(), name);
    }

    protected void sql(String... statements) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String st : statements) {
                s.execute(st);
            }
        }
    }

    protected long count(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    protected long watermark() throws SQLException {
        try (Connection c = db.connect()) {
            return dialect.ticks().safeWatermark(c);
        }
    }

    /** The tracking row of a single-column key, after a watermark (dialects that stamp lazily stamp then). */
    protected TrackingRow tracking(String table, String keyColumn, Object key) throws SQLException {
        watermark();
        String tr = dialect.names().trackingTable(table(table));
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM " + tr + " WHERE " + q(keyColumn) + " = ?")) {
            ps.setObject(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                List<Long> v = new ArrayList<>();
                for (int i = 0; ; i++) {
                    try {
                        rs.findColumn(SqlNames.changeUnitColumn(i));
                    } catch (SQLException end) {
                        break;
                    }
                    long x = rs.getLong(SqlNames.changeUnitColumn(i));
                    v.add(rs.wasNull() ? null : x);
                }
                long tick = rs.getLong("sw_tick");
                long cv = rs.getLong("sw_cv");
                long dv = rs.getLong("sw_dv");
                return new TrackingRow(tick, cv, rs.wasNull() ? null : dv, v.toArray(new Long[0]));
            }
        }
    }
}
